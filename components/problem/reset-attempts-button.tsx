"use client";
// Staff: resets one learner's attempts on one problem, then refreshes the page's data.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { resetLearnerAttemptsAction } from "@/lib/actions/problems/reset-learner-attempts-action";

export function ResetAttemptsButton({ courseId, usageKey, learnerId, problemName }: { courseId: number; usageKey: string; learnerId: number; problemName: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        aria-label={`Reset attempts on ${problemName}`}
        onClick={() =>
          start(async () => {
            const res = await resetLearnerAttemptsAction({ courseId, usageKey, learnerId });
            setMsg(res.ok ? { ok: true, text: `Attempts reset (was ${res.data.previousAttempts}).` } : { ok: false, text: res.message });
            if (res.ok) router.refresh();
          })
        }
      >
        {pending ? "Resetting…" : "Reset attempts"}
      </button>{" "}
      <span aria-live="polite" style={{ color: msg && !msg.ok ? "var(--color-danger)" : "var(--color-success)" }}>
        {msg?.text}
      </span>
    </span>
  );
}
