// Course home: Resume, the outline with due dates, graded badges and completion marks, updates
// and handouts. Enrolled learners and staff only.
import type { Metadata } from "next";
import Link from "next/link";
import { getLearnerView, getRenderedDocument, getRenderedUpdates } from "@/lib/db/queries/courseware";
import { listSubsectionGrades } from "@/lib/db/queries/grades";
import { courseProgress } from "@/lib/lms/progress";
import { courseHref, learnHref, safeDecode } from "@/lib/lms/urls";
import { CourseOutline } from "@/components/lms/course-outline";
import { CourseTabs } from "@/components/lms/course-tabs";
import { ViewAsToggle } from "@/components/lms/view-as-toggle";
import styles from "@/components/lms/lms.module.css";
import { loadCourseContext, requireCourseware } from "@/lib/lms/course-context";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const key = safeDecode((await params).courseKey);
  const ctx = key ? await loadCourseContext(key) : null;
  return { title: ctx ? ctx.course.displayName : "Course not found" };
}

export default async function CourseHomePage({ params }: Props) {
  const raw = (await params).courseKey;
  const courseKey = safeDecode(raw);
  const ctx = await requireCourseware(courseKey, courseHref(courseKey ?? raw));
  const { course, version, viewer } = ctx;
  // Version-derived parts come from the per-version caches; only marks, scores and Resume are the learner's.
  const view = getLearnerView({ version, viewer });
  const done = ctx.state.completed;
  const [updates, updatesHtml, handouts, grades] = await Promise.all([
    getRenderedUpdates({ version, courseKey: course.courseKey }),
    getRenderedDocument({ version, courseKey: course.courseKey, path: "info/updates.html" }),
    getRenderedDocument({ version, courseKey: course.courseKey, path: "info/handouts.html" }),
    ctx.user ? listSubsectionGrades({ userId: ctx.user.id, courseId: course.id }) : Promise.resolve([]),
  ]);
  const scores = new Map(grades.map((g) => [g.usageKey, { earned: g.earned, possible: g.possible }]));
  const progress = courseProgress(view, viewer, done);
  const resume = view.units.find((u) => u.unit.usageKey === ctx.state.lastUnitKey) ?? null;
  const first = view.units[0] ?? null;
  const target = resume ?? first;
  return (
    <div className={styles.page}>
      <p className={styles.meta}>
        {course.org} · {course.number}
      </p>
      <div className={styles.spread}>
        <h1 style={{ margin: "0.25rem 0" }}>{course.displayName}</h1>
        {target ? (
          <Link className={styles.button} href={learnHref(course.courseKey, target.subsection.urlName, target.unit.urlName)}>
            {resume ? "Resume course" : "Start course"}
          </Link>
        ) : null}
      </div>
      {ctx.isStaff ? <ViewAsToggle courseKey={course.courseKey} asLearner={ctx.viewingAsLearner} /> : null}
      <CourseTabs courseKey={course.courseKey} courseName={course.displayName} current="home" isStaff={ctx.isStaff} />
      <div className={styles.two}>
        <section aria-labelledby="outline-h">
          <div className={styles.spread}>
            <h2 id="outline-h">Outline</h2>
            <span className={styles.meta}>{progress.percent}% complete</span>
          </div>
          <CourseOutline courseKey={course.courseKey} view={view} viewer={viewer} done={done} scores={scores} />
        </section>
        <div>
          <section aria-labelledby="updates-h">
            <h2 id="updates-h">Updates</h2>
            {updates && updates.length ? (
              updates.map((u) => (
                <article key={u.id} className={styles.notice}>
                  {u.date ? <h3 style={{ fontSize: "1rem", margin: "0 0 0.25rem" }}>{u.date}</h3> : null}
                  <div className={styles.htmlBody} dangerouslySetInnerHTML={{ __html: u.html }} />
                </article>
              ))
            ) : updatesHtml ? (
              <div className={styles.htmlBody} dangerouslySetInnerHTML={{ __html: updatesHtml }} />
            ) : (
              <p className={styles.muted}>No updates yet.</p>
            )}
          </section>
          <section aria-labelledby="handouts-h">
            <h2 id="handouts-h">Handouts</h2>
            {handouts ? <div className={styles.htmlBody} dangerouslySetInnerHTML={{ __html: handouts }} /> : <p className={styles.muted}>No handouts.</p>}
          </section>
        </div>
      </div>
    </div>
  );
}
