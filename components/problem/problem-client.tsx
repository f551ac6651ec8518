"use client";
// The interactive part of a problem: inputs from the render model, Submit / Reset / Show Answer /
// Hint through `actions`, per-input correctness marks and feedback, attempts, and an aria-live
// region announcing every result. All rules are enforced on the server; the flags here only decide
// which buttons to show. The LMS (learner-problem.tsx) answers through the learner's server actions
// and the state route; Studio's live preview through its own, non-persisting preview action.
import { useCallback, useId, useRef, useState, useTransition, type ReactNode } from "react";
import type { CorrectAnswer, RenderInput, RenderNode } from "@/lib/capa/types";
import type { ProblemView } from "@/lib/problems/view";
import { AnnotationInput } from "./annotation-input";
import { ImageInput } from "./image-input";
import { JsinputFrame, type JsinputHandle } from "./jsinput-frame";
import styles from "./problem.module.css";

type Answers = Record<string, string | string[]>;
type Result<T> = { ok: true; data: T } | { ok: false; message: string };

/** What the buttons do. */
export interface ProblemClientActions {
  submit(answers: Answers): Promise<Result<{ correctness: Record<string, string>; hints: Record<string, string>; earned: number; possible: number }>>;
  reset(): Promise<Result<unknown>>;
  showAnswer(): Promise<Result<{ correctAnswers: Record<string, CorrectAnswer>; solutions: string[] }>>;
  getDemandHint(index: number): Promise<Result<{ index: number; total: number; html: string }>>;
  /** after an accepted submit or reset; the buttons stay busy until it settles (the LMS re-reads the learner's state) */
  onChanged?(): Promise<unknown> | void;
}

export interface ProblemClientProps {
  view: ProblemView;
  canSubmit: boolean;
  signedIn: boolean;
  actions: ProblemClientActions;
  /** Shown instead of the usual status while the learner's state is not known (loading, failed):
   *  the problem is readable but cannot be answered, and no attempt count is shown. */
  notice?: string | null;
}

