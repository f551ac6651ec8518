import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import styles from "@/components/auth/auth.module.css";
import { Card, PageHeader } from "@/components/ui";
import { getCurrentUser, safeReturnTo } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const callbackUrl = safeReturnTo(first(sp.callbackUrl));
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className={styles.narrow}>
      <PageHeader title="Sign in" description="Use your email address or your username." />
      <Card>
        <LoginForm callbackUrl={callbackUrl} initialError={signInErrorMessage(first(sp.error))} />
      </Card>
    </div>
  );
}
