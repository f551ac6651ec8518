// /studio/import: a new course from an uploaded Open edX export or a Git repository, and the import
// job it starts (its id in the URL, ?job=ID, so a reload keeps following it).
import type { Metadata } from "next";
import Link from "next/link";
import { ImportPanel, StudioQueryProvider } from "@/components/studio";
import { Card, Notice, PageHeader } from "@/components/ui";
import { requireStudioUser } from "@/lib/courses/studio-access";
import { requireUser } from "@/lib/auth/session";
import { listJobsByUser } from "@/lib/db/queries/jobs";
import { isAppError } from "@/lib/errors";
import styles from "@/components/studio/studio.module.css";
import { importSourceLabel, jobStartedLabel, jobStatusLabel } from "@/lib/courses/job-labels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import a course" };

type Props = { searchParams: Promise<{ job?: string | string[] }> };

export default async function ImportPage({ searchParams }: Props) {
  await requireUser("/studio/import");
  let userId: number;
  try {
    userId = (await requireStudioUser()).id;
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (
      <>
        <PageHeader title="Import a course" />
        <Notice tone="error" title="No access">
          <p>{err.message}</p>
        </Notice>
      </>
    );
  }
  const recent = await listJobsByUser({ userId, kind: "import", limit: 10 });
  const rawJob = (await searchParams).job;
  const wanted = Number(Array.isArray(rawJob) ? rawJob[0] : rawJob);
  // the URL's job if it is one of this user's imports, else this user's running import
  const jobId = recent.find((j) => j.id === wanted)?.id ?? recent.find((j) => j.status === "running" || j.status === "queued")?.id ?? null;
  return (
    <>
      <PageHeader
        title="Import a course"
        description="Upload a course exported from Open edX (or from Atrium). Each import becomes a new version; the course keeps its previous version if anything goes wrong."
      />
      <Card title="Upload or clone">
        <StudioQueryProvider>
          <ImportPanel initialJobId={jobId} git={null} />
        </StudioQueryProvider>
      </Card>
      {recent.length ? (
        <Card title="Your recent imports" style={{ marginTop: "1.5rem" }}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Started (UTC)</th>
                <th scope="col">Source</th>
                <th scope="col">Course</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((j) => (
                <tr key={j.id}>
                  <td>{jobStartedLabel(j)}</td>
                  <td className={styles.mono}>{importSourceLabel(j)}</td>
                  <td>{j.courseKey ? <Link href={`/studio/courses/${encodeURIComponent(j.courseKey)}`}>{j.courseKey}</Link> : "—"}</td>
                  <td>{jobStatusLabel(j)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}
