// Rescoring a problem for every learner who submitted it, after an author fixed it: a job in the
// jobs table (like imports) so any instance can show its progress. Each learner is re-graded in
// their own transaction (stored answers and seed, current published definition; attempts kept),
// and their subsection and course grades are recomputed.
import "server-only";
import { claimJob, createJob, finishJob, getJob, updateJobProgress } from "@/lib/db/queries/jobs";
import { listSubmittedLearners } from "@/lib/db/queries/problems";
import { AppError } from "@/lib/errors";
import { loadProblem, rescoreLearner } from "./service";

export const RESCORE_JOB_KIND = "rescore";

/** Queues a rescore job after checking the problem can be graded; returns its id. */
export async function startRescoreJob({ courseId, courseKey, usageKey, createdBy }: { courseId: number; courseKey: string; usageKey: string; createdBy: number }): Promise<number> {
  // Staff only (the caller checked course:rescore): refuses unknown or unsupported problems up front.
  await loadProblem({ courseId, usageKey, isStaff: true });
  return createJob({ kind: RESCORE_JOB_KIND, courseKey, createdBy, payload: { courseId, usageKey } });
}

/** Runs a queued rescore job to the end (returns quietly if another runner claimed it). */
export async function runRescoreJob({ jobId }: { jobId: number }): Promise<void> {
  const job = await getJob({ id: jobId });
  if (!job || job.kind !== RESCORE_JOB_KIND) throw new AppError("not_found:job", "No such rescore job.");
  if (!(await claimJob({ id: jobId }))) return;
  const courseId = Number(job.payload?.courseId);
  const usageKey = String(job.payload?.usageKey ?? "");
  let done = 0;
  let changed = 0;
  const failures: { userId: number; message: string }[] = [];
  try {
    const p = await loadProblem({ courseId, usageKey, isStaff: true });
    const learners = await listSubmittedLearners({ courseId, usageKey });
    const total = learners.length;
    await updateJobProgress({ id: jobId, progress: { stage: "rescoring", done, total, changed, failed: 0 } });
    let lastReport = Date.now();
    for (const learnerId of learners) {
      const r = await rescoreLearner({ learnerId, p });
      done++;
      if (r.ok && r.changed) changed++;
      if (!r.ok) failures.push({ userId: learnerId, message: r.message });
      if (Date.now() - lastReport > 500 || done === total) {
        lastReport = Date.now();
        await updateJobProgress({ id: jobId, progress: { stage: "rescoring", done, total, changed, failed: failures.length } });
      }
    }
    await finishJob({
      id: jobId,
      status: "succeeded",
      progress: { stage: "done", done, total, changed, failed: failures.length },
      result: { usageKey, total, changed, failed: failures.length, failures: failures.slice(0, 50) },
    });
  } catch (err) {
    const message = err instanceof AppError ? err.message : "The rescore stopped because of an unexpected error.";
    if (!(err instanceof AppError)) console.error("[atrium] rescore job failed", err);
    await finishJob({ id: jobId, status: "failed", error: message, progress: { stage: "failed", done, changed, failed: failures.length } });
  }
}
