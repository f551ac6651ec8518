import type { Metadata } from "next";
import { ProfileForm, PasswordForm } from "@/components/auth/account-forms";
import styles from "@/components/auth/auth.module.css";
import { Badge, Button, Card, PageHeader, Row, Stack } from "@/components/ui";
import { signOutEverywhereAction } from "@/lib/actions/auth/sign-out-everywhere";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <div className={styles.wide}>
      <PageHeader title="Account" description="Your name, password and sessions." />
      <Stack>
        <Card title="Signed in as">
          <dl className={styles.facts}>
            <dt>Username</dt>
            <dd data-testid="account-username">{user.username}</dd>
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Full name</dt>
            <dd data-testid="account-fullname">{user.fullName}</dd>
          </dl>
          {user.isAdmin || user.canCreateCourses ? (
            <Row>
              {user.isAdmin ? <Badge tone="info">Administrator</Badge> : null}
              {user.canCreateCourses ? <Badge tone="success">Course creator</Badge> : null}
            </Row>
          ) : null}
        </Card>
        <ProfileForm fullName={user.fullName} />
        <PasswordForm />
        <Card title="Sessions">
          <form action={signOutEverywhereAction}>
            <p>Signs you out on every browser and device, this one included.</p>
            <Button type="submit" variant="secondary">
              Sign out everywhere
            </Button>
          </form>
        </Card>
      </Stack>
    </div>
  );
}
