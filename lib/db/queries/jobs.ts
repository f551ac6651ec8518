// Background jobs (imports) in MySQL, so any instance can report progress: the instance running a
// job writes its progress and a heartbeat; every instance reads the row. A running job whose
// heartbeat is older than STALE_AFTER_MS belonged to an instance that died.
import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { jobs } from "@/lib/db/schema";

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow["status"];

export const STALE_AFTER_MS = 60_000;

export async function createJob({
  kind,
  payload,
  createdBy,
  courseKey = null,
  db = getDb(),
}: {
  kind: string;
  payload: Record<string, unknown>;
  createdBy: number | null;
  courseKey?: string | null;
  db?: DbOrTx;
}): Promise<number> {
  const [{ id }] = await db
    .insert(jobs)
    .values({ kind, payload, createdBy, courseKey, status: "queued", progress: { stage: "queued" } })
    .$returningId();
  return id;
}

export async function getJob({ id, db = getDb() }: { id: number; db?: DbOrTx }): Promise<JobRow | null> {
  const rows = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listJobsByUser({ userId, kind, limit = 20, db = getDb() }: { userId: number; kind?: string; limit?: number; db?: DbOrTx }): Promise<JobRow[]> {
  const where = kind ? and(eq(jobs.createdBy, userId), eq(jobs.kind, kind)) : eq(jobs.createdBy, userId);
  return db.select().from(jobs).where(where).orderBy(desc(jobs.id)).limit(limit);
}

export async function listJobsByCourse({ courseKey, limit = 20, db = getDb() }: { courseKey: string; limit?: number; db?: DbOrTx }): Promise<JobRow[]> {
  return db.select().from(jobs).where(eq(jobs.courseKey, courseKey)).orderBy(desc(jobs.id)).limit(limit);
}

/** queued → running; returns false when another runner already claimed the job. */
export async function claimJob({ id, db = getDb() }: { id: number; db?: DbOrTx }): Promise<boolean> {
  const now = new Date();
  const [res] = await db
    .update(jobs)
    .set({ status: "running", startedAt: now, heartbeatAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, "queued")));
  return res.affectedRows === 1;
}

export async function updateJobProgress({
  id,
  progress,
  courseKey,
  db = getDb(),
}: {
  id: number;
  progress: Record<string, unknown>;
  courseKey?: string;
  db?: DbOrTx;
}): Promise<void> {
  await db
    .update(jobs)
    .set({ progress, heartbeatAt: new Date(), ...(courseKey ? { courseKey } : {}) })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running")));
}

export async function heartbeatJob({ id, db = getDb() }: { id: number; db?: DbOrTx }): Promise<void> {
  await db.update(jobs).set({ heartbeatAt: new Date() }).where(and(eq(jobs.id, id), eq(jobs.status, "running")));
}

export async function finishJob({
  id,
  status,
  result = null,
  error = null,
  progress,
  courseKey,
  db = getDb(),
}: {
  id: number;
  status: "succeeded" | "failed";
  result?: Record<string, unknown> | null;
  error?: string | null;
  progress?: Record<string, unknown>;
  courseKey?: string;
  db?: DbOrTx;
}): Promise<void> {
  await db
    .update(jobs)
    .set({ status, result, error, finishedAt: new Date(), heartbeatAt: new Date(), ...(progress ? { progress } : {}), ...(courseKey ? { courseKey } : {}) })
    .where(eq(jobs.id, id));
}

/** Marks running jobs whose instance stopped heartbeating as failed (any instance may call this). */
export async function failStaleJobs({ now = new Date(), db = getDb() }: { now?: Date; db?: DbOrTx } = {}): Promise<number> {
  const [res] = await db
    .update(jobs)
    .set({ status: "failed", error: "The import stopped responding (its server instance went away). Please start it again.", finishedAt: now })
    .where(and(eq(jobs.status, "running"), lt(jobs.heartbeatAt, new Date(now.getTime() - STALE_AFTER_MS))));
  return res.affectedRows;
}
