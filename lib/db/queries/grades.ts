// Persisted grades: one subsection_grades row per learner and subsection, one course_grades row per
// learner and course. Written on every submission (inside its transaction) so reports read rows
// instead of re-grading. The course_grades row doubles as the per-learner lock that serializes
// every grade-changing transaction of one learner in one course.
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { courseGrades, subsectionGrades } from "@/lib/db/schema";

export type SubsectionGradeRow = typeof subsectionGrades.$inferSelect;
export type CourseGradeRow = typeof courseGrades.$inferSelect;

/** Creates the learner's course_grades row if missing (autocommitted, so it can be locked later). */
export async function ensureCourseGradeRow({ userId, courseId, versionId, db = getDb() }: { userId: number; courseId: number; versionId: number; db?: DbOrTx }): Promise<void> {
  await db.insert(courseGrades).ignore().values({ userId, courseId, percent: 0, letterGrade: null, passed: false, versionId });
}

/** Locks the learner's course grade row: the first lock every grade-changing transaction takes. */
export async function lockCourseGradeRow({ userId, courseId, db }: { userId: number; courseId: number; db: DbOrTx }): Promise<CourseGradeRow | null> {
  const rows = await db
    .select()
    .from(courseGrades)
    .where(and(eq(courseGrades.userId, userId), eq(courseGrades.courseId, courseId)))
    .limit(1)
    .for("update");
  return rows[0] ?? null;
}

export interface SubsectionGradeInput {
  usageKey: string;
  assignmentType: string | null;
  graded: boolean;
  earned: number;
  possible: number;
}

/**
 * Replaces the learner's subsection rows with `rows`. Runs under the learner's course-grade lock
 * (the only writer of these rows), so it reads them plainly and then writes by primary key: an
 * UPDATE/DELETE by id and a plain INSERT take record locks only. A ranged DELETE (… NOT IN …) or
 * an upsert takes next-key (gap) locks that reach into the neighbouring learner's index range —
 * concurrent learners then deadlock (ER_LOCK_DEADLOCK).
 */
export async function saveSubsectionGrades({ userId, courseId, versionId, rows, db }: { userId: number; courseId: number; versionId: number; rows: SubsectionGradeInput[]; db: DbOrTx }): Promise<void> {
  const existing = await db
    .select({
      id: subsectionGrades.id,
      usageKey: subsectionGrades.usageKey,
      assignmentType: subsectionGrades.assignmentType,
      graded: subsectionGrades.graded,
      earned: subsectionGrades.earned,
      possible: subsectionGrades.possible,
      versionId: subsectionGrades.versionId,
    })
    .from(subsectionGrades)
    .where(and(eq(subsectionGrades.userId, userId), eq(subsectionGrades.courseId, courseId)));
  const byKey = new Map(existing.map((e) => [e.usageKey, e]));
  const wanted = new Set(rows.map((r) => r.usageKey));
  const gone = existing.filter((e) => !wanted.has(e.usageKey)).map((e) => e.id);
  if (gone.length > 0) await db.delete(subsectionGrades).where(inArray(subsectionGrades.id, gone));
  const fresh: (typeof subsectionGrades.$inferInsert)[] = [];
  for (const r of rows) {
    const old = byKey.get(r.usageKey);
    if (!old) {
      fresh.push({ userId, courseId, versionId, ...r });
      continue;
    }
    const same = old.assignmentType === r.assignmentType && old.graded === r.graded && old.earned === r.earned && old.possible === r.possible && old.versionId === versionId;
    if (same) continue;
    await db
      .update(subsectionGrades)
      .set({ assignmentType: r.assignmentType, graded: r.graded, earned: r.earned, possible: r.possible, versionId, updatedAt: new Date() })
      .where(eq(subsectionGrades.id, old.id));
  }
  if (fresh.length > 0) await db.insert(subsectionGrades).values(fresh);
}

/**
 * Writes the learner's course grade row (created by ensureCourseGradeRow and locked by the caller)
 * by key. Given the row as the caller locked it (`current`), a grade that has not changed is not
 * written again, as saveSubsectionGrades skips unchanged subsections.
 */
export async function saveCourseGrade({
  userId,
  courseId,
  versionId,
  percent,
  letterGrade,
  passed,
  current,
  db,
}: {
  userId: number;
  courseId: number;
  versionId: number;
  percent: number;
  letterGrade: string | null;
  passed: boolean;
  current?: CourseGradeRow | null;
  db: DbOrTx;
}): Promise<void> {
  if (current && current.percent === percent && current.letterGrade === letterGrade && current.passed === passed && current.versionId === versionId) return;
  const [res] = await db
    .update(courseGrades)
    .set({ percent, letterGrade, passed, versionId, updatedAt: new Date() })
    .where(and(eq(courseGrades.userId, userId), eq(courseGrades.courseId, courseId)));
  // mysql2 reports matched rows: 0 only when a caller skipped ensureCourseGradeRow.
  if (res.affectedRows === 0) await db.insert(courseGrades).values({ userId, courseId, versionId, percent, letterGrade, passed });
}

export async function getCourseGrade({ userId, courseId, db = getDb() }: { userId: number; courseId: number; db?: DbOrTx }): Promise<CourseGradeRow | null> {
  const rows = await db.select().from(courseGrades).where(and(eq(courseGrades.userId, userId), eq(courseGrades.courseId, courseId))).limit(1);
  return rows[0] ?? null;
}

export async function listSubsectionGrades({ userId, courseId, db = getDb() }: { userId: number; courseId: number; db?: DbOrTx }): Promise<SubsectionGradeRow[]> {
  return db
    .select()
    .from(subsectionGrades)
    .where(and(eq(subsectionGrades.userId, userId), eq(subsectionGrades.courseId, courseId)))
    .orderBy(asc(subsectionGrades.id));
}
