// Re-grading a course after its grading changed (policy, cutoffs, a subsection's graded-as or due):
// a job in the jobs table, queued in the publish transaction and run in-process after commit (like
// imports and rescoring), with all its state in the jobs row so any instance can show progress.
// Each learner is recomputed in their own transaction against the current published version.
import "server-only";
import { claimJob, failStaleJobs, finishJob, getJob, updateJobProgress } from "@/lib/db/queries/jobs";
import { listActiveLearnerIds } from "@/lib/db/queries/enrollments";
import { refreshLearnerGrades } from "@/lib/problems/service";

export const REGRADE_JOB_KIND = "regrade";

export interface RegradeJobView {
  id: number;
  kind: typeof REGRADE_JOB_KIND;
  status: "queued" | "running" | "succeeded" | "failed";
  courseKey: string | null;
  done: number;
  total: number;
  failed: number;
  percent: number;
  error: string | null;
  createdBy: number | null;
}

/** Runs a queued regrade job to the end (returns quietly if another runner claimed it). */
export async function runRegradeJob({ jobId }: { jobId: number }): Promise<void> {
  const job = await getJob({ id: jobId });
  if (!job || job.kind !== REGRADE_JOB_KIND) return;
  if (!(await claimJob({ id: jobId }))) return;
  const courseId = Number(job.payload?.courseId);
  let done = 0;
  let failed = 0;
  try {
    const learners = await listActiveLearnerIds({ courseId });
    const total = learners.length;
    await updateJobProgress({ id: jobId, progress: { stage: "regrading", done, total, failed } });
    let last = Date.now();
    for (const userId of learners) {
      try {
        await refreshLearnerGrades({ userId, courseId });
      } catch (err) {
        failed++;
        console.error(`[atrium] regrade job ${jobId}: learner ${userId} failed`, err);
      }
      done++;
      if (Date.now() - last > 300 || done === total) {
        last = Date.now();
        await updateJobProgress({ id: jobId, progress: { stage: "regrading", done, total, failed } });
      }
    }
    await finishJob({ id: jobId, status: "succeeded", progress: { stage: "done", done, total, failed }, result: { total, failed } });
  } catch (err) {
    console.error(`[atrium] regrade job ${jobId} failed`, err);
    await finishJob({ id: jobId, status: "failed", error: "The re-grade stopped because of an unexpected error.", progress: { stage: "failed", done, failed } });
  }
}

export async function getRegradeJobView({ jobId }: { jobId: number }): Promise<RegradeJobView | null> {
  let job = await getJob({ id: jobId });
  if (!job || job.kind !== REGRADE_JOB_KIND) return null;
  if (job.status === "running" && (await failStaleJobs()) > 0) job = (await getJob({ id: jobId }))!;
  const p = job.progress ?? {};
  const done = Number(p.done ?? 0);
  const total = Number(p.total ?? 0);
  return {
    id: job.id,
    kind: REGRADE_JOB_KIND,
    status: job.status,
    courseKey: job.courseKey,
    done,
    total,
    failed: Number(p.failed ?? 0),
    percent: job.status === "succeeded" ? 100 : total > 0 ? Math.round((100 * done) / total) : 0,
    error: job.error ?? null,
    createdBy: job.createdBy,
  };
}
