"use client";
// The sign-in form: email or username + password, through next-auth's Credentials provider.
// Errors (wrong password, throttled, deactivated) come back as codes and are shown in words.
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button, Field, FormStatus } from "@/components/ui";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";
import styles from "./auth.module.css";

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const login = String(form.get("login") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!login || !password) {
      setError("Enter your email or username and your password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { login, password, redirect: false });
      if (!res || res.error || !res.ok) {
        setError(signInErrorMessage(res?.error ?? "CredentialsSignin"));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Sign-in is unavailable right now. Please try again in a moment.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} method="post" noValidate>
      <FormStatus state={error ? { ok: false, message: error } : null} />
      <Field label="Email or username" name="login" autoComplete="username" required autoCapitalize="none" spellCheck={false} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" block disabled={pending} aria-disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <div className={styles.links}>
        <Link href="/password-reset">Forgot your password?</Link>
        <span>
          New to Atrium? <Link href={`/register${callbackUrl !== "/dashboard" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>Create an account</Link>
        </span>
      </div>
    </form>
  );
}
