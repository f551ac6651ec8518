"use client";
import { useRouter } from "next/navigation";
import { Button, Card, Field, FormStatus, useActionForm } from "@/components/ui";
import { changePasswordAction } from "@/lib/actions/auth/change-password";
import { updateProfileAction } from "@/lib/actions/auth/update-profile";

export function ProfileForm({ fullName }: { fullName: string }) {
  const router = useRouter();
  const { result, pending, onSubmit, fieldError } = useActionForm(updateProfileAction, { onSuccess: () => router.refresh() });
  return (
    <Card title="Profile">
      <form onSubmit={onSubmit} noValidate>
        <FormStatus state={result ? (result.ok ? { ok: true, message: result.data.message } : result) : null} />
        <Field label="Full name" name="fullName" defaultValue={fullName} autoComplete="name" required error={fieldError("fullName")} />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Saving…" : "Save name"}
        </Button>
      </form>
    </Card>
  );
}

export function PasswordForm() {
  const { result, pending, onSubmit, fieldError } = useActionForm(changePasswordAction, { onSuccess: (_d, form) => form.reset() });
  return (
    <Card title="Password">
      <form onSubmit={onSubmit} noValidate>
        <FormStatus state={result ? (result.ok ? { ok: true, message: result.data.message } : result) : null} />
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fieldError("currentPassword")} />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters (at most 72 bytes)."
          error={fieldError("newPassword")}
        />
        <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fieldError("confirmPassword")} />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </Card>
  );
}
