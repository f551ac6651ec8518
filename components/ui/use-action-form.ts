"use client";
// Runs a server action from a form's submit event and keeps its ActionResult. Unlike the form
// `action` prop, this does not reset the form on failure, so people do not retype everything
// (passwords are never echoed back by the server).
import { useState, useTransition, type FormEvent } from "react";

export type ClientActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

const UNAVAILABLE = { ok: false, code: "unavailable", message: "Could not reach the server. Please try again." } as const;

/** Calls a server action; a network/server failure becomes an "unavailable" result instead of a
 *  crash. redirect() inside the action surfaces as a thrown navigation and is passed on. */
async function callAction<T>(run: () => Promise<ClientActionResult<T>>): Promise<ClientActionResult<T>> {
  try {
    return await run();
  } catch (err) {
    if ((err as { digest?: string })?.digest?.startsWith("NEXT_REDIRECT")) throw err;
    return UNAVAILABLE;
  }
}

/**
 * Runs a server action from a button (not a form): `run(() => someAction(input), onSuccess)`.
 * Keeps `pending` and the last error message, which the caller shows next to the button.
 */
export function useActionCall() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run<T>(call: () => Promise<ClientActionResult<T>>, onSuccess?: (data: T) => void) {
    startTransition(async () => {
      setError(null);
      const r = await callAction(call);
      if (r.ok) onSuccess?.(r.data);
      else setError(r.message);
    });
  }
  return { pending, error, run };
}

export function useActionForm<T>(action: (input: FormData) => Promise<ClientActionResult<T>>, opts: { onSuccess?: (data: T, form: HTMLFormElement) => void } = {}) {
  const [result, setResult] = useState<ClientActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const r = await callAction(() => action(data));
      setResult(r);
      if (r.ok) opts.onSuccess?.(r.data, form);
    });
  }
  const fieldError = (name: string): string | undefined => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  return { result, pending, onSubmit, fieldError };
}
