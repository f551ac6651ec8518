// Persisted grades: one subsection_grades row per learner and subsection, one course_grades row per
// learner and course. Written on every submission (inside its transaction) so reports read rows
// instead of re-grading. The course_grades row doubles as the per-learner lock that serializes
// every grade-changing transaction of one learner in one course.
import "server-only";
import { and, asc, eq, notInArray, sql } from "drizzle-orm";
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

/** Replaces the learner's subsection rows with `rows` (upsert; rows for vanished subsections go). */
export async function saveSubsectionGrades({ userId, courseId, versionId, rows, db }: { userId: number; courseId: number; versionId: number; rows: SubsectionGradeInput[]; db: DbOrTx }): Promise<void> {
  const owner = and(eq(subsectionGrades.userId, userId), eq(subsectionGrades.courseId, courseId));
  if (rows.length === 0) {
    await db.delete(subsectionGrades).where(owner);
    return;
  }
  await db
    .insert(subsectionGrades)
    .values(rows.map((r) => ({ userId, courseId, versionId, ...r })))
    .onDuplicateKeyUpdate({
      set: {
        assignmentType: sql`values(${subsectionGrades.assignmentType})`,
        graded: sql`values(${subsectionGrades.graded})`,
        earned: sql`values(${subsectionGrades.earned})`,
        possible: sql`values(${subsectionGrades.possible})`,
        versionId: sql`values(${subsectionGrades.versionId})`,
        updatedAt: new Date(),
      },
    });
  await db.delete(subsectionGrades).where(and(owner, notInArray(subsectionGrades.usageKey, rows.map((r) => r.usageKey))));
}

export async function saveCourseGrade({
  userId,
  courseId,
  versionId,
  percent,
  letterGrade,
  passed,
  db,
}: {
  userId: number;
  courseId: number;
  versionId: number;
  percent: number;
  letterGrade: string | null;
  passed: boolean;
  db: DbOrTx;
}): Promise<void> {
  await db
    .insert(courseGrades)
    .values({ userId, courseId, versionId, percent, letterGrade, passed })
    .onDuplicateKeyUpdate({ set: { percent, letterGrade, passed, versionId, updatedAt: new Date() } });
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
