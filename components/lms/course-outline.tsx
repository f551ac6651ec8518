// The course home's outline: sections → subsections → units, with due dates, graded badges
// (assignment type) and staff-only badges. A server component that depends on the course version
// and the audience only: the learner's completion marks and subsection scores are client islands
// (course-home-progress.tsx) that read the learner's state under CourseHomeProgress. They are
// handed keys and names only (one island per unit list, one per subsection heading), not trees.
import { formatDate, toDate } from "@/lib/lms/dates";
import type { LearnerView } from "@/lib/lms/outline";
import { SectionMark, SubsectionHeading, UnitList } from "./course-home-progress";
import styles from "./lms.module.css";

/** `unitKeyPrefix`: the one CourseHomeProgress was given (lib/lms/outline.ts unitKeyPrefix of this view). */
export function CourseOutline({ view, unitKeyPrefix }: { view: LearnerView; unitKeyPrefix: string }) {
  if (!view.sections.length) return <p className={styles.muted}>This course has no released content yet.</p>;
  return (
    <ol className={styles.outline} aria-label="Course outline">
      {view.sections.map(({ node: section, subsections }, si) => {
        return (
          <li key={section.urlName}>
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
                    <li key={sub.urlName} className={styles.subsection}>
                      <SubsectionHeading
                        usageKey={sub.usageKey}
                        name={sub.displayName}
                        urlName={sub.urlName}
                        firstUnitUrlName={units[0]?.urlName ?? null}
                        badges={
                          <>
                            {sub.graded && sub.format ? <span className={styles.badge}>Graded: {sub.format}</span> : sub.graded ? <span className={styles.badge}>Graded</span> : null}
                            {sub.staffOnly ? <span className={styles.badgeStaff}>Staff only</span> : null}
                          </>
                        }
                        due={due ? <span className={styles.meta}>Due {formatDate(due)}</span> : null}
                      />
                      {units.length ? (
                        <UnitList
                          subsectionUrlName={sub.urlName}
                          units={units.map((u) =>
                            u.usageKey === unitKeyPrefix + u.urlName ? { urlName: u.urlName, name: u.displayName } : { urlName: u.urlName, name: u.displayName, key: u.usageKey },
                          )}
                        />
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

