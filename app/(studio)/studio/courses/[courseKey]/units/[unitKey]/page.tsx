// /studio/courses/<course key>/units/<unit usage key>: the unit editor. The page authorizes on the
// server (studio:edit-course on this course), loads the unit's draft through s-core's loader and
// hands it to the client editor; every change then goes through the Studio server actions.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudioQueryProvider } from "@/components/studio";
import { UnitEditor } from "@/components/studio/unit-editor";
import { Notice, PageHeader } from "@/components/ui";
import { canCourse } from "@/lib/auth/permissions";
import { getCourseFacts } from "@/lib/auth/course-access";
import { actorOf, requireUser } from "@/lib/auth/session";
import { decodeCourseKey } from "@/lib/courses/studio-access";
import { getCourseByKey } from "@/lib/db/queries/courses";
import { isAppError } from "@/lib/errors";
import { safeDecode } from "@/lib/lms/urls";
import { getUnitEditorData } from "@/lib/studio";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string; unitKey: string }> };

async function load(rawCourse: string, rawUnit: string) {
  try {
    const course = await getCourseByKey({ courseKey: decodeCourseKey(rawCourse) });
    const unitKey = safeDecode(rawUnit);
    return course && unitKey ? { course, unitKey } : null;
  } catch (err) {
    if (isAppError(err)) return null;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  const found = await load(p.courseKey, p.unitKey);
  return { title: found ? `Unit · ${found.course.displayName} · Studio` : "Not found" };
}

export default async function UnitEditorPage({ params }: Props) {
  const p = await params;
  const user = await requireUser(`/studio/courses/${p.courseKey}/units/${p.unitKey}`);
  const found = await load(p.courseKey, p.unitKey);
  if (!found) notFound();
  const { course, unitKey } = found;
  const facts = await getCourseFacts({ userId: user.id, courseId: course.id });
  const actor = actorOf(user);
  if (!canCourse(actor, "studio:edit-course", facts)) {
    return (
      <>
        <PageHeader title="Unit not available" />
        <Notice tone="error" title="No access">
          <p>You cannot edit {course.courseKey}.</p>
        </Notice>
      </>
    );
  }
  let data;
  try {
    data = await getUnitEditorData({ courseId: course.id, unitUsageKey: unitKey });
  } catch (err) {
    if (isAppError(err) && err.code.startsWith("not_found")) notFound();
    throw err;
  }
  const outlineHref = `/studio/courses/${encodeURIComponent(course.courseKey)}/outline`;
  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 0.75rem", listStyle: "none", padding: 0, margin: "0 0 0.5rem" }}>
          <li>
            <Link href={outlineHref}>{course.displayName}</Link>
          </li>
          <li>› {data.section.displayName}</li>
          <li>› {data.subsection.displayName}</li>
        </ol>
      </nav>
      <PageHeader title={data.unit.displayName} />
      <StudioQueryProvider>
        <UnitEditor data={data} canPublish={canCourse(actor, "studio:edit-course", facts)} />
      </StudioQueryProvider>
    </>
  );
}
