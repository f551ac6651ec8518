"use client";
import Link from "next/link";
import { Button, Field, FormStatus, Notice, useActionForm } from "@/components/ui";
import { requestPasswordResetAction } from "@/lib/actions/auth/request-password-reset";
import { resetPasswordAction } from "@/lib/actions/auth/reset-password";

export function RequestResetForm() {
  const { result, pending, onSubmit, fieldError } = useActionForm(requestPasswordResetAction);
  if (result?.ok) {
    return (
      <Notice tone="success" live>
        <p>{result.data.message}</p>
      </Notice>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormStatus state={result && !result.ok ? result : null} />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError("email")} />
      <Button type="submit" block disabled={pending} aria-disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const { result, pending, onSubmit, fieldError } = useActionForm(resetPasswordAction);
  if (result?.ok) {
    return (
      <Notice tone="success" live>
        <p>{result.data.message}</p>
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </Notice>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormStatus state={result && !result.ok ? result : null} />
      <input type="hidden" name="token" value={token} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 8 characters (at most 72 bytes)." error={fieldError("newPassword")} />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fieldError("confirmPassword")} />
      <Button type="submit" block disabled={pending} aria-disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
