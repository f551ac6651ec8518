"use client";
// Shows an action's failure (or a success message) above a form and moves focus to it, so
// keyboard and screen-reader users learn what happened without hunting for it.
import { useEffect, useRef } from "react";
import { Notice } from "./notice";

export type FormStatusState = { ok: true; message?: string } | { ok: false; message: string } | null | undefined;

export function FormStatus({ state }: { state: FormStatusState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state && (!state.ok || state.message)) ref.current?.focus();
  }, [state]);
  if (!state) return null;
  if (state.ok && !state.message) return null;
  return (
    <div ref={ref} tabIndex={-1} data-testid="form-status" style={{ outline: "none" }}>
      <Notice tone={state.ok ? "success" : "error"} live>
        <p>{state.message}</p>
      </Notice>
    </div>
  );
}
