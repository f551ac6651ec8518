// Exports as jobs: the .tar.gz is built from a version and stored in the content store (a blob
// like any other, kind "export"); the jobs row holds the stage and, when done, the blob's hash,
// size and file name, so any instance can show the progress and serve the download
// (app/api/studio/jobs/[jobId]/download). The streamed export route stays for direct downloads.
import "server-only";
import { PassThrough } from "node:stream";
import { getContentStore } from "@/lib/content";
import { getCourseByKey } from "@/lib/db/queries/courses";
import { claimJob, createJob, failStaleJobs, finishJob, getJob, heartbeatJob, updateJobProgress } from "@/lib/db/queries/jobs";
import { exportCourse } from "./export";

export interface ExportJobResult {
  blobHash: string;
  size: number;
  fileName: string;
  versionId: number;
}

export interface ExportJobView {
  id: number;
  kind: "export";
  status: "queued" | "running" | "succeeded" | "failed";
  courseKey: string | null;
  progress: { stage: string; percent: number };
  result: (Omit<ExportJobResult, "blobHash"> & { downloadUrl: string }) | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdBy: number | null;
}

export const exportDownloadPath = (jobId: number) => `/api/studio/jobs/${jobId}/download`;

export function exportFileName(course: { org: string; number: string; run: string }, versionId: number): string {
  return `${course.org}_${course.number}_${course.run}_v${versionId}.tar.gz`.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Creates an export job for the course's published version and runs it in this process. */
export async function startExportJob({ courseKey, userId }: { courseKey: string; userId: number | null }): Promise<{ jobId: number; done: Promise<void> }> {
  const jobId = await createJob({ kind: "export", payload: { courseKey }, createdBy: userId, courseKey });
  const done = runExportJob({ jobId }).catch((err: unknown) => {
    console.error(`[atrium] export job ${jobId} could not record its outcome`, err);
  });
  return { jobId, done };
}

async function runExportJob({ jobId }: { jobId: number }): Promise<void> {
  if (!(await claimJob({ id: jobId }))) return;
  const job = (await getJob({ id: jobId }))!;
  const courseKey = String((job.payload ?? {}).courseKey ?? job.courseKey ?? "");
  const beat = setInterval(() => void heartbeatJob({ id: jobId }).catch(() => undefined), 5_000);
  beat.unref();
  try {
    await updateJobProgress({ id: jobId, progress: { stage: "building" } });
    const course = await getCourseByKey({ courseKey });
    const out = new PassThrough();
    const stored = getContentStore().put(out, { courseKey, kind: "archive", contentType: "application/gzip" });
    stored.catch(() => undefined);
    let versionId: number;
    try {
      ({ versionId } = await exportCourse({ courseKey, out }));
    } catch (err) {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    await updateJobProgress({ id: jobId, progress: { stage: "storing" } });
    const blob = await stored;
    const result: ExportJobResult = { blobHash: blob.hash, size: blob.size, fileName: exportFileName(course!, versionId), versionId };
    await finishJob({ id: jobId, status: "succeeded", progress: { stage: "done" }, result: { ...result } });
  } catch (err) {
    await finishJob({ id: jobId, status: "failed", progress: { stage: "failed" }, error: (err instanceof Error ? err.message : String(err)).slice(0, 60_000) });
  } finally {
    clearInterval(beat);
  }
}

const PERCENT: Record<string, number> = { queued: 0, building: 30, storing: 80, done: 100 };

/** The export job as the page needs it; the blob's hash stays on the server. */
export async function getExportJobView({ jobId }: { jobId: number }): Promise<ExportJobView | null> {
  let job = await getJob({ id: jobId });
  if (!job || job.kind !== "export") return null;
  if (job.status === "running" && (await failStaleJobs()) > 0) job = (await getJob({ id: jobId }))!;
  const stage = String((job.progress ?? {}).stage ?? "queued");
  const r = job.result as Partial<ExportJobResult> | null;
  return {
    id: job.id,
    kind: "export",
    status: job.status,
    courseKey: job.courseKey,
    progress: { stage, percent: job.status === "succeeded" ? 100 : (PERCENT[stage] ?? 0) },
    result: job.status === "succeeded" && r?.blobHash ? { size: Number(r.size ?? 0), fileName: String(r.fileName ?? "course.tar.gz"), versionId: Number(r.versionId ?? 0), downloadUrl: exportDownloadPath(job.id) } : null,
    error: job.error ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    createdBy: job.createdBy,
  };
}

/** The stored archive of a finished export job (for the download route, after it authorized). */
export async function getExportBlob({ jobId }: { jobId: number }): Promise<{ courseKey: string; result: ExportJobResult } | null> {
  const job = await getJob({ id: jobId });
  if (!job || job.kind !== "export" || job.status !== "succeeded" || !job.courseKey) return null;
  const r = job.result as Partial<ExportJobResult> | null;
  if (!r?.blobHash) return null;
  return { courseKey: job.courseKey, result: { blobHash: r.blobHash, size: Number(r.size ?? 0), fileName: String(r.fileName ?? "course.tar.gz"), versionId: Number(r.versionId ?? 0) } };
}
