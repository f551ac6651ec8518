// The course home's outline: sections → subsections → units, with due dates, graded badges
// (assignment type) and staff-only badges. A server component that depends on the course version
// and the audience only: the learner's completion marks and subsection scores are client islands
// (course-home-progress.tsx) that read the learner's state under CourseHomeProgress.
import Link from "next/link";
import { formatDate, toDate } from "@/lib/lms/dates";
import type { LearnerView } from "@/lib/lms/outline";
import { learnHref } from "@/lib/lms/urls";
import { SectionMark, SubsectionMark, SubsectionScore, UnitMark } from "./course-home-progress";
import styles from "./lms.module.css";

export function CourseOutline({ courseKey, view }: { courseKey: string; view: LearnerView }) {
  if (!view.sections.length) return <p className={styles.muted}>This course has no released content yet.</p>;
  return (
    <ol className={styles.outline} aria-label="Course outline">
      {view.sections.map(({ node: section, subsections }, si) => {
        return (
          <li key={section.usageKey}>
            <details className={styles.section} open={si < 3}>
              <summary>
                {section.displayName}
                <SectionMark usageKey={section.usageKey} />
                {section.staffOnly ? <span className={styles.badgeStaff}> Staff only</span> : null}
              </summary>
              <ol className={styles.subsections}>
                {subsections.map(({ node: sub, units }) => {
                  const due = toDate(sub.due);
                  return (
                    <li key={sub.usageKey} className={styles.subsection}>
                      <div className={styles.spread}>
                        <strong>
                          <SubsectionMark usageKey={sub.usageKey} part="before" />
                          {units[0] ? <Link href={learnHref(courseKey, sub.urlName, units[0].urlName)}>{sub.displayName}</Link> : sub.displayName}
                          <SubsectionMark usageKey={sub.usageKey} part="after" />
                        </strong>
                        <span className={styles.row}>
                          {sub.graded && sub.format ? <span className={styles.badge}>Graded: {sub.format}</span> : sub.graded ? <span className={styles.badge}>Graded</span> : null}
                          {sub.staffOnly ? <span className={styles.badgeStaff}>Staff only</span> : null}
                          <SubsectionScore usageKey={sub.usageKey} />
                          {due ? <span className={styles.meta}>Due {formatDate(due)}</span> : null}
                        </span>
                      </div>
                      {units.length ? (
                        <ol className={styles.units}>
                          {units.map((u) => (
                            <li key={u.usageKey} className={styles.unit}>
                              <UnitMark unitKey={u.usageKey} part="before" />
                              <Link href={learnHref(courseKey, sub.urlName, u.urlName)}>{u.displayName}</Link>
                              <UnitMark unitKey={u.usageKey} part="after" />
                            </li>
                          ))}
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

