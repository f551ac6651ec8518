// /studio/courses/<course key>/preview/<unit usage key>: the unit as a learner would see it, from
// the DRAFT (Studio's working copy), through the LMS's own component renderers
// (components/lms/unit-component). Course staff only: the page authorizes studio:view-course on
// the server before reading anything of the draft. Learner submissions are not used here (they would
// be graded against the published course): problems are answered through the problem editor's
// preview (the LMS problem component, graded by previewProblemAction, nothing persisted).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UnitComponent } from "@/components/lms/unit-component";
import { ProblemPreview } from "@/components/studio/problem-editor";
import { Notice } from "@/components/ui";
import { requireUser } from "@/lib/auth/session";
import { decodeCourseKey, requireCourseAction } from "@/lib/courses/studio-access";
import { getDraftVersionData } from "@/lib/db/queries/courseware";
import { isAppError } from "@/lib/errors";
import { componentsOf } from "@/lib/lms/outline";
import { safeDecode } from "@/lib/lms/urls";
import { getComponentEditorData, getDraftVersionStamp, getUnitEditorData } from "@/lib/studio";
import { unitPath } from "@/lib/studio/paths";
import styles from "@/components/lms/lms.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string; unitKey: string }> };

export const metadata: Metadata = { title: "Unit preview · Studio" };

async function authorize(rawCourse: string) {
  try {
    return await requireCourseAction({ courseKey: decodeCourseKey(rawCourse), action: "studio:view-course" });
  } catch (err) {
    if (isAppError(err) && (err.code.startsWith("not_found") || err.code.startsWith("invalid"))) notFound();
    if (isAppError(err)) return null;
    throw err;
  }
}

export default async function UnitPreviewPage({ params }: Props) {
  const p = await params;
  await requireUser(`/studio/courses/${p.courseKey}/preview/${p.unitKey}`);
  const auth = await authorize(p.courseKey);
  if (!auth) {
    return (
      <Notice tone="error" title="No access">
        <p>Only the course team can preview its draft.</p>
      </Notice>
    );
  }
  const { course } = auth;
  const unitKey = safeDecode(p.unitKey);
  if (!unitKey) notFound();
  let unitData;
  try {
    unitData = await getUnitEditorData({ courseId: course.id, unitUsageKey: unitKey });
  } catch (err) {
    if (isAppError(err) && err.code.startsWith("not_found")) notFound();
    throw err;
  }
  const stamp = await getDraftVersionStamp({ courseId: course.id });
  const version = await getDraftVersionData(stamp);
  const unit = version?.outline.byKey.get(unitKey);
  if (!version || !unit || unit.type !== "vertical") notFound();
  const renderProblem = async (node: { usageKey: string }) => {
    const data = await getComponentEditorData({ courseId: course.id, usageKey: node.usageKey });
    return (
      <div data-testid="problem" data-usage-key={node.usageKey}>
        <ProblemPreview courseKey={course.courseKey} olx={data.olx} error={null} displayName={data.displayName} />
      </div>
    );
  };
  // Staff see staff-only and unreleased components, as in Open edX's Studio preview.
  const components = componentsOf(unit, { staff: true, now: new Date() });
  return (
    <div className={styles.page}>
      <Notice tone="info" title="Preview of the draft">
        <p>
          This is the unit&apos;s unpublished content as learners will see it once published. <Link href={unitPath(course.courseKey, unitKey)}>Back to the unit editor</Link>
          {unitData.liveUrl ? (
            <>
              {" · "}
              {/* the live unit is reached through the jump route handler: a plain anchor, never prefetched */}
              <a href={unitData.liveUrl}>View live</a>
            </>
          ) : null}
        </p>
      </Notice>
      <nav aria-label="Breadcrumb" className={styles.breadcrumbs}>
        <ol>
          <li>{course.displayName}</li>
          <li>{unitData.section.displayName}</li>
          <li>{unitData.subsection.displayName}</li>
          <li aria-current="page">{unitData.unit.displayName}</li>
        </ol>
      </nav>
      <h1 style={{ margin: "0.5rem 0" }}>{unit.displayName}</h1>
      {components.length === 0 ? <p className={styles.muted}>This unit is empty.</p> : null}
      {components.map((c) => (
        <section key={c.usageKey} className={styles.component} data-block-type={c.type} aria-label={c.type === "problem" ? undefined : c.displayName}>
          <UnitComponent node={c} version={version} courseKey={course.courseKey} courseId={course.id} renderProblem={renderProblem} />
        </section>
      ))}
    </div>
  );
}
