"use client";
import Link from "next/link";
import { Button, Field, FormStatus, useActionForm } from "@/components/ui";
import { registerUserAction } from "@/lib/actions/auth/register-user";
import styles from "./auth.module.css";

export function RegisterForm({ callbackUrl }: { callbackUrl: string }) {
  const { result, pending, onSubmit, fieldError } = useActionForm(registerUserAction);
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <FormStatus state={result && !result.ok ? result : null} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError("email")} maxLength={254} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        autoCapitalize="none"
        spellCheck={false}
        hint="Shown publicly. 2–30 letters, digits, _ or -."
        error={fieldError("username")}
        maxLength={30}
      />
      <Field label="Full name" name="fullName" autoComplete="name" required error={fieldError("fullName")} hint="Shown on your certificates and to course staff." />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters (at most 72 bytes)."
        error={fieldError("password")}
      />
      <Button type="submit" block disabled={pending} aria-disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <div className={styles.links}>
        <span>
          Already have an account? <Link href="/login">Sign in</Link>
        </span>
      </div>
    </form>
  );
}
