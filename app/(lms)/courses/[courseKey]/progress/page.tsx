// The Progress tab: the learner's overall grade, a chart and table per assignment type and
// per-subsection scores, read from the grades persisted on every submission.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CourseTabs } from "@/components/lms/course-tabs";
import styles from "@/components/lms/lms.module.css";
import { ProgressReport } from "@/components/problem/progress-report";
import { getPublishedCourse } from "@/lib/db/queries/problems";
import { progressHref, safeDecode } from "@/lib/lms/urls";
import { getLearnerProgress } from "@/lib/problems/progress";
import { requireCourseware } from "@/lib/lms/course-context";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Progress" };

export default async function ProgressPage({ params }: { params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  const courseKey = safeDecode(raw);
  const ctx = await requireCourseware(courseKey, progressHref(courseKey ?? raw));
  const published = await getPublishedCourse({ courseId: ctx.course.id });
  if (!published) notFound();
  const progress = await getLearnerProgress({ userId: ctx.user!.id, course: published });
  return (
    <div className={styles.page}>
      <p className={styles.meta}>
        {ctx.course.org} · {ctx.course.number}
      </p>
      <h1 style={{ margin: "0.25rem 0" }}>{ctx.course.displayName}</h1>
      <CourseTabs courseKey={ctx.course.courseKey} courseName={ctx.course.displayName} current="progress" isStaff={ctx.isStaff} />
      <ProgressReport progress={progress} />
    </div>
  );
}
