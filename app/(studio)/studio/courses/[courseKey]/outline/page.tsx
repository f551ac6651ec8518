// /studio/courses/<course key>/outline: the course outline editor (authorized on the server; the
// actions it calls authorize again).
import type { Metadata } from "next";
import { courseForPage } from "@/components/studio/course-page";
import Link from "next/link";
import { OutlineEditor } from "@/components/studio/outline/outline-editor";
import { PageHeader } from "@/components/ui";

import { getStudioOutline } from "@/lib/studio";
import { studioCoursePath } from "@/lib/studio/paths";
import styles from "@/components/studio/studio.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string }> };

export const metadata: Metadata = { title: "Course outline · Studio" };

export default async function OutlinePage({ params }: Props) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:edit-course", `/studio/courses/${raw}/outline`, ", so you cannot edit its outline");
  if (!access.ok) return access.page;
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
