"use client";
// The live preview beside the problem editor: the LMS's own problem component (ProblemClient),
// rendered from the editor's current OLX and answered through previewProblemAction, so the author
// sees exactly what learners will see and can check the grading. Nothing is saved: attempts,
// marks and the score live in this component only.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { ProblemClient, type ProblemClientActions } from "@/components/problem/problem-client";
import { previewProblemAction } from "@/lib/actions/studio/preview-problem-action";
import type { ProblemPreview as PreviewData } from "@/lib/studio/problem-preview";
import styles from "./problem-editor.module.css";

export interface ProblemPreviewProps {
  courseKey: string;
  /** the OLX to preview, or null when the editor cannot produce one (then `error` says why) */
  olx: string | null;
  error: string | null;
  displayName: string;
}

const DEBOUNCE_MS = 500;

export function ProblemPreview({ courseKey, olx, error, displayName }: ProblemPreviewProps) {
  const [preview, setPreview] = useState<{ olx: string; data: PreviewData } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [graded, setGraded] = useState<{ correctness: Record<string, string>; earned: number | null; attempts: number }>({ correctness: {}, earned: null, attempts: 0 });
  const request = useRef(0);
  const headingId = useId();

  useEffect(() => {
    if (olx === null) return;
    const mine = ++request.current;
    const timer = setTimeout(async () => {
      try {
        const r = await previewProblemAction({ courseKey, olx, answers: {}, grade: false });
        if (mine !== request.current) return;
        if (!r.ok) {
          setFailure(r.message);
          return;
        }
        setFailure(null);
        setPreview({ olx, data: r.data });
        setGraded({ correctness: {}, earned: null, attempts: 0 });
      } catch {
        if (mine === request.current) setFailure("The preview could not reach the server.");
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [courseKey, olx]);

  const actions = useMemo<ProblemClientActions | null>(() => {
    if (!preview) return null;
    const { data } = preview;
    return {
      submit: async (answers) => {
        const r = await previewProblemAction({ courseKey, olx: preview.olx, answers });
        if (!r.ok) return { ok: false, message: r.message };
        const g = r.data.grade;
        if (!g) return { ok: false, message: "The preview did not grade the answers." };
        if (!g.ok) return { ok: false, message: g.message };
        setGraded((s) => ({ correctness: g.correctness, earned: g.earned, attempts: s.attempts + 1 }));
        return { ok: true, data: { correctness: g.correctness, hints: g.hints, earned: g.earned, possible: g.possible } };
      },
      reset: async () => {
        setGraded((s) => ({ correctness: {}, earned: null, attempts: s.attempts }));
        return { ok: true, data: {} };
      },
      showAnswer: async () => ({ ok: true, data: { correctAnswers: data.correctAnswers, solutions: data.solutions } }),
      getDemandHint: async (index) => {
        const total = data.demandHints.length;
        if (total === 0) return { ok: false, message: "This problem has no hints." };
        const i = index % total;
        return { ok: true, data: { index: i, total, html: data.demandHints[i] } };
      },
    };
  }, [courseKey, preview]);

  const stale = preview !== null && olx !== null && preview.olx !== olx;
  return (
    <section className={styles.preview} aria-labelledby={headingId} data-testid="problem-preview">
      <h3 id={headingId} className={styles.previewHeading}>
        Preview <span className={styles.muted}>(answers are graded here and never saved)</span>
      </h3>
      {error ? (
        <p className={styles.previewError} data-testid="problem-preview-error">
          {error}
        </p>
      ) : failure ? (
        <p className={styles.previewError} data-testid="problem-preview-error">
          {failure}
        </p>
      ) : !preview || !actions ? (
        <p className={styles.muted}>Loading the preview…</p>
      ) : !preview.data.view.supported ? (
        <div className={styles.previewError} data-testid="problem-preview-error">
          <p>
            <strong>This problem cannot be shown or graded here.</strong>
          </p>
          {preview.data.view.reason ? <p>{preview.data.view.reason}</p> : null}
        </div>
      ) : (
        <div className={styles.previewBody} aria-busy={stale}>
          <p className={styles.previewTitle}>{displayName}</p>
          <ProblemClient
            key={preview.olx}
            view={{ ...preview.data.view, correctness: graded.correctness, earned: graded.earned, attempts: graded.attempts }}
            canSubmit
            signedIn
            actions={actions}
          />
        </div>
      )}
    </section>
  );
}
