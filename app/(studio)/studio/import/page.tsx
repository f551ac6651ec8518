// /studio/import: upload an Open edX course export and follow the import job.
import type { Metadata } from "next";
import Link from "next/link";
import { ImportPanel, StudioQueryProvider } from "@/components/studio";
import { Card, Notice, PageHeader } from "@/components/ui";
import { requireStudioUser } from "@/lib/courses/studio-access";
import { requireUser } from "@/lib/auth/session";
import { listJobsByUser } from "@/lib/db/queries/jobs";
import { isAppError } from "@/lib/errors";
import styles from "@/components/studio/studio.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import a course" };

export default async function ImportPage() {
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
  return (
    <>
      <PageHeader
        title="Import a course"
        description="Upload a course exported from Open edX (or from Atrium). Each import becomes a new version; the course keeps its previous version if anything goes wrong."
      />
      <Card title="Upload">
        <StudioQueryProvider>
          <ImportPanel />
        </StudioQueryProvider>
      </Card>
      {recent.length ? (
        <Card title="Your recent imports" style={{ marginTop: "1.5rem" }}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Started (UTC)</th>
                <th scope="col">File</th>
                <th scope="col">Course</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((j) => {
                const fileName = ((j.payload ?? {}) as { fileName?: string }).fileName ?? "—";
                return (
                  <tr key={j.id}>
                    <td>{j.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                    <td className={styles.mono}>{fileName}</td>
                    <td>{j.courseKey ? <Link href={`/studio/courses/${encodeURIComponent(j.courseKey)}`}>{j.courseKey}</Link> : "—"}</td>
                    <td>{j.status === "failed" ? `failed: ${(j.error ?? "").slice(0, 200)}` : j.status}</td>
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
