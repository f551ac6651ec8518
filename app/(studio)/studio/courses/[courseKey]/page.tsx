// /studio/courses/<course key>: course info, version history and export (re-import lives on the Import page).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { VersionTable } from "@/components/studio";
import { Badge, ButtonAnchor, ButtonLink, Card, Notice, PageHeader } from "@/components/ui";
import { canCourse } from "@/lib/auth/permissions";
import { actorOf, requireUser } from "@/lib/auth/session";
import { getCourseFacts } from "@/lib/auth/course-access";
import { decodeCourseKey } from "@/lib/courses/studio-access";
import { countBlocksByType, getCourseByKey, listAssets, listVersions } from "@/lib/db/queries/courses";
import { isAppError } from "@/lib/errors";
import { courseImportPath, outlinePath } from "@/lib/studio/paths";
import styles from "@/components/studio/studio.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string }> };

async function load(raw: string) {
  try {
    return await getCourseByKey({ courseKey: decodeCourseKey(raw) });
  } catch (err) {
    if (isAppError(err)) return null;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const course = await load((await params).courseKey);
  return { title: course ? `${course.displayName} · Studio` : "Course not found" };
}

const fmt = (d: Date | null) => (d ? `${d.toISOString().replace("T", " ").slice(0, 16)} UTC` : "—");

export default async function StudioCoursePage({ params }: Props) {
  const raw = (await params).courseKey;
  const user = await requireUser(`/studio/courses/${raw}`);
  const course = await load(raw);
  if (!course) notFound();
  const facts = await getCourseFacts({ userId: user.id, courseId: course.id });
  const actor = actorOf(user);
  if (!canCourse(actor, "studio:view-course", facts)) {
    return (
      <>
        <PageHeader title="Course not available" />
        <Notice tone="error" title="No access">
          <p>You are not on the team of {course.courseKey}.</p>
        </Notice>
      </>
    );
  }
  const canExport = canCourse(actor, "studio:export-course", facts);
  const canImport = canCourse(actor, "studio:import-course", facts);
  const versions = await listVersions({ courseId: course.id });
  const counts = course.publishedVersionId ? await countBlocksByType({ versionId: course.publishedVersionId }) : {};
  const assets = course.publishedVersionId ? await listAssets({ versionId: course.publishedVersionId }) : [];
  const exportBase = `/api/studio/courses/${encodeURIComponent(course.courseKey)}/export`;

  return (
    <>
      <PageHeader
        title={course.displayName}
        description={<span className={styles.mono}>{course.courseKey}</span>}
        actions={
          <>
            <ButtonLink href={outlinePath(course.courseKey)}>Outline</ButtonLink>
            {canExport && course.publishedVersionId ? (
              <ButtonAnchor href={exportBase} variant="secondary" download>
                Export course (.tar.gz)
              </ButtonAnchor>
            ) : null}
          </>
        }
      />
      <Card title="Course">
        <dl className={styles.dl}>
          <dt>Organization / number / run</dt>
          <dd>
            {course.org} / {course.number} / {course.run}
          </dd>
          <dt>Starts</dt>
          <dd>{fmt(course.start)}</dd>
          <dt>Ends</dt>
          <dd>{fmt(course.end)}</dd>
          <dt>Enrollment</dt>
          <dd>
            {fmt(course.enrollmentStart)} – {fmt(course.enrollmentEnd)}
          </dd>
          <dt>Pacing</dt>
          <dd>{course.selfPaced ? "Self-paced" : "Instructor-paced"}</dd>
          <dt>Catalog visibility</dt>
          <dd>
            {course.catalogVisibility}
            {course.invitationOnly ? (
              <>
                {" "}
                <Badge tone="info">invitation only</Badge>
              </>
            ) : null}
          </dd>
          <dt>Published version</dt>
          <dd>{course.publishedVersionId ?? "none"}</dd>
          <dt>Pending draft version</dt>
          <dd>{course.draftVersionId ?? "none"}</dd>
          <dt>Static files</dt>
          <dd>{assets.length}</dd>
        </dl>
        {Object.keys(counts).length ? (
          <>
            <h3>Blocks in the published version</h3>
            <ul className={styles.counts}>
              {Object.entries(counts)
                .sort((a, b) => b[1] - a[1])
                .map(([t, n]) => (
                  <li key={t}>
                    {t}: {n}
                  </li>
                ))}
            </ul>
          </>
        ) : null}
      </Card>
      <Card title="Version history" style={{ marginTop: "1.5rem" }}>
        <VersionTable
          rows={versions.map((v) => ({
            ...v,
            isPublished: v.id === course.publishedVersionId,
            isDraft: v.id === course.draftVersionId,
            exportHref: `${exportBase}?version=${v.id}`,
          }))}
        />
      </Card>
      {canImport ? (
        <Card title="Re-import" style={{ marginTop: "1.5rem" }}>
          <p>
            To bring in a newer export of this course, or pull it again from its Git repository, use the <Link href={courseImportPath(course.courseKey)}>Import page</Link>.
          </p>
        </Card>
      ) : null}
    </>
  );
}
