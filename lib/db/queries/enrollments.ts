import "server-only";
// Enrollment writes are idempotent: enrolling twice (or racing two requests) leaves one active row
// and exactly one history row for the one real change.
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { courseInvitations, courses, enrollmentHistory, enrollments } from "@/lib/db/schema";

export type EnrollmentRow = typeof enrollments.$inferSelect;

export async function getEnrollment({ userId, courseId }: { userId: number; courseId: number }): Promise<EnrollmentRow | null> {
  const rows = await getDb().select().from(enrollments).where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId))).limit(1);
  return rows[0] ?? null;
}

/** Enrolls (or re-activates); returns whether anything changed. A history row is written only on change. */
export async function enrollUser(args: { userId: number; courseId: number; actorId: number | null }): Promise<{ changed: boolean }> {
  // Two racing first enrollments both take a gap lock and one is chosen as a deadlock victim:
  // retrying it finds the other's row and changes nothing.
  for (let attempt = 1; ; attempt++) {
    try {
      return await enrollOnce(args);
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      if (attempt >= 4 || (code !== "ER_LOCK_DEADLOCK" && code !== "ER_LOCK_WAIT_TIMEOUT")) throw err;
    }
  }
}

async function enrollOnce({ userId, courseId, actorId }: { userId: number; courseId: number; actorId: number | null }): Promise<{ changed: boolean }> {
  return getDb().transaction(async (tx) => {
    const where = and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId));
    const [row] = await tx.select({ isActive: enrollments.isActive }).from(enrollments).where(where).for("update");
    let changed = false;
    if (!row) {
      try {
        await tx.insert(enrollments).values({ userId, courseId, isActive: true });
        changed = true;
      } catch (err) {
        // A concurrent request inserted it first: that request owns the history row.
        if ((err as { code?: string; cause?: { code?: string } }).code !== "ER_DUP_ENTRY" && (err as { cause?: { code?: string } }).cause?.code !== "ER_DUP_ENTRY") throw err;
      }
    } else if (!row.isActive) {
      const [upd] = await tx.update(enrollments).set({ isActive: true }).where(and(where, eq(enrollments.isActive, false)));
      changed = upd.affectedRows === 1;
    }
    if (changed) await tx.insert(enrollmentHistory).values({ userId, courseId, action: "enroll", actorId });
    return { changed };
  });
}

/** Deactivates an enrollment (kept for history and progress); returns whether anything changed. */
export async function unenrollUser({ userId, courseId, actorId }: { userId: number; courseId: number; actorId: number | null }): Promise<{ changed: boolean }> {
  return getDb().transaction(async (tx) => {
    const [upd] = await tx
      .update(enrollments)
      .set({ isActive: false })
      .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId), eq(enrollments.isActive, true)));
    const changed = upd.affectedRows === 1;
    if (changed) await tx.insert(enrollmentHistory).values({ userId, courseId, action: "unenroll", actorId });
    return { changed };
  });
}

export async function listEnrollmentHistory({ userId, courseId }: { userId: number; courseId: number }) {
  return getDb()
    .select()
    .from(enrollmentHistory)
    .where(and(eq(enrollmentHistory.userId, userId), eq(enrollmentHistory.courseId, courseId)))
    .orderBy(enrollmentHistory.id);
}

export async function isInvited({ courseId, email }: { courseId: number; email: string }): Promise<boolean> {
  const rows = await getDb()
    .select({ id: courseInvitations.id })
    .from(courseInvitations)
    .where(and(eq(courseInvitations.courseId, courseId), eq(courseInvitations.emailNormalized, email.trim().toLowerCase())))
    .limit(1);
  return rows.length > 0;
}

/** Remembers the unit a learner opened last (Resume goes there). Only for active enrollments. */
export async function setLastVisitedUnit({ userId, courseId, unitKey }: { userId: number; courseId: number; unitKey: string }): Promise<void> {
  await getDb()
    .update(enrollments)
    .set({ lastUnitKey: unitKey, lastVisitedAt: new Date() })
    .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)));
}

/** The dashboard's list: active enrollments with their course, most recently visited first. */
export async function listActiveEnrollmentsByUserId({ userId }: { userId: number }) {
  return getDb()
    .select({
      courseId: courses.id,
      courseKey: courses.courseKey,
      displayName: courses.displayName,
      org: courses.org,
      number: courses.number,
      start: courses.start,
      end: courses.end,
      courseImage: courses.courseImage,
      versionId: courses.publishedVersionId,
      lastUnitKey: enrollments.lastUnitKey,
      lastVisitedAt: enrollments.lastVisitedAt,
      enrolledAt: enrollments.createdAt,
    })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .where(and(eq(enrollments.userId, userId), eq(enrollments.isActive, true)))
    .orderBy(desc(enrollments.lastVisitedAt), desc(enrollments.createdAt));
}

/** Ids of the learners actively enrolled in a course (the regrade job walks them). */
export async function listActiveLearnerIds({ courseId }: { courseId: number }): Promise<number[]> {
  const rows = await getDb()
    .select({ userId: enrollments.userId })
    .from(enrollments)
    .where(and(eq(enrollments.courseId, courseId), eq(enrollments.isActive, true)))
    .orderBy(enrollments.userId);
  return rows.map((r) => r.userId);
}
