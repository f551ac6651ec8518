import type { Metadata } from "next";
import Link from "next/link";
import styles from "@/components/auth/auth.module.css";
import { Button, Card, PageHeader } from "@/components/ui";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign out" };
export const dynamic = "force-dynamic";

// Signing out changes state, so it is a POST (a button), never a side effect of a GET.
export default async function LogoutPage() {
  const user = await getCurrentUser();
  return (
    <div className={styles.narrow}>
      <PageHeader title="Sign out" />
      <Card>
        {user ? (
          <form action={signOutAction}>
            <p>
              You are signed in as <strong>{user.username}</strong>.
            </p>
            <Button type="submit" block>
              Sign out
            </Button>
          </form>
        ) : (
          <p>
            You are signed out. <Link href="/login">Sign in</Link>
          </p>
        )}
      </Card>
    </div>
  );
}
