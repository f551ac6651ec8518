"use client";
// The learner's own parts of the course home: completion marks, "N% complete", the Resume/Start
// button and subsection scores. The server page renders the outline for the course version and
// audience only and wraps it in CourseHomeProgress, which reads the learner's state (with scores)
// through React Query once and shares what it derives with the small islands below. While the
// state loads (or if it fails), they render a neutral state: ○ marks, no scores, the button to
// the first unit. The marks, progress and Resume target are computed by the state route (?home=1).
// The islands get ids and names, never element trees: a subsection's unit list is one island
// (UnitList) that renders its links and marks from one compact entry per unit (its url_name and
// name; its usage key is the page's unit key prefix + url_name), and a subsection's heading one
// more (SubsectionHeading), so the page's Flight data carries each key once at most.
import Link from "next/link";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { learnHref } from "@/lib/lms/urls";
import { useLearnerState, type LearnerStateJson } from "./learner-state";
import styles from "./lms.module.css";

interface HomeProgress {
  courseKey: string;
  /** unit usage keys are this + url_name, unless a unit says otherwise (lib/lms/outline.ts unitKeyPrefix) */
  unitKeyPrefix: string;
  loaded: boolean;
  /** usage keys of the complete units, subsections and sections */
  complete: ReadonlySet<string>;
  percent: number;
  resumeHref: string | null;
  scores: NonNullable<LearnerStateJson["home"]>["scores"];
}

const NEUTRAL: Omit<HomeProgress, "courseKey" | "unitKeyPrefix"> = { loaded: false, complete: new Set(), percent: 0, resumeHref: null, scores: {} };
const Ctx = createContext<HomeProgress>({ ...NEUTRAL, courseKey: "", unitKeyPrefix: "" });

/** The state route computes the marks (GET …/state?home=1): the page passes no keys but each block's own. */
export function CourseHomeProgress({ courseKey, unitKeyPrefix, children }: { courseKey: string; unitKeyPrefix: string; children: ReactNode }) {
  const { data } = useLearnerState(courseKey, { home: true });
  const value = useMemo<HomeProgress>(() => {
    if (!data?.home) return { ...NEUTRAL, courseKey, unitKeyPrefix };
    const { complete, percent, resumeHref, scores } = data.home;
    return { courseKey, unitKeyPrefix, loaded: true, complete: new Set(complete), percent, resumeHref, scores };
  }, [data, courseKey, unitKeyPrefix]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** One unit of a subsection's list: what UnitList needs, nothing more. */
export interface UnitEntry {
  urlName: string;
  name: string;
  /** its usage key, only when it is not the page's unit key prefix + url_name */
  key?: string;
}

/** A subsection's units, each a link between its ○/✓ mark (hidden from assistive tech) and "(completed)"/"(not completed)". */
export function UnitList({ subsectionUrlName, units }: { subsectionUrlName: string; units: UnitEntry[] }) {
  const { courseKey, unitKeyPrefix, complete } = useContext(Ctx);
  return (
    <ol className={styles.units}>
      {units.map((u) => {
        const done = complete.has(u.key ?? unitKeyPrefix + u.urlName);
        return (
          <li key={u.urlName} className={styles.unit}>
            <span className={done ? styles.done : styles.todo} aria-hidden="true">
              {done ? "✓" : "○"}
            </span>
            <Link href={learnHref(courseKey, subsectionUrlName, u.urlName)}>{u.name}</Link>
            <span className="visually-hidden">{done ? "(completed)" : "(not completed)"}</span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A subsection's heading row: its name (a link to its first unit `firstUnitUrlName`, when it has one) with ✓ before
 * it (hidden from assistive tech) and "(completed)" after it when all its units are complete; then
 * the server-rendered badges, the learner's score and the due date.
 */
export function SubsectionHeading(props: { usageKey: string; urlName: string; name: string; firstUnitUrlName: string | null; badges: ReactNode; due: ReactNode }) {
  const { usageKey, urlName, name, firstUnitUrlName, badges, due } = props;
  const { courseKey, complete } = useContext(Ctx);
  const done = complete.has(usageKey);
  return (
    <div className={styles.spread}>
      <strong>
        {done ? (
          <span className={styles.done} aria-hidden="true">
            ✓{" "}
          </span>
        ) : null}
        {firstUnitUrlName !== null ? <Link href={learnHref(courseKey, urlName, firstUnitUrlName)}>{name}</Link> : name}
        {done ? <span className="visually-hidden"> (completed)</span> : null}
      </strong>
      <span className={styles.row}>
        {badges}
        <SubsectionScore usageKey={usageKey} />
        {due}
      </span>
    </div>
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
function SubsectionScore({ usageKey }: { usageKey: string }) {
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
