// Staff tools for one course: look up an enrolled learner (username or email) to see their
// progress, answers and attempts (and reset attempts on a problem), and rescore a problem for
// every learner as a job. Every action re-checks the caller's course role on the server.
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { CourseTabs } from "@/components/lms/course-tabs";
import styles from "@/components/lms/lms.module.css";
import { ProgressReport } from "@/components/problem/progress-report";
import { RescorePanel } from "@/components/problem/rescore-panel";
import { ResetAttemptsButton } from "@/components/problem/reset-attempts-button";
import { canCourse } from "@/lib/auth/permissions";
import { isActivelyEnrolled } from "@/lib/db/queries/course-access";
import { listJobsByCourse } from "@/lib/db/queries/jobs";
import { countSubmittedByProblem, findUserByLogin, getPublishedCourse, listLearnerProblemStates, listSubmissions } from "@/lib/db/queries/problems";
import { safeDecode } from "@/lib/lms/urls";
import { getCourseStructure, RESCORE_JOB_KIND } from "@/lib/problems";
import { getLearnerProgress } from "@/lib/problems/progress";
import { requireCourseware } from "@/lib/lms/course-context";
import { CommunityTAPanel, ForumBanPanel } from "@/components/forum/forum-people-panel";
import { listBans, listCommunityTAs, listModLog } from "@/lib/db/queries/forum";
import { discussionHref } from "@/lib/lms/urls";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Instructor" };

const pts = (x: number | null) => (x === null ? "–" : String(Math.round(x * 100) / 100));
const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "–");

function answersText(a: Record<string, string | string[]> | null): string {
  if (!a || Object.keys(a).length === 0) return "(none)";
  return Object.entries(a)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(", ")}]` : JSON.stringify(v)}`)
    .join("; ");
}

