// A course's about page: overview, description, effort, intro video, dates, staff, and Enroll
// (respecting the enrollment window, invitation-only courses and catalog visibility).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { canCourse } from "@/lib/auth/permissions";
import { getAssetHash, listCourseStaff } from "@/lib/db/queries/catalog";
import { getDocumentText, getRenderedDocument } from "@/lib/db/queries/courseware";
import { isInvited } from "@/lib/db/queries/enrollments";
import { ENROLL_BLOCK_MESSAGE, enrollmentBlock, formatDate } from "@/lib/lms/dates";
import { htmlToText } from "@/lib/lms/html";
import { assetHref, courseHref, safeDecode } from "@/lib/lms/urls";
import { EnrollButton, UnenrollButton } from "@/components/lms/enroll-button";
import styles from "@/components/lms/lms.module.css";
import { loadCourseContext } from "@/lib/lms/course-context";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const key = safeDecode((await params).courseKey);
  const ctx = key ? await loadCourseContext(key) : null;
  return { title: ctx ? `About ${ctx.course.displayName}` : "Course not found" };
}

const NOTICES: Record<string, string> = {
  "enroll-required": "You must be enrolled in this course to see its content. Enroll below to start learning.",
  unenrolled: "You have been unenrolled from this course.",
};

export default async function AboutPage({ params, searchParams }: Props) {
  const courseKey = safeDecode((await params).courseKey);
  if (!courseKey) notFound();
  const ctx = await loadCourseContext(courseKey);
  if (!ctx || !canCourse(ctx.actor, "course:view-about", ctx.facts)) notFound();
  const { course, version, user } = ctx;
  const notice = NOTICES[String((await searchParams).notice ?? "")];
  const [overview, video, effortDoc, staff, imageHash, invited] = await Promise.all([
    getRenderedDocument({ version, courseKey, path: "about/overview.html" }),
    getRenderedDocument({ version, courseKey, path: "about/video.html" }),
    getDocumentText({ version, path: "about/effort.html" }),
    listCourseStaff({ courseId: course.id }),
    course.courseImage ? getAssetHash({ versionId: version.versionId, path: course.courseImage }) : Promise.resolve(null),
    user && course.invitationOnly ? isInvited({ courseId: course.id, email: user.email }) : Promise.resolve(false),
  ]);
  const effort = course.effort || (effortDoc ? htmlToText(effortDoc) : "");
  const block = enrollmentBlock(course, new Date(), invited);
  const enrolled = ctx.facts.enrolled;
  return (
    <div className={styles.page}>
      {notice ? (
        <div className={styles.noticeWarn} role="status">
          {notice}
        </div>
      ) : null}
      <div className={styles.hero}>
        <div>
          <p className={styles.meta}>
            {course.org} · {course.number}
          </p>
          <h1>{course.displayName}</h1>
          {course.shortDescription ? <p>{htmlToText(course.shortDescription)}</p> : null}
          {video ? <div className={styles.htmlBody} dangerouslySetInnerHTML={{ __html: video }} /> : null}
          <section aria-labelledby="overview-h">
            <h2 id="overview-h">Overview</h2>
            {overview ? <div className={styles.htmlBody} dangerouslySetInnerHTML={{ __html: overview }} /> : <p className={styles.muted}>No overview has been written for this course yet.</p>}
          </section>
        </div>
        <aside className={styles.aside} aria-label="Enrollment and dates">
          {course.courseImage ? (
            // eslint-disable-next-line @next/next/no-img-element -- immutable course asset
            <img src={assetHref(course.courseKey, course.courseImage, imageHash)} alt="" style={{ width: "100%", borderRadius: 6 }} />
          ) : null}
          {enrolled ? (
            <div>
              <p className={styles.success}>You are enrolled in this course.</p>
              <p>
                <Link className={styles.button} href={courseHref(course.courseKey)}>
                  Go to course
                </Link>
              </p>
              <UnenrollButton courseKey={course.courseKey} />
            </div>
          ) : !user ? (
            <p>
              <Link className={styles.button} href={`/login?callbackUrl=${encodeURIComponent(`/courses/${encodeURIComponent(course.courseKey)}/about`)}`}>
                Sign in to enroll
              </Link>
            </p>
          ) : block && !ctx.isStaff ? (
            <p className={styles.noticeWarn}>{ENROLL_BLOCK_MESSAGE[block]}</p>
          ) : (
            <EnrollButton courseKey={course.courseKey} courseName={course.displayName} />
          )}
          <dl className={styles.dl}>
            <dt>Course number</dt>
            <dd>{course.number}</dd>
            <dt>Starts</dt>
            <dd>{course.start ? formatDate(course.start) : "Any time"}</dd>
            {course.end ? (
              <>
                <dt>Ends</dt>
                <dd>{formatDate(course.end)}</dd>
              </>
            ) : null}
            {course.enrollmentStart ? (
              <>
                <dt>Enrollment opens</dt>
                <dd>{formatDate(course.enrollmentStart)}</dd>
              </>
            ) : null}
            {course.enrollmentEnd ? (
              <>
                <dt>Enrollment closes</dt>
                <dd>{formatDate(course.enrollmentEnd)}</dd>
              </>
            ) : null}
            {effort ? (
              <>
                <dt>Effort</dt>
                <dd>{effort}</dd>
              </>
            ) : null}
            <dt>Pacing</dt>
            <dd>{course.selfPaced ? "Self-paced" : "Instructor-paced"}</dd>
          </dl>
          {staff.length ? (
            <section aria-labelledby="staff-h">
              <h2 id="staff-h" style={{ fontSize: "1.1rem" }}>
                Course staff
              </h2>
              <ul>
                {staff.map((s) => (
                  <li key={s.username}>
                    {s.fullName || s.username} <span className={styles.muted}>({s.role === "instructor" ? "Instructor" : "Staff"})</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