const MARK: Record<string, { text: string; cls: string; icon: string }> = {
  correct: { text: "Correct", cls: "correct", icon: "✓" },
  "partially-correct": { text: "Partially correct", cls: "partial", icon: "◐" },
  incorrect: { text: "Incorrect", cls: "incorrect", icon: "✗" },
};

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function ProblemClient({ view, canSubmit, signedIn, actions, notice = null }: ProblemClientProps) {
  const baseId = useId();
  const [answers, setAnswers] = useState<Answers>(view.answers);
  const [message, setMessage] = useState<{ kind: "info" | "error" | "success"; text: string } | null>(null);
  const [hints, setHints] = useState<Record<string, string>>({});
  const [reveal, setReveal] = useState<{ correctAnswers: Record<string, CorrectAnswer>; solutions: string[] } | null>(null);
  const [demandHints, setDemandHints] = useState<{ index: number; total: number; html: string }[]>([]);
  const [dirty, setDirty] = useState(false);
  const [pending, startTransition] = useTransition();
  const model = view.model!;
  const [frameGeneration, setFrameGeneration] = useState(0);
  const frames = useRef(new Map<string, JsinputHandle>());
  const registerFrame = useCallback((id: string, handle: JsinputHandle | null) => {
    if (handle) frames.current.set(id, handle);
    else frames.current.delete(id);
  }, []);

  // Marks reflect the stored state; once the learner edits, they are stale and hidden.
  const marks = dirty ? {} : view.correctness;
  const waiting = notice !== null;
  const readOnly = waiting || !canSubmit || view.closed || view.mustReset;
  const attemptsLeft = view.maxAttempts === null ? null : Math.max(0, view.maxAttempts - view.attempts);

  const setAnswer = (id: string, value: string | string[]) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    setDirty(true);
    setHints({});
  };

  const onSubmit = () =>
    startTransition(async () => {
      // jsinput pages answer first; a page that does not answer submits nothing (no attempt used).
      const collected: Answers = {};
      for (const input of model.inputs) {
        if (input.kind !== "jsinput") continue;
        const frame = frames.current.get(input.id);
        const got = frame ? await frame.collect() : { ok: false as const, message: "The interactive part of this problem is not loaded yet; nothing was submitted." };
        if (!got.ok) {
          setMessage({ kind: "error", text: got.message });
          return;
        }
        collected[input.id] = got.value;
      }
      const full = { ...answers, ...collected };
      if (Object.keys(collected).length > 0) setAnswers(full);
      const res = await actions.submit(full);
      if (!res.ok) {
        setMessage({ kind: "error", text: res.message });
        return;
      }
      const d = res.data;
      const values = Object.values(d.correctness);
      const all = values.length > 0 && values.every((c) => c === "correct");
      const none = values.every((c) => c === "incorrect");
      const verdict = all ? "Correct" : none ? "Incorrect" : "Partially correct";
      setMessage({ kind: all ? "success" : "info", text: `${verdict}: ${fmt(d.earned)} of ${fmt(d.possible)} points.` });
      setHints(d.hints);
      setDirty(false);
      setReveal(null);
      await actions.onChanged?.();
    });

  const onReset = () =>
    startTransition(async () => {
      const res = await actions.reset();
      if (!res.ok) {
        setMessage({ kind: "error", text: res.message });
        return;
      }
      setAnswers({});
      setHints({});
      setReveal(null);
      setDirty(false);
      setFrameGeneration((g) => g + 1);
      setMessage({ kind: "info", text: "The problem was reset. Your answers and score were cleared." });
      await actions.onChanged?.();
    });

  const onShowAnswer = () =>
    startTransition(async () => {
      const res = await actions.showAnswer();
      if (!res.ok) {
        setMessage({ kind: "error", text: res.message });
        return;
      }
      setReveal(res.data);
      setMessage({ kind: "info", text: "Answers are shown below each input." });
    });

  const onHint = () =>
    startTransition(async () => {
      const next = demandHints.length;
      const res = await actions.getDemandHint(next);
      if (!res.ok) {
        setMessage({ kind: "error", text: res.message });
        return;
      }
      setDemandHints((h) => [...h, res.data]);
      setMessage({ kind: "info", text: `Hint ${res.data.index + 1} of ${res.data.total} shown.` });
    });

  const answerText = (input: RenderInput): string | null => {
    const a = reveal?.correctAnswers[input.id];
    if (!a) return null;
    if (a.kind === "option") return a.value;
    if (a.kind === "text") return a.values.join(" or ");
    if (a.kind === "image") return a.text;
    if (a.kind === "annotation") return a.text;
    if (input.kind === "radio" || input.kind === "checkbox") {
      return a.values.map((v) => stripTags(input.choices.find((c) => c.value === v)?.html ?? v)).join(", ");
    }
    return a.values.join(", ");
  };

  const renderInput = (input: RenderInput): ReactNode => {
    const domId = `${baseId}-${input.id}`;
    const mark = marks[input.id] ? MARK[marks[input.id]] : null;
    const feedback = hints[input.id];
    const shown = answerText(input);
    const descIds = input.descriptions.map((_, i) => `${domId}-desc-${i}`);
    const after = (
      <>
        {mark ? (
          <span className={`${styles.mark} ${styles[mark.cls]}`} data-testid={`mark-${input.id}`}>
            <span aria-hidden="true">{mark.icon} </span>
            {mark.text}
          </span>
        ) : null}
        {feedback ? <div className={styles.feedback} dangerouslySetInnerHTML={{ __html: feedback }} /> : null}
        {shown !== null ? (
          <p className={styles.answer} data-testid={`answer-${input.id}`}>
            <strong>Answer:</strong> {shown}
          </p>
        ) : null}
      </>
    );
    const descriptions = input.descriptions.map((d, i) => <div key={i} id={descIds[i]} className={styles.description} dangerouslySetInnerHTML={{ __html: d }} />);

    if (input.kind === "jsinput") {
      return (
        <div key={input.id} className={styles.field}>
          {input.label ? <div className={styles.label} dangerouslySetInnerHTML={{ __html: input.label }} /> : null}
          {descriptions}
          <JsinputFrame key={`${input.id}-${frameGeneration}`} input={input} saved={answers[input.id]} register={registerFrame} />
          {after}
        </div>
      );
    }

    if (input.kind === "image") {
      const revealed = reveal?.correctAnswers[input.id];
      return (
        <ImageInput
          key={`${input.id}-${frameGeneration}`}
          input={input}
          domId={domId}
          value={answers[input.id]}
          disabled={readOnly || pending}
          onChange={(v) => setAnswer(input.id, v)}
          reveal={revealed?.kind === "image" ? revealed : undefined}
          legend={input.label ? <span dangerouslySetInnerHTML={{ __html: input.label }} /> : "Choose a point on the image"}
          describedBy={descIds.join(" ") || undefined}
        >
          {descriptions}
          {after}
        </ImageInput>
      );
    }

    if (input.kind === "annotation") {
      const revealed = reveal?.correctAnswers[input.id];
      return (
        <AnnotationInput
          key={input.id}
          input={input}
          domId={domId}
          value={answers[input.id]}
          disabled={readOnly || pending}
          onChange={(v) => setAnswer(input.id, v)}
          reveal={revealed?.kind === "annotation" ? revealed : undefined}
          label={input.label}
          describedBy={descIds.join(" ") || undefined}
        >
          {descriptions}
          {after}
        </AnnotationInput>
      );
    }

    if (input.kind === "radio" || input.kind === "checkbox") {
      const current = answers[input.id];
      const selected = new Set(Array.isArray(current) ? current : current ? [current] : []);
      return (
        <fieldset key={input.id} className={styles.fieldset} aria-describedby={descIds.join(" ") || undefined}>
          <legend className={input.label ? styles.legend : "visually-hidden"}>
            {input.label ? <span dangerouslySetInnerHTML={{ __html: input.label }} /> : input.kind === "radio" ? "Choose one answer" : "Choose all that apply"}
          </legend>
          {descriptions}
          {input.choices.map((c) => {
            const cid = `${domId}-${c.value}`;
            return (
              <div key={c.value} className={styles.choice}>
                <input
                  type={input.kind}
                  id={cid}
                  name={`${domId}`}
                  value={c.value}
                  checked={selected.has(c.value)}
                  disabled={readOnly || pending}
                  onChange={(e) => {
                    if (input.kind === "radio") setAnswer(input.id, c.value);
                    else {
                      const next = new Set(selected);
                      if (e.target.checked) next.add(c.value);
                      else next.delete(c.value);
                      setAnswer(input.id, input.choices.map((x) => x.value).filter((v) => next.has(v)));
                    }
                  }}
                />
                <label htmlFor={cid} dangerouslySetInnerHTML={{ __html: c.html }} />
              </div>
            );
          })}
          {after}
        </fieldset>
      );
    }

    const label = input.label ? <label htmlFor={domId} className={styles.label} dangerouslySetInnerHTML={{ __html: input.label }} /> : <label htmlFor={domId} className="visually-hidden">Your answer</label>;
    if (input.kind === "select") {
      const v = typeof answers[input.id] === "string" ? (answers[input.id] as string) : "";
      return (
        <div key={input.id} className={styles.field}>
          {label}
          {descriptions}
          <select id={domId} value={v} disabled={readOnly || pending} aria-describedby={descIds.join(" ") || undefined} onChange={(e) => setAnswer(input.id, e.target.value)}>
            <option value="">Select an option</option>
            {input.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>
          {after}
        </div>
      );
    }
    const v = typeof answers[input.id] === "string" ? (answers[input.id] as string) : "";
    return (
      <div key={input.id} className={styles.field}>
        {label}
        {descriptions}
        <input
          type="text"
          id={domId}
          value={v}
          size={Math.min(Math.max(input.size ?? 20, 5), 60)}
          disabled={readOnly || pending}
          aria-describedby={descIds.join(" ") || undefined}
          autoComplete="off"
          spellCheck={input.kind === "text"}
          onChange={(e) => setAnswer(input.id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !readOnly && !pending) {
              e.preventDefault();
              onSubmit();
            }
          }}
        />
        {input.trailingText ? <span className={styles.trailing}>{input.trailingText}</span> : null}
        {after}
      </div>
    );
  };

  const renderNode = (n: RenderNode, key: number | string): ReactNode => {
    if (n.type === "html") return <div key={key} className={styles.text} dangerouslySetInnerHTML={{ __html: n.html }} />;
    if (n.type === "input") return renderInput(n.input);
    const Tag = n.tag as "div";
    if (n.tag === "br" || n.tag === "hr") return <Tag key={key} />;
    return (
      <Tag key={key} {...n.attrs}>
        {n.children.map((c, i) => renderNode(c, `${key}-${i}`))}
      </Tag>
    );
  };

  const status = (() => {
    if (waiting) return notice;
    if (!signedIn) return "Sign in and enroll to answer this problem.";
    if (!canSubmit) return "Preview: answers cannot be submitted here.";
    if (view.pastDue) return "This problem is past its due date; answers can no longer be submitted.";
    if (attemptsLeft === 0) return "You have used all of your attempts for this problem.";
    if (view.mustReset) return "Select Reset to try this problem again.";
    return null;
  })();

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly && !pending) onSubmit();
      }}
      aria-busy={pending || waiting}
    >
      <div className={styles.body}>{model.nodes.map((n, i) => renderNode(n, i))}</div>

      {reveal && reveal.solutions.length > 0 ? (
        <section className={styles.solution} aria-label="Explanation">
          <h4>Explanation</h4>
          {reveal.solutions.map((s, i) => (
            <div key={i} dangerouslySetInnerHTML={{ __html: s }} />
          ))}
        </section>
      ) : null}

      {demandHints.length > 0 ? (
        <section className={styles.hints} aria-label="Hints">
          {demandHints.map((h, i) => (
            <div key={i} className={styles.hint}>
              <strong>
                Hint ({h.index + 1} of {h.total}):
              </strong>{" "}
              <span dangerouslySetInnerHTML={{ __html: h.html }} />
            </div>
          ))}
        </section>
      ) : null}

      <div className={styles.meta}>
        {view.earned !== null ? (
          <span data-testid="problem-score">
            {fmt(view.earned)}/{fmt(view.possible)} point{view.possible === 1 ? "" : "s"}
          </span>
        ) : (
          <span data-testid="problem-score">
            {fmt(view.possible)} point{view.possible === 1 ? "" : "s"} possible
          </span>
        )}
        {signedIn && !waiting ? (
          <span data-testid="problem-attempts">
            {view.maxAttempts === null
              ? `${view.attempts} attempt${view.attempts === 1 ? "" : "s"} used`
              : `You have used ${view.attempts} of ${view.maxAttempts} attempt${view.maxAttempts === 1 ? "" : "s"} (${attemptsLeft} remaining)`}
          </span>
        ) : null}
        {view.due ? <span>Due {new Date(view.due).toUTCString()}</span> : null}
      </div>

      {status ? (
        <p className={styles.status} data-testid="problem-status">
          {status}
        </p>
      ) : null}

      <div className={styles.actions}>
        {canSubmit && !readOnly ? (
          <button type="submit" className={styles.primary} disabled={pending}>
            {pending ? "Submitting…" : "Submit"}
          </button>
        ) : null}
        {view.canReset && canSubmit && !waiting ? (
          <button type="button" onClick={onReset} disabled={pending}>
            Reset
          </button>
        ) : null}
        {view.answerAvailable && signedIn && !waiting ? (
          <button type="button" onClick={onShowAnswer} disabled={pending}>
            Show answer
          </button>
        ) : null}
        {view.hintCount > 0 && signedIn && !waiting ? (
          <button type="button" onClick={onHint} disabled={pending}>
            Hint{demandHints.length > 0 ? ` (${Math.min(demandHints.length + 1, view.hintCount)} of ${view.hintCount})` : ""}
          </button>
        ) : null}
      </div>

      <div className={styles.live} aria-live="polite" aria-atomic="true" data-testid="problem-message">
        {message ? <p className={styles[message.kind]}>{message.text}</p> : null}
      </div>
    </form>
  );
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, "").replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").trim();
}
