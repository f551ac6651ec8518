"use client";
// The learner's own parts of the course home: completion marks, "N% complete", the Resume/Start
// button and subsection scores. The server page renders the outline for the course version and
// audience only and wraps it in CourseHomeProgress, which reads the learner's state (with scores)
// through React Query once and shares what it derives with the small islands below. While the
// state loads (or if it fails), they render a neutral state: ○ marks, no scores, the button to
// the first unit. The marks, progress and Resume target are computed by the state route (?home=1).
import Link from "next/link";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useLearnerState, type LearnerStateJson } from "./learner-state";
import styles from "./lms.module.css";

interface HomeProgress {
  loaded: boolean;
  /** usage keys of the complete units, subsections and sections */
  complete: ReadonlySet<string>;
  percent: number;
  resumeHref: string | null;
  scores: NonNullable<LearnerStateJson["home"]>["scores"];
}

const NEUTRAL: HomeProgress = { loaded: false, complete: new Set(), percent: 0, resumeHref: null, scores: {} };
const Ctx = createContext<HomeProgress>(NEUTRAL);

/** The state route computes the marks (GET …/state?home=1): the page passes no keys but each block's own. */
export function CourseHomeProgress({ courseKey, children }: { courseKey: string; children: ReactNode }) {
  const { data } = useLearnerState(courseKey, { home: true });
  const value = useMemo<HomeProgress>(() => {
    if (!data?.home) return NEUTRAL;
    const { complete, percent, resumeHref, scores } = data.home;
    return { loaded: true, complete: new Set(complete), percent, resumeHref, scores };
  }, [data]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** A unit's ○/✓ mark (before its link, hidden from assistive tech) or its "(completed)"/"(not completed)" text (after it). */
export function UnitMark({ unitKey, part }: { unitKey: string; part: "before" | "after" }) {
  const done = useContext(Ctx).complete.has(unitKey);
  return part === "before" ? (
    <span className={done ? styles.done : styles.todo} aria-hidden="true">
      {done ? "✓" : "○"}
    </span>
  ) : (
    <span className="visually-hidden">{done ? "(completed)" : "(not completed)"}</span>
  );
}

/** A subsection's ✓ (before its name, hidden from assistive tech) or "(completed)" (after it), when all its units are complete. */
export function SubsectionMark({ usageKey, part }: { usageKey: string; part: "before" | "after" }) {
  if (!useContext(Ctx).complete.has(usageKey)) return null;
  return part === "before" ? (
    <span className={styles.done} aria-hidden="true">
      ✓{" "}
    </span>
  ) : (
    <span className="visually-hidden"> (completed)</span>
  );
}

/** A section's " ✓ completed" when every unit of its subsections is complete. */
export function SectionMark({ usageKey }: { usageKey: string }) {
  if (!useContext(Ctx).complete.has(usageKey)) return null;
  return (
    <span className={styles.done}>
      {" "}
      ✓<span className="visually-hidden"> completed</span>
    </span>
  );
}

export function ProgressPercent() {
  const { loaded, percent } = useContext(Ctx);
  return (
    <span className={styles.meta} aria-busy={!loaded}>
      <span className={styles.percent}>{loaded ? percent : <span aria-hidden="true">–</span>}</span>% complete
    </span>
  );
}

/** "Resume course" to the learner's last unit, else "Start course" to the first. Both labels share one
 *  grid cell, so the button keeps its width when the state arrives. */
export function ResumeLink({ firstHref }: { firstHref: string }) {
  const { resumeHref: resume } = useContext(Ctx);
  return (
    <Link className={`${styles.button} ${styles.stableLabel}`} href={resume ?? firstHref}>
      <span aria-hidden={resume ? "true" : undefined}>Start course</span>
      <span aria-hidden={resume ? undefined : "true"}>Resume course</span>
    </Link>
  );
}

/** The learner's persisted score on a subsection, when it has points. */
export function SubsectionScore({ usageKey }: { usageKey: string }) {
  const { scores } = useContext(Ctx);
  const score = scores[usageKey];
  if (!score || score.possible <= 0) return null;
  return (
    <span className={styles.meta} data-testid="outline-score" data-usage-key={usageKey}>
      Score {formatPoints(score.earned)}/{formatPoints(score.possible)}
    </span>
  );
}

function formatPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "");
}
