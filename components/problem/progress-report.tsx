// A learner's progress: overall grade, a chart and table per assignment type, and per-subsection
// (and per-problem) scores. Used by the learner's Progress page and by staff looking up a learner.
import type { LearnerProgress } from "@/lib/problems/progress";
import { GradeChart } from "./grade-chart";
import styles from "./progress.module.css";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const pts = (x: number) => String(Math.round(x * 100) / 100);

export function ProgressReport({ progress, headingLevel = 2 }: { progress: LearnerProgress; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2";
  const H2 = `h${headingLevel + 1}` as "h3";
  const lowest = progress.cutoffs.filter((c) => c.cutoff > 0).at(-1);
  const chapters: { name: string | null; items: LearnerProgress["subsections"] }[] = [];
  for (const s of progress.subsections) {
    const last = chapters.at(-1);
    if (last && last.name === s.chapterName) last.items.push(s);
    else chapters.push({ name: s.chapterName, items: [s] });
  }
  return (
    <div className={styles.report}>
      <section aria-labelledby="grade-summary" className={styles.summary}>
        <H id="grade-summary">Overall grade</H>
        <p className={styles.big} data-testid="course-percent">
          {pct(progress.percent)}
        </p>
        <p data-testid="course-grade-status">
          {progress.letterGrade ? (
            <>
              Grade: <strong data-testid="letter-grade">{progress.letterGrade}</strong> ·{" "}
            </>
          ) : null}
          {progress.passed ? <strong className={styles.pass}>Passing</strong> : <span>Not passing yet</span>}
          {lowest ? <span className={styles.muted}> (passing grade: {pct(lowest.cutoff)})</span> : null}
        </p>
        {progress.cutoffs.length > 1 ? (
          <p className={styles.muted}>
            Grade cutoffs: {progress.cutoffs.map((c) => `${c.name} ≥ ${pct(c.cutoff)}`).join(", ")}
          </p>
        ) : null}
        {progress.stale ? <p className={styles.muted}>The course changed since this grade was computed; it updates on the next submission.</p> : null}
      </section>

      <section aria-labelledby="grade-breakdown">
        <H id="grade-breakdown">Grades by assignment type</H>
        {progress.breakdown.length === 0 ? <p className={styles.muted}>This course has no graded assignment types.</p> : null}
        <div className={styles.types}>
          {progress.breakdown.map((t) => {
            const tableId = `type-${t.category.replace(/[^A-Za-z0-9]/g, "-")}`;
            return (
              <article key={t.category} className={styles.type} aria-labelledby={`${tableId}-h`}>
                <H2 id={`${tableId}-h`}>{t.category}</H2>
                <p className={styles.muted}>
                  Weight {pct(t.weight)} · average {pct(t.average)} · adds {pct(t.contribution)} to your grade
                  {t.dropCount > 0 ? ` · lowest ${t.dropCount} dropped` : ""}
                </p>
                <GradeChart title={t.category} entries={t.entries} summary={`average ${pct(t.average)} over ${t.entries.filter((e) => !e.prominent).length || 1} entries`} />
                <table className={styles.table} data-testid={`breakdown-${t.category}`}>
                  <caption className="visually-hidden">{t.category} scores</caption>
                  <thead>
                    <tr>
                      <th scope="col">Assignment</th>
                      <th scope="col">Score</th>
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.entries.map((e, i) => (
                      <tr key={i} className={e.prominent ? styles.avgRow : undefined}>
                        <th scope="row">{e.label}</th>
                        <td>
                          {pct(e.percent)}
                          {e.possible !== undefined && e.earned !== undefined && !e.prominent ? ` (${pts(e.earned)}/${pts(e.possible)})` : ""}
                        </td>
                        <td>{e.dropped ? "Dropped" : e.detail.includes("Unreleased") ? "Not yet released" : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </article>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="subsection-scores">
        <H id="subsection-scores">Scores by subsection</H>
        {chapters.map((ch, ci) => (
          <div key={ci} className={styles.chapter}>
            {ch.name ? <H2>{ch.name}</H2> : null}
            <ul className={styles.subs}>
              {ch.items.map((s) => (
                <li key={s.usageKey} className={styles.sub} data-testid="subsection-score" data-usage-key={s.usageKey}>
                  <div className={styles.subHead}>
                    <span className={styles.subName}>{s.displayName}</span>
                    <span>
                      {s.graded && s.assignmentType ? <span className={styles.badge}>{s.assignmentType}</span> : <span className={styles.badgeMuted}>Practice</span>}{" "}
                      <strong data-testid="subsection-points">
                        {pts(s.earned)}/{pts(s.possible)}
                      </strong>
                      {s.possible > 0 ? ` (${pct(s.earned / s.possible)})` : ""}
                    </span>
                  </div>
                  {s.problems.length > 0 ? (
                    <ul className={styles.problems} aria-label={`Problem scores in ${s.displayName}`}>
                      {s.problems.map((p) => (
                        <li key={p.usageKey}>
                          {p.displayName}:{" "}
                          {p.unsupportedReason ? <span className={styles.muted}>not graded here</span> : `${pts(p.earned)}/${pts(p.possible)}${p.attempted ? "" : " (not attempted)"}`}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className={styles.muted}>No problems.</p>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {progress.subsections.length === 0 ? <p className={styles.muted}>This course has no subsections yet.</p> : null}
      </section>
    </div>
  );
}
