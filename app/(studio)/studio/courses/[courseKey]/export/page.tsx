// /studio/courses/<course key>/export: export the published version as an Open edX .tar.gz, built
// as a job into the content store, then downloaded. The job being followed is in the URL (?job=ID).
import type { Metadata } from "next";
import Link from "next/link";
import { StudioQueryProvider } from "@/components/studio";
import { ExportPanel } from "@/components/studio/export-panel";
import { ButtonAnchor, Card, Notice, PageHeader } from "@/components/ui";
import { exportDownloadPath } from "@/lib/courses/export-jobs";
import { getJob, listJobsByCourse } from "@/lib/db/queries/jobs";
import { studioCoursePath } from "@/lib/studio/paths";
import styles from "@/components/studio/studio.module.css";
import { courseForPage } from "@/components/studio/course-page";
import { jobStartedLabel, jobStatusLabel } from "@/lib/courses/job-labels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Export · Studio" };

type Props = { params: Promise<{ courseKey: string }>; searchParams: Promise<{ job?: string | string[] }> };

export default async function CourseExportPage({ params, searchParams }: Props) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:export-course", `/studio/courses/${raw}/export`);
  if (!access.ok) return access.page;
  const { course } = access;
  const rawJob = (await searchParams).job;
  const wanted = Number(Array.isArray(rawJob) ? rawJob[0] : rawJob);
  const recent = (await listJobsByCourse({ courseKey: course.courseKey, limit: 40 })).filter((j) => j.kind === "export").slice(0, 10);
  let jobId: number | null = null;
  if (Number.isSafeInteger(wanted) && wanted > 0) {
    const job = await getJob({ id: wanted });
    if (job?.kind === "export" && job.courseKey === course.courseKey) jobId = job.id;
  }
  jobId ??= recent.find((j) => j.status === "running" || j.status === "queued")?.id ?? null;
  const header = (
    <PageHeader
      title={`Export ${course.displayName}`}
      description={
        <>
          <span className={styles.mono}>{course.courseKey}</span> · The published version as an Open edX course export (.tar.gz): course structure, components, files, grading and
          policies, ready to import into Open edX or Atrium. <Link href={studioCoursePath(course.courseKey)}>Export an older version</Link>
        </>
      }
    />
  );
  if (!course.publishedVersionId) {
    return (
      <>
        {header}
        <Notice tone="info" title="Nothing published yet">
          <p>Publish the course first: an export contains the published version.</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      {header}
      <Card title="Export">
        <StudioQueryProvider>
          <ExportPanel courseKey={course.courseKey} initialJobId={jobId} />
        </StudioQueryProvider>
        <p style={{ marginTop: "1rem" }}>
          Or download it directly while it is built:{" "}
          <ButtonAnchor href={`/api/studio/courses/${encodeURIComponent(course.courseKey)}/export`} variant="secondary" download>
            Download now
          </ButtonAnchor>
        </p>
      </Card>
      {recent.length ? (
        <Card title="Recent exports" style={{ marginTop: "1.5rem" }}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Started (UTC)</th>
                <th scope="col">Status</th>
                <th scope="col">Archive</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((j) => {
                const r = (j.result ?? {}) as { fileName?: string };
                return (
                  <tr key={j.id}>
                    <td>{jobStartedLabel(j)}</td>
                    <td>{jobStatusLabel(j)}</td>
                    <td>{j.status === "succeeded" && r.fileName ? <a href={exportDownloadPath(j.id)}>{r.fileName}</a> : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}
