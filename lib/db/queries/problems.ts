// Learner problem state, the append-only submission history, completions and the block index
// reads the problem service needs. Functions that take `db` run inside the caller's transaction.
import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/mysql-core";
import { getDb, type DbOrTx } from "@/lib/db";
import { preparedQuery } from "@/lib/db/prepared";
import { courseFactsColumns, courseFactsOf, type CourseFactsRow } from "@/lib/db/queries/course-access";
import { completions, courseBlocks, courses, courseVersions, problemStates, submissions, users } from "@/lib/db/schema";

export type ProblemStateRow = typeof problemStates.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;
export type BlockRow = typeof courseBlocks.$inferSelect;

export interface PublishedCourse {
  id: number;
  courseKey: string;
  displayName: string;
  versionId: number;
  gradingPolicy: Record<string, unknown> | null;
}

// The published course (and its version's grading policy) by id or by key, with `extra` columns:
// asked by every problem action (submit, reset, …) and the learner's problem reads, so prepared
// once per handle (lib/db/prepared.ts).
function publishedCourseQuery<E extends SelectedFields>(by: "id" | "key", extra: E) {
  return preparedQuery((db) =>
    db
      .select({ id: courses.id, courseKey: courses.courseKey, displayName: courses.displayName, versionId: courses.publishedVersionId, gradingPolicy: courseVersions.gradingPolicy, ...extra })
      .from(courses)
      .innerJoin(courseVersions, eq(courseVersions.id, courses.publishedVersionId))
      .where(by === "id" ? eq(courses.id, sql.placeholder("courseId")) : eq(courses.courseKey, sql.placeholder("courseKey")))
      .limit(1)
      .prepare(),
  );
}
const publishedCourseById = publishedCourseQuery("id", {});
const publishedCourseByKey = publishedCourseQuery("key", {});
// authorizeCourseAction (lib/problems/access): the course and the caller's facts on it in one round trip
const publishedCourseFactsById = publishedCourseQuery("id", courseFactsColumns(courses.id));
const publishedCourseFactsByKey = publishedCourseQuery("key", courseFactsColumns(courses.id));

/** The course and its published version (null when the course does not exist or is unpublished). */
export async function getPublishedCourse({ courseId, courseKey, db = getDb() }: { courseId?: number; courseKey?: string; db?: DbOrTx }): Promise<PublishedCourse | null> {
  if (courseId === undefined && courseKey === undefined) return null;
  const rows = courseId !== undefined ? await publishedCourseById(db).execute({ courseId }) : await publishedCourseByKey(db).execute({ courseKey });
  const r = rows[0];
  if (!r || r.versionId === null) return null;
  return { ...r, versionId: r.versionId };
}

/**
 * `getPublishedCourse` and `getCourseFactsRow` for one user (null: anonymous) in one query. Null
 * when the course does not exist or is unpublished.
 */
export async function getPublishedCourseAndFacts({
  courseId,
  courseKey,
  userId,
  db = getDb(),
}: {
  courseId?: number;
  courseKey?: string;
  userId: number | null;
  db?: DbOrTx;
}): Promise<{ course: PublishedCourse; facts: CourseFactsRow } | null> {
  if (courseId === undefined && courseKey === undefined) return null;
  // no user has id 0: no roles, no enrollment
  const uid = userId ?? 0;
  const rows = courseId !== undefined ? await publishedCourseFactsById(db).execute({ courseId, userId: uid }) : await publishedCourseFactsByKey(db).execute({ courseKey, userId: uid });
  const r = rows[0];
  if (!r || r.versionId === null) return null;
  return { course: { id: r.id, courseKey: r.courseKey, displayName: r.displayName, versionId: r.versionId, gradingPolicy: r.gradingPolicy }, facts: courseFactsOf(r) };
}

export async function getBlock({ versionId, usageKey, db = getDb() }: { versionId: number; usageKey: string; db?: DbOrTx }): Promise<BlockRow | null> {
  const rows = await db.select().from(courseBlocks).where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.usageKey, usageKey))).limit(1);
  return rows[0] ?? null;
}

/** Every non-draft block of a version, in tree order (depth, parent, position). */
export async function listVersionBlocks({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<BlockRow[]> {
  return db
    .select()
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.isDraft, false)))
    .orderBy(asc(courseBlocks.depth), asc(courseBlocks.position), asc(courseBlocks.id));
}

