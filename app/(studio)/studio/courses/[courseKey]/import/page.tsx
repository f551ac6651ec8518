// /studio/courses/<course key>/import: re-import this course from an uploaded export or from its
// Git repository. The import being followed is in the URL (?job=ID); without one, the course's
// running import (from the jobs table) is shown, so a reload or another instance keeps the bar.
import type { Metadata } from "next";
import Link from "next/link";
import { ImportPanel, StudioQueryProvider } from "@/components/studio";
import { Card, Notice, PageHeader } from "@/components/ui";
import { gitInfoOf } from "@/lib/courses";
import { importSourceLabel, jobStartedLabel, jobStatusLabel } from "@/lib/courses/job-labels";
import { getVersion } from "@/lib/db/queries/courses";
import { getJob, listJobsByCourse } from "@/lib/db/queries/jobs";
import { hasUnpublishedChanges } from "@/lib/db/queries/studio";
import { studioCoursePath } from "@/lib/studio/paths";
import styles from "@/components/studio/studio.module.css";
import { courseForPage } from "@/components/studio/course-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import · Studio" };

type Props = { params: Promise<{ courseKey: string }>; searchParams: Promise<{ job?: string | string[] }> };

export default async function CourseImportPage({ params, searchParams }: Props) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:import-course", `/studio/courses/${raw}/import`);
  if (!access.ok) return access.page;
  const { course } = access;
  const rawJob = (await searchParams).job;
  const wanted = Number(Array.isArray(rawJob) ? rawJob[0] : rawJob);
  const recent = (await listJobsByCourse({ courseKey: course.courseKey, limit: 40 })).filter((j) => j.kind === "import").slice(0, 10);
  let jobId: number | null = null;
  if (Number.isSafeInteger(wanted) && wanted > 0) {
    const job = await getJob({ id: wanted });
    // only a job of this course (a new-course import names its course once it has read it)
    if (job?.kind === "import" && (job.courseKey === course.courseKey || (job.courseKey === null && job.createdBy === access.user.id))) jobId = job.id;
  }
  jobId ??= recent.find((j) => j.status === "running" || j.status === "queued")?.id ?? null;
  const published = course.publishedVersionId ? await getVersion({ id: course.publishedVersionId }) : null;
  const git = gitInfoOf(published?.meta);
  const unpublished = await hasUnpublishedChanges({ course });
  return (
    <>
      <PageHeader
        title={`Import ${course.displayName}`}
        description={
          <>
            <span className={styles.mono}>{course.courseKey}</span> · Each import becomes a new version whose parent is the published one; if anything goes wrong the course keeps its
            version. <Link href={studioCoursePath(course.courseKey)}>Version history</Link>
          </>
        }
      />
      {unpublished ? (
        <Notice tone="warning" title="This course has unpublished changes made in Studio">
          <p>
            An import replaces Studio’s working copy with the imported course. The current working copy (version {course.draftVersionId}) is not deleted: it stays in the{" "}
            <Link href={studioCoursePath(course.courseKey)}>version history</Link>, where it can be exported.
          </p>
        </Notice>
      ) : null}
      <Card title="Re-import" style={unpublished ? { marginTop: "1.5rem" } : undefined}>
        <StudioQueryProvider>
          <ImportPanel courseKey={course.courseKey} initialJobId={jobId} git={git ?? { url: "", ref: "", folder: "" }} />
        </StudioQueryProvider>
      </Card>
      {recent.length ? (
        <Card title="Recent imports of this course" style={{ marginTop: "1.5rem" }}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Started (UTC)</th>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((j) => (
                <tr key={j.id}>
                  <td>
                    <Link href={`?job=${j.id}`}>{jobStartedLabel(j)}</Link>
                  </td>
                  <td className={styles.mono}>{importSourceLabel(j)}</td>
                  <td>{jobStatusLabel(j, { importResult: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}
