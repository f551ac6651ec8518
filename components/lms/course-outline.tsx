import Link from "next/link";
import { formatDate, toDate } from "@/lib/lms/dates";
import type { LearnerView, Viewer } from "@/lib/lms/outline";
import { isUnitComplete } from "@/lib/lms/progress";
import { learnHref } from "@/lib/lms/urls";
import styles from "./lms.module.css";

export type SubsectionScores = ReadonlyMap<string, { earned: number; possible: number }>;

/** Sections → subsections → units, with due dates, graded badges (assignment type), the learner's
 *  persisted subsection scores and completion marks. */
export function CourseOutline({
  courseKey, view, viewer, done, scores,
}: { courseKey: string; view: LearnerView; viewer: Viewer; done: ReadonlySet<string>; scores?: SubsectionScores }) {
  if (!view.sections.length) return <p className={styles.muted}>This course has no released content yet.</p>;
  return (
    <ol className={styles.outline} aria-label="Course outline">
      {view.sections.map(({ node: section, subsections }, si) => {
        const sectionDone = subsections.length > 0 && subsections.every((s) => s.units.every((u) => isUnitComplete(u, viewer, done)));
        return (
          <li key={section.usageKey}>
            <details className={styles.section} open={si < 3}>
              <summary>
                {section.displayName}
                {sectionDone ? <span className={styles.done}> ✓<span className="visually-hidden"> completed</span></span> : null}
                {section.staffOnly ? <span className={styles.badgeStaff}> Staff only</span> : null}
              </summary>
              <ol className={styles.subsections}>
                {subsections.map(({ node: sub, units }) => {
                  const due = toDate(sub.due);
                  const subDone = units.length > 0 && units.every((u) => isUnitComplete(u, viewer, done));
                  const score = scores?.get(sub.usageKey);
                  return (
                    <li key={sub.usageKey} className={styles.subsection}>
                      <div className={styles.spread}>
                        <strong>
                          {subDone ? <span className={styles.done} aria-hidden="true">✓ </span> : null}
                          {units[0] ? <Link href={learnHref(courseKey, sub.urlName, units[0].urlName)}>{sub.displayName}</Link> : sub.displayName}
                          {subDone ? <span className="visually-hidden"> (completed)</span> : null}
                        </strong>
                        <span className={styles.row}>
                          {sub.graded && sub.format ? <span className={styles.badge}>Graded: {sub.format}</span> : sub.graded ? <span className={styles.badge}>Graded</span> : null}
                          {sub.staffOnly ? <span className={styles.badgeStaff}>Staff only</span> : null}
                          {score && score.possible > 0 ? (
                            <span className={styles.meta} data-testid="outline-score" data-usage-key={sub.usageKey}>
                              Score {formatPoints(score.earned)}/{formatPoints(score.possible)}
                            </span>
                          ) : null}
                          {due ? <span className={styles.meta}>Due {formatDate(due)}</span> : null}
                        </span>
                      </div>
                      {units.length ? (
                        <ol className={styles.units}>
                          {units.map((u) => {
                            const complete = isUnitComplete(u, viewer, done);
                            return (
                              <li key={u.usageKey} className={styles.unit}>
                                <span className={complete ? styles.done : styles.todo} aria-hidden="true">
                                  {complete ? "✓" : "○"}
                                </span>
                                <Link href={learnHref(courseKey, sub.urlName, u.urlName)}>{u.displayName}</Link>
                                <span className="visually-hidden">{complete ? "(completed)" : "(not completed)"}</span>
                              </li>
                            );
                          })}
                        </ol>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

function formatPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "");
}
