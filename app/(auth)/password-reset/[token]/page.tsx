import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/password-reset-forms";
import styles from "@/components/auth/auth.module.css";
import { Card, Notice, PageHeader } from "@/components/ui";
import { isResetTokenValid } from "@/lib/auth/password-reset";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetWithTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = token.length <= 200 && (await isResetTokenValid({ token }));
  return (
    <div className={styles.narrow}>
      <PageHeader title="Choose a new password" />
      <Card>
        {valid ? (
          <ResetPasswordForm token={token} />
        ) : (
          <Notice tone="error">
            <p>This reset link has expired or was already used.</p>
            <p>
              <Link href="/password-reset">Ask for a new link</Link>
            </p>
          </Notice>
        )}
      </Card>
    </div>
  );
}
