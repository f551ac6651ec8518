// /studio/courses/<course key>/rerun: a new run of this course from its latest published version,
// with every date moved. Needs view access to this course and the course creator right; the
// action checks both again.
import type { Metadata } from "next";
import { RerunForm } from "@/components/studio/rerun-form";
import { Card, Notice, PageHeader } from "@/components/ui";
import { canGlobal } from "@/lib/auth/permissions";
import { actorOf } from "@/lib/auth/session";
import styles from "@/components/studio/studio.module.css";
import { courseForPage } from "@/components/studio/course-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Re-run course · Studio" };

type Props = { params: Promise<{ courseKey: string }> };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default async function RerunPage({ params }: Props) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:view-course", `/studio/courses/${raw}/rerun`);
  if (!access.ok) return access.page;
  const { user, course } = access;
  const header = (
    <PageHeader
      title={`Re-run ${course.displayName}`}
      description={
        <>
          <span className={styles.mono}>{course.courseKey}</span> · A new course from the latest published version: the same content, files, grading and course team, every date moved; no learners, progress or grades. Unpublished changes are not included.
        </>
      }
    />
  );
  if (!canGlobal(actorOf(user), "studio:create-course")) {
    return (
      <>
        {header}
        <Notice tone="info" title="You cannot create courses">
          <p>A re-run is a new course, which needs the course creator right. Ask an administrator for it.</p>
        </Notice>
      </>
    );
  }
  if (!course.publishedVersionId) {
    return (
      <>
        {header}
        <Notice tone="info" title="Nothing published yet">
          <p>A re-run copies the published version of the course. Publish the course first.</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      {header}
      <Card>
        <RerunForm
          source={{
            courseKey: course.courseKey,
            org: course.org,
            number: course.number,
            run: course.run,
            displayName: course.displayName,
            start: iso(course.start),
            end: iso(course.end),
            enrollmentStart: iso(course.enrollmentStart),
            enrollmentEnd: iso(course.enrollmentEnd),
          }}
        />
      </Card>
    </>
  );
}
