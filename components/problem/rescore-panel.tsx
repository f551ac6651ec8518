"use client";
// Staff: start a rescore job for one problem and watch its progress (polled from MySQL through the
// job route, so it works whichever instance runs the job).
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { startRescoreAction } from "@/lib/actions/problems/start-rescore-action";
import lms from "@/components/lms/lms.module.css";

export interface RescoreProblem {
  usageKey: string;
  displayName: string;
  subsection: string;
  submitted: number;
}

interface JobView {
  id: number;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: { done?: number; total?: number; changed?: number; failed?: number } | null;
  result: { total?: number; changed?: number; failed?: number; failures?: { userId: number; message: string }[] } | null;
  error: string | null;
}

export function RescorePanel(props: { courseId: number; courseKey: string; problems: RescoreProblem[] }) {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <Panel {...props} />
    </QueryClientProvider>
  );
}

function Panel({ courseId, courseKey, problems }: { courseId: number; courseKey: string; problems: RescoreProblem[] }) {
  const [usageKey, setUsageKey] = useState(problems[0]?.usageKey ?? "");
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const job = useQuery({
    queryKey: ["rescore-job", courseKey, jobId],
    enabled: jobId !== null,
    queryFn: async (): Promise<JobView> => {
      const res = await fetch(`/courses/${encodeURIComponent(courseKey)}/instructor/jobs/${jobId}`, { cache: "no-store" });
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? "Could not read the job.");
      return body as JobView;
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "succeeded" || q.state.data.status === "failed") ? false : 1000),
  });
  const j = job.data;
  const done = j?.progress?.done ?? 0;
  const total = j?.progress?.total ?? j?.result?.total ?? 0;

  if (problems.length === 0) return <p>This course has no problems that can be graded here.</p>;
  return (
    <div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          start(async () => {
            const res = await startRescoreAction({ courseId, usageKey });
            if (res.ok) setJobId(res.data.jobId);
            else setError(res.message);
          });
        }}
        style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", alignItems: "flex-end" }}
      >
        <div style={{ display: "flex", flexDirection: "column", gap: "0.25rem" }}>
          <label htmlFor="rescore-problem">Problem to rescore</label>
          <select id="rescore-problem" value={usageKey} onChange={(e) => setUsageKey(e.target.value)} style={{ font: "inherit", padding: "0.4rem", maxWidth: "36rem" }}>
            {problems.map((p) => (
              <option key={p.usageKey} value={p.usageKey}>
                {p.subsection} › {p.displayName} ({p.submitted} submitted)
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={lms.button} disabled={pending || (j !== undefined && (j.status === "queued" || j.status === "running"))}>
          {pending ? "Starting…" : "Rescore for every learner"}
        </button>
      </form>
      <div aria-live="polite" data-testid="rescore-status" style={{ marginTop: "0.75rem" }}>
        {error ? <p style={{ color: "var(--color-danger)", fontWeight: 600 }}>{error}</p> : null}
        {job.error ? <p style={{ color: "var(--color-danger)" }}>{(job.error as Error).message}</p> : null}
        {j ? (
          <div>
            <p>
              Job #{j.id}: <strong>{j.status === "succeeded" ? "finished" : j.status}</strong>
              {total > 0 ? ` — ${done} of ${total} learners` : ""}
            </p>
            {j.status === "running" || j.status === "queued" ? <progress value={done} max={Math.max(total, 1)} aria-label="Rescore progress" /> : null}
            {j.status === "succeeded" && j.result ? (
              <p>
                Rescored {j.result.total ?? 0} learner{j.result.total === 1 ? "" : "s"}: {j.result.changed ?? 0} score{j.result.changed === 1 ? "" : "s"} changed
                {j.result.failed ? `, ${j.result.failed} could not be regraded (their stored answers no longer parse)` : ""}.
              </p>
            ) : null}
            {j.status === "failed" ? <p style={{ color: "var(--color-danger)" }}>{j.error}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
