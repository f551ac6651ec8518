"use client";
// Progress of the latest regrade job (learners' course grades recomputed after a grading change
// was published), polled from /api/studio/jobs/<id> with React Query while it runs.
import { useQuery } from "@tanstack/react-query";
import type { RegradeJobView } from "@/lib/studio/regrade";
import studio from "@/components/studio/studio.module.css";

export function RegradeProgress({ jobId }: { jobId: number }) {
  const job = useQuery({
    queryKey: ["studio-job", jobId],
    queryFn: async (): Promise<RegradeJobView> => {
      const res = await fetch(`/api/studio/jobs/${jobId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Could not read the re-grade's progress (${res.status}).`);
      return (await res.json()) as RegradeJobView;
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "succeeded" || q.state.data.status === "failed") ? false : 700),
  });
  const d = job.data;
  const label = !d
    ? "Starting…"
    : d.status === "succeeded"
      ? `Re-graded ${d.done} of ${d.total} learners${d.failed ? ` (${d.failed} failed)` : ""}.`
      : d.status === "failed"
        ? `The re-grade failed: ${d.error ?? "unknown error"}`
        : d.status === "queued"
          ? "Waiting to start"
          : `Re-grading learners: ${d.done} of ${d.total}`;
  return (
    <section aria-label="Re-grade progress">
      <div className={studio.progressLabel}>
        <span id={`regrade-${jobId}-label`}>{label}</span>
        <span>{d ? `${d.percent} %` : ""}</span>
      </div>
      <progress className={studio.progress} max={100} value={d?.percent ?? 0} aria-labelledby={`regrade-${jobId}-label`} data-status={d?.status ?? "loading"} />
      {job.error ? <p role="alert">{job.error.message}</p> : null}
    </section>
  );
}
