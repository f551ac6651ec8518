import type { Metadata } from "next";
import { RequestResetForm } from "@/components/auth/password-reset-forms";
import styles from "@/components/auth/auth.module.css";
import { Card, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Reset your password" };
export const dynamic = "force-dynamic";

export default function PasswordResetPage() {
  return (
    <div className={styles.narrow}>
      <PageHeader title="Reset your password" description="Enter the email address of your account; we will send you a link to choose a new password." />
      <Card>
        <RequestResetForm />
      </Card>
    </div>
  );
}
