// How Studio's pages name a job in their "recent jobs" tables (pure): when it started, where an
// import came from, and what became of it.
type JobLike = { status: string; error: string | null; createdAt: Date; payload: unknown; result: unknown };

/** "2026-12-06 01:55:40" (UTC). */
export const jobStartedLabel = (job: Pick<JobLike, "createdAt">): string => job.createdAt.toISOString().replace("T", " ").slice(0, 19);

/** An import's source: the uploaded file's name, or `url @ ref (commit)` for a Git import. */
export function importSourceLabel(job: Pick<JobLike, "payload" | "result">): string {
  const p = (job.payload ?? {}) as { fileName?: string; git?: { url: string; ref?: string } };
  const r = (job.result ?? {}) as { git?: { commit?: string } };
  if (!p.git) return p.fileName ?? "—";
  return `${p.git.url}${p.git.ref ? ` @ ${p.git.ref}` : ""}${r.git?.commit ? ` (${r.git.commit.slice(0, 12)})` : ""}`;
}

/** "failed: <why>", the status, or for a finished import the version it made (or that nothing changed). */
export function jobStatusLabel(job: Pick<JobLike, "status" | "error" | "result">, { importResult = false } = {}): string {
  if (job.status === "failed") return `failed: ${(job.error ?? "").slice(0, 200)}`;
  if (job.status !== "succeeded" || !importResult) return job.status;
  const r = (job.result ?? {}) as { versionId?: number; unchanged?: boolean; git?: unknown };
  if (r.unchanged) return r.git ? "unchanged (same commit)" : "unchanged (same content)";
  return `version ${r.versionId ?? "?"}`;
}
