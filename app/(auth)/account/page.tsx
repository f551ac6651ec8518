import type { Metadata } from "next";
import { ProfileForm, PasswordForm } from "@/components/auth/account-forms";
import styles from "@/components/auth/auth.module.css";
import { Badge, Card, PageHeader, Row, Stack } from "@/components/ui";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <div className={styles.wide}>
      <PageHeader title="Account" description="Your name and password." />
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
      </Stack>
    </div>
  );
}
