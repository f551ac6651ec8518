"use client";
// Runs a server action from a form's submit event and keeps its ActionResult. Unlike the form
// `action` prop, this does not reset the form on failure, so people do not retype everything
// (passwords are never echoed back by the server).
import { useState, useTransition, type FormEvent } from "react";

export type ClientActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

export function useActionForm<T>(action: (input: FormData) => Promise<ClientActionResult<T>>, opts: { onSuccess?: (data: T, form: HTMLFormElement) => void } = {}) {
  const [result, setResult] = useState<ClientActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      try {
        const r = await action(data);
        setResult(r);
        if (r?.ok) opts.onSuccess?.(r.data, form);
      } catch (err) {
        // redirect() inside the action surfaces here as a navigation; anything else is a network/server failure.
        if ((err as { digest?: string })?.digest?.startsWith("NEXT_REDIRECT")) throw err;
        setResult({ ok: false, code: "unavailable", message: "Could not reach the server. Please try again." });
      }
    });
  }
  const fieldError = (name: string): string | undefined => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  return { result, pending, onSubmit, fieldError };
}
