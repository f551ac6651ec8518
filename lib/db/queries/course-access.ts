// The facts the permission matrix needs about one user and one course (roles, enrollment,
// catalog visibility), and the list of courses a user may open in Studio.
import "server-only";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { courseRoles, courses, enrollments } from "@/lib/db/schema";
import type { CourseRole } from "@/lib/auth/permissions";

export async function getCourseRolesOfUser({ userId, courseId, db = getDb() }: { userId: number; courseId: number; db?: DbOrTx }): Promise<CourseRole[]> {
  const rows = await db
    .select({ role: courseRoles.role })
    .from(courseRoles)
    .where(and(eq(courseRoles.userId, userId), eq(courseRoles.courseId, courseId)));
  return rows.map((r) => r.role);
}

export async function isActivelyEnrolled({ userId, courseId, db = getDb() }: { userId: number; courseId: number; db?: DbOrTx }): Promise<boolean> {
  const rows = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId), eq(enrollments.isActive, true)))
    .limit(1);
  return rows.length > 0;
}

export async function getCourseCatalogVisibility({ courseId, db = getDb() }: { courseId: number; db?: DbOrTx }): Promise<string | null> {
  const rows = await db.select({ v: courses.catalogVisibility }).from(courses).where(eq(courses.id, courseId)).limit(1);
  return rows[0]?.v ?? null;
}

export type StudioCourseRow = {
  id: number;
  courseKey: string;
  displayName: string;
  org: string;
  number: string;
  run: string;
  updatedAt: Date;
  published: boolean;
  roles: CourseRole[];
};

/**
 * Courses a user may open in Studio: every course for an admin; otherwise those where the user
 * holds a course role or that the user created.
 */
export async function listStudioCourses({ userId, isAdmin, db = getDb() }: { userId: number; isAdmin: boolean; db?: DbOrTx }): Promise<StudioCourseRow[]> {
  const roleRows = await db.select({ courseId: courseRoles.courseId, role: courseRoles.role }).from(courseRoles).where(eq(courseRoles.userId, userId));
  const rolesByCourse = new Map<number, CourseRole[]>();
  for (const r of roleRows) rolesByCourse.set(r.courseId, [...(rolesByCourse.get(r.courseId) ?? []), r.role]);
  const ids = [...rolesByCourse.keys()];
  const cols = {
    id: courses.id,
    courseKey: courses.courseKey,
    displayName: courses.displayName,
    org: courses.org,
    number: courses.number,
    run: courses.run,
    updatedAt: courses.updatedAt,
    publishedVersionId: courses.publishedVersionId,
  };
  const where = isAdmin ? undefined : ids.length > 0 ? or(inArray(courses.id, ids), eq(courses.createdBy, userId)) : eq(courses.createdBy, userId);
  const rows = await db.select(cols).from(courses).where(where).orderBy(asc(courses.displayName), asc(courses.courseKey));
  return rows.map(({ publishedVersionId, ...r }) => ({ ...r, published: publishedVersionId !== null, roles: rolesByCourse.get(r.id) ?? [] }));
}

/** The id of a course by its key (course-v1:Org+Number+Run), or null. */
export async function getCourseIdByKey({ courseKey, db = getDb() }: { courseKey: string; db?: DbOrTx }): Promise<number | null> {
  const rows = await db.select({ id: courses.id }).from(courses).where(eq(courses.courseKey, courseKey)).limit(1);
  return rows[0]?.id ?? null;
}

/**
 * A user's standing in one course — staff/instructor roles and whether the enrollment is active —
 * in one round trip (the page cache asks this on every learner page it answers).
 */
export async function getCourseStanding({ userId, courseKey, db = getDb() }: { userId: number; courseKey: string; db?: DbOrTx }): Promise<{ roles: ("staff" | "instructor")[]; enrolled: boolean }> {
  // By key, so it runs beside the course lookup instead of after it.
  const [rows] = (await db.execute(sql`
    SELECT 'r' AS k, CONVERT(r.role USING utf8mb4) COLLATE utf8mb4_bin AS v FROM course_roles r JOIN courses c ON c.id = r.course_id WHERE r.user_id = ${userId} AND c.course_key = ${courseKey}
    UNION ALL SELECT 'e', CONVERT(e.is_active USING utf8mb4) COLLATE utf8mb4_bin FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = ${userId} AND c.course_key = ${courseKey}`)) as unknown as [{ k: string; v: string }[]];
  const roles: ("staff" | "instructor")[] = [];
  let enrolled = false;
  for (const { k, v } of rows) {
    if (k === "r" && (v === "staff" || v === "instructor")) roles.push(v);
    else if (k === "e") enrolled = v === "1";
  }
  return { roles, enrolled };
}