export async function getProblemState({ userId, courseId, usageKey, db = getDb() }: { userId: number; courseId: number; usageKey: string; db?: DbOrTx }): Promise<ProblemStateRow | null> {
  const rows = await db
    .select()
    .from(problemStates)
    .where(and(eq(problemStates.userId, userId), eq(problemStates.courseId, courseId), eq(problemStates.usageKey, usageKey)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Creates the state row if it is missing, in its own autocommitted statement: creating it inside
 * the submit transaction would make concurrent first submits deadlock on the unique key.
 */
export async function ensureProblemState({ userId, courseId, usageKey, seed, db = getDb() }: { userId: number; courseId: number; usageKey: string; seed: number; db?: DbOrTx }): Promise<void> {
  await db.insert(problemStates).ignore().values({ userId, courseId, usageKey, seed, attempts: 0, done: false });
}

/**
 * All of one learner's problem states in a course, locked (FOR UPDATE) for the caller's
 * transaction: the problem being answered is among them, and the regrade that follows needs the
 * rest, so one round trip serves both. Callers lock the learner's course-grade row first
 * (lib/problems/service.ts), which already serializes every grade writer of this learner and
 * course: taking all their rows adds no contention.
 */
export async function lockLearnerProblemStates({ userId, courseId, db }: { userId: number; courseId: number; db: DbOrTx }): Promise<ProblemStateRow[]> {
  return db
    .select()
    .from(problemStates)
    .where(and(eq(problemStates.userId, userId), eq(problemStates.courseId, courseId)))
    .for("update");
}

export async function updateProblemState({
  id,
  patch,
  db,
}: {
  id: number;
  patch: Partial<Pick<ProblemStateRow, "answers" | "correctness" | "attempts" | "seed" | "earned" | "possible" | "done" | "lastSubmittedAt">>;
  db: DbOrTx;
}): Promise<void> {
  await db.update(problemStates).set(patch).where(eq(problemStates.id, id));
}

export async function insertSubmission({ row, db }: { row: typeof submissions.$inferInsert; db: DbOrTx }): Promise<void> {
  await db.insert(submissions).values(row);
}

/**
 * Marks the block completed. Reads first: inside a transaction, INSERT IGNORE on an existing row
 * takes a shared next-key (gap) lock, which blocks other learners' inserts and can deadlock.
 */
export async function markBlockCompleted({ userId, courseId, usageKey, db }: { userId: number; courseId: number; usageKey: string; db: DbOrTx }): Promise<void> {
  const found = await db
    .select({ id: completions.id })
    .from(completions)
    .where(and(eq(completions.userId, userId), eq(completions.courseId, courseId), eq(completions.usageKey, usageKey)))
    .limit(1);
  if (found.length === 0) await db.insert(completions).ignore().values({ userId, courseId, usageKey });
}

/** All of one learner's problem states in a course (for grade computation). */
export async function listLearnerProblemStates({ userId, courseId, db = getDb() }: { userId: number; courseId: number; db?: DbOrTx }): Promise<ProblemStateRow[]> {
  return db.select().from(problemStates).where(and(eq(problemStates.userId, userId), eq(problemStates.courseId, courseId)));
}

/** One learner's state rows for these problems of a course (one query; missing rows are problems never opened). */
export async function listProblemStatesFor({ userId, courseId, usageKeys, db = getDb() }: { userId: number; courseId: number; usageKeys: readonly string[]; db?: DbOrTx }): Promise<ProblemStateRow[]> {
  if (usageKeys.length === 0) return [];
  return db
    .select()
    .from(problemStates)
    .where(and(eq(problemStates.userId, userId), eq(problemStates.courseId, courseId), inArray(problemStates.usageKey, [...usageKeys])));
}

/** One learner's submission history in a course, newest first (optionally for one problem). */
export async function listSubmissions({ userId, courseId, usageKey, limit = 500, db = getDb() }: { userId: number; courseId: number; usageKey?: string; limit?: number; db?: DbOrTx }): Promise<SubmissionRow[]> {
  const where = [eq(submissions.userId, userId), eq(submissions.courseId, courseId)];
  if (usageKey) where.push(eq(submissions.usageKey, usageKey));
  return db.select().from(submissions).where(and(...where)).orderBy(desc(submissions.id)).limit(limit);
}

/** Learners who have submitted this problem (the rescore job's work list), by state id. */
export async function listSubmittedLearners({ courseId, usageKey, db = getDb() }: { courseId: number; usageKey: string; db?: DbOrTx }): Promise<number[]> {
  const rows = await db
    .select({ userId: problemStates.userId })
    .from(problemStates)
    .where(and(eq(problemStates.courseId, courseId), eq(problemStates.usageKey, usageKey), eq(problemStates.done, true)))
    .orderBy(asc(problemStates.id));
  return rows.map((r) => r.userId);
}

/** Counts of submitted learners for several problems (staff rescore picker). */
export async function countSubmittedByProblem({ courseId, usageKeys, db = getDb() }: { courseId: number; usageKeys: string[]; db?: DbOrTx }): Promise<Map<string, number>> {
  if (usageKeys.length === 0) return new Map();
  const rows = await db
    .select({ usageKey: problemStates.usageKey, n: sql<number>`count(*)` })
    .from(problemStates)
    .where(and(eq(problemStates.courseId, courseId), inArray(problemStates.usageKey, usageKeys), eq(problemStates.done, true)))
    .groupBy(problemStates.usageKey);
  return new Map(rows.map((r) => [r.usageKey, Number(r.n)]));
}

export interface LearnerRef {
  id: number;
  username: string;
  email: string;
  fullName: string;
}

/** A user by exact username or email (case-insensitive email). */
export async function findUserByLogin({ login, db = getDb() }: { login: string; db?: DbOrTx }): Promise<LearnerRef | null> {
  const l = login.trim();
  const rows = await db
    .select({ id: users.id, username: users.username, email: users.email, fullName: users.fullName })
    .from(users)
    .where(l.includes("@") ? sql`lower(${users.email}) = ${l.toLowerCase()}` : eq(users.username, l))
    .limit(1);
  return rows[0] ?? null;
}
