import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth/register-form";
import styles from "@/components/auth/auth.module.css";
import { Card, PageHeader } from "@/components/ui";
import { getCurrentUser, safeReturnTo } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeReturnTo(Array.isArray(raw) ? raw[0] : raw);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className={styles.narrow}>
      <PageHeader title="Create an account" description="Join Atrium to enroll in courses and track your progress." />
      <Card>
        <RegisterForm callbackUrl={callbackUrl} />
      </Card>
    </div>
  );
}
