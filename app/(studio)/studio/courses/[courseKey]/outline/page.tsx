// /studio/courses/<course key>/outline: the course outline editor (authorized on the server; the
// actions it calls authorize again).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OutlineEditor } from "@/components/studio/outline/outline-editor";
import { Notice, PageHeader } from "@/components/ui";
import { decodeCourseKey, requireCourseAction } from "@/lib/courses/studio-access";
import { requireUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getStudioOutline } from "@/lib/studio";
import { studioCoursePath } from "@/lib/studio/paths";
import styles from "@/components/studio/studio.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string }> };

export const metadata: Metadata = { title: "Course outline · Studio" };

export default async function OutlinePage({ params }: Props) {
  const raw = (await params).courseKey;
  await requireUser(`/studio/courses/${raw}/outline`);
  let access;
  try {
    access = await requireCourseAction({ courseKey: decodeCourseKey(raw), action: "studio:edit-course" });
  } catch (err) {
    if (isAppError(err) && err.code.startsWith("not_found")) notFound();
    if (isAppError(err) && err.code.startsWith("forbidden")) {
      return (
        <>
          <PageHeader title="Course not available" />
          <Notice tone="error" title="No access">
            <p>You are not on this course’s team, so you cannot edit its outline.</p>
          </Notice>
        </>
      );
    }
    throw err;
  }
  const { course } = access;
  const outline = await getStudioOutline({ courseId: course.id });
  return (
    <>
      <PageHeader
        title={outline.displayName}
        description={
          <>
            <span className={styles.mono}>{course.courseKey}</span> · Course outline · <Link href={studioCoursePath(course.courseKey)}>Course info and versions</Link>
          </>
        }
      />
      <OutlineEditor outline={outline} liveUrl={course.publishedVersionId ? `/courses/${encodeURIComponent(course.courseKey)}` : null} />
    </>
  );
}