export default async function InstructorPage({ params, searchParams }: { params: Promise<{ courseKey: string }>; searchParams: Promise<{ learner?: string | string[] }> }) {
  const raw = (await params).courseKey;
  const courseKey = safeDecode(raw);
  const ctx = await requireCourseware(courseKey, `/courses/${raw}/instructor`);
  if (!canCourse(ctx.actor, "course:view-learner-progress", ctx.facts)) forbidden();
  const course = await getPublishedCourse({ courseId: ctx.course.id });
  if (!course) notFound();
  const canReset = canCourse(ctx.actor, "course:reset-attempts", ctx.facts);
  const canRescore = canCourse(ctx.actor, "course:rescore", ctx.facts);

  const sp = await searchParams;
  const query = (Array.isArray(sp.learner) ? sp.learner[0] : sp.learner)?.trim().slice(0, 254) ?? "";
  const structure = await getCourseStructure({ versionId: course.versionId });
  const names = new Map([...structure.problems.values()].map((p) => [p.usageKey, p.displayName]));

  let lookup: { error: string } | { learner: NonNullable<Awaited<ReturnType<typeof findUserByLogin>>> } | null = null;
  if (query) {
    const learner = await findUserByLogin({ login: query });
    if (!learner) lookup = { error: `No user named “${query}”.` };
    else if (!(await isActivelyEnrolled({ userId: learner.id, courseId: course.id }))) lookup = { error: `${learner.username} is not enrolled in this course.` };
    else lookup = { learner };
  }
  const learnerData =
    lookup && "learner" in lookup
      ? await Promise.all([
          getLearnerProgress({ userId: lookup.learner.id, course }),
          listLearnerProblemStates({ userId: lookup.learner.id, courseId: course.id }),
          listSubmissions({ userId: lookup.learner.id, courseId: course.id, limit: 200 }),
        ])
      : null;

  const gradable = [...structure.problems.values()].filter((p) => p.maxScore !== null);
  const counts = await countSubmittedByProblem({ courseId: course.id, usageKeys: gradable.map((p) => p.usageKey) });
  const subName = new Map(structure.subsections.map((s) => [s.usageKey, s.displayName]));
  const [tas, bans, modLog] = await Promise.all([listCommunityTAs({ courseId: course.id }), listBans({ courseId: course.id }), listModLog({ courseId: course.id, limit: 20 })]);
  const jobs = canRescore ? (await listJobsByCourse({ courseKey: course.courseKey, limit: 50 })).filter((j) => j.kind === RESCORE_JOB_KIND).slice(0, 10) : [];

  return (
    <div className={styles.page}>
      <p className={styles.meta}>
        {ctx.course.org} · {ctx.course.number}
      </p>
      <h1 style={{ margin: "0.25rem 0" }}>{ctx.course.displayName}: instructor tools</h1>
      <CourseTabs courseKey={ctx.course.courseKey} courseName={ctx.course.displayName} current="instructor" isStaff />

      <section aria-labelledby="lookup-h" style={{ marginTop: "1.5rem" }}>
        <h2 id="lookup-h">Learner progress</h2>
        <form method="get" className={styles.filters} role="search" aria-label="Look up a learner">
          <div className={styles.field}>
            <label htmlFor="learner">Username or email</label>
            <input id="learner" name="learner" className={styles.input} defaultValue={query} required maxLength={254} autoComplete="off" />
          </div>
          <button type="submit" className={styles.button}>
            Look up
          </button>
        </form>
        {lookup && "error" in lookup ? (
          <p className={styles.error} role="status">
            {lookup.error}
          </p>
        ) : null}
        {lookup && "learner" in lookup && learnerData ? (
          <div data-testid="learner-report">
            <p>
              <strong>{lookup.learner.fullName || lookup.learner.username}</strong> ({lookup.learner.username}, {lookup.learner.email})
            </p>
            <ProgressReport progress={learnerData[0]} headingLevel={3} />

            <h3>Problem attempts</h3>
            {learnerData[1].length === 0 ? (
              <p className={styles.muted}>This learner has not answered any problem yet.</p>
            ) : (
              <table className="atrium-table" style={{ width: "100%", borderCollapse: "collapse" }}>
                <caption className="visually-hidden">Problem attempts of {lookup.learner.username}</caption>
                <thead>
                  <tr>
                    <th scope="col" style={{ textAlign: "left" }}>Problem</th>
                    <th scope="col" style={{ textAlign: "left" }}>Attempts</th>
                    <th scope="col" style={{ textAlign: "left" }}>Raw score</th>
                    <th scope="col" style={{ textAlign: "left" }}>Last submitted</th>
                    <th scope="col" style={{ textAlign: "left" }}>Action</th>
                  </tr>
                </thead>
                <tbody>
                  {learnerData[1].map((s) => (
                    <tr key={s.id}>
                      <th scope="row" style={{ textAlign: "left", fontWeight: 400 }}>{names.get(s.usageKey) ?? s.usageKey}</th>
                      <td>{s.attempts}</td>
                      <td>
                        {pts(s.earned)}/{pts(s.possible)}
                      </td>
                      <td>{when(s.lastSubmittedAt)}</td>
                      <td>{canReset && names.has(s.usageKey) ? <ResetAttemptsButton courseId={course.id} usageKey={s.usageKey} learnerId={lookup.learner.id} problemName={names.get(s.usageKey)!} /> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h3>Submission history</h3>
            {learnerData[2].length === 0 ? (
              <p className={styles.muted}>No submissions.</p>
            ) : (
              <table style={{ width: "100%", borderCollapse: "collapse" }} data-testid="submission-history">
                <caption className="visually-hidden">Submission history of {lookup.learner.username}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col" style={{ textAlign: "left" }}>When</th>
                    <th scope="col" style={{ textAlign: "left" }}>Problem</th>
                    <th scope="col" style={{ textAlign: "left" }}>Kind</th>
                    <th scope="col" style={{ textAlign: "left" }}>Attempt</th>
                    <th scope="col" style={{ textAlign: "left" }}>Answers</th>
                    <th scope="col" style={{ textAlign: "left" }}>Raw score</th>
                  </tr>
                </thead>
                <tbody>
                  {learnerData[2].map((s) => (
                    <tr key={s.id} style={{ borderTop: "1px solid #eaeef2" }}>
                      <td>{when(s.createdAt)}</td>
                      <td>{names.get(s.usageKey) ?? s.usageKey}</td>
                      <td>{s.kind}</td>
                      <td>{s.attempt}</td>
                      <td style={{ fontFamily: "monospace", wordBreak: "break-word" }}>{answersText(s.answers)}</td>
                      <td>
                        {pts(s.earned)}/{pts(s.possible)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="forum-h" style={{ marginTop: "2rem" }}>
        <h2 id="forum-h">Discussions</h2>
        <p className={styles.muted}>
          Community TAs are learners who help moderate the <a href={discussionHref(course.courseKey)}>course discussions</a>: they pin, close, endorse and remove posts and
          handle reports. Course staff moderate too, and alone can ban someone from posting.
        </p>
        <h3>Community TAs</h3>
        <CommunityTAPanel courseKey={course.courseKey} tas={tas} />
        <h3>Banned from posting</h3>
        <ForumBanPanel courseKey={course.courseKey} bans={bans} />
        <h3>Recent moderation</h3>
        {modLog.length === 0 ? (
          <p className={styles.muted}>Nothing yet.</p>
        ) : (
          <ul data-testid="forum-mod-log">
            {modLog.map((l) => (
              <li key={l.id}>
                {when(l.createdAt)}: {l.actorUsername ?? "a script"} — {l.action.replace(/_/g, " ")}
                {l.targetUsername ? ` (${l.targetUsername})` : ""}
                {l.threadId ? ` · thread #${l.threadId}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canRescore ? (
        <section aria-labelledby="rescore-h" style={{ marginTop: "2rem" }}>
          <h2 id="rescore-h">Rescore a problem</h2>
          <p className={styles.muted}>
            After fixing a problem and publishing, rescore it: every learner&apos;s stored answers are graded again with the published version. Attempts are not
            changed.
          </p>
          <RescorePanel
            courseId={course.id}
            courseKey={course.courseKey}
            problems={gradable.map((p) => ({ usageKey: p.usageKey, displayName: p.displayName, subsection: subName.get(p.subsectionKey) ?? "", submitted: counts.get(p.usageKey) ?? 0 }))}
          />
          {jobs.length > 0 ? (
            <>
              <h3>Recent rescores</h3>
              <ul>
                {jobs.map((j) => (
                  <li key={j.id}>
                    #{j.id} {names.get(String(j.payload?.usageKey)) ?? String(j.payload?.usageKey)} — {j.status}
                    {j.result ? ` (${String(j.result.total ?? 0)} learners, ${String(j.result.changed ?? 0)} changed)` : ""} · {when(j.createdAt)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
