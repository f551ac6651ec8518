// The facts the permission matrix needs about one user and one course (roles, enrollment,
// catalog visibility), and the list of courses a user may open in Studio.
import "server-only";
import { and, asc, Column, eq, getTableName, inArray, is, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { preparedQuery } from "@/lib/db/prepared";
import { courseRoles, courses, enrollments, userSessions, users } from "@/lib/db/schema";
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

/**
 * The columns of a user's facts on a course, for a select from `courses`: the placeholder
 * `userId`'s roles and active enrollment on the course `courseId` names (a placeholder, or the
 * row's own `courses.id`), and the course's catalog visibility. `courseFactsOf` reads them back.
 */
export function courseFactsColumns(courseId: SQLWrapper) {
  // A column is written with its table: Drizzle leaves it bare in a select from one table, and a
  // bare `id` inside these subqueries would be course_roles' or enrollments' own id.
  if (is(courseId, Column)) courseId = sql`${sql.identifier(getTableName(courseId.table))}.${sql.identifier(courseId.name)}`;
  return {
    catalogVisibility: courses.catalogVisibility,
    roles: sql<string | null>`(SELECT GROUP_CONCAT(cr.role) FROM course_roles cr WHERE cr.user_id = ${sql.placeholder("userId")} AND cr.course_id = ${courseId})`,
    enrolled: sql<number>`EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = ${sql.placeholder("userId")} AND e.course_id = ${courseId} AND e.is_active = TRUE)`,
  };
}

export type CourseFactsRow = { roles: CourseRole[]; enrolled: boolean; catalogVisibility: string };

/** The course roles in a `GROUP_CONCAT(role)` column (null: none). */
export function courseRolesOf(concat: string | null): CourseRole[] {
  return (concat ?? "").split(",").filter((x): x is CourseRole => x === "staff" || x === "instructor");
}

/** The facts from a row selected with `courseFactsColumns`. */
export function courseFactsOf(r: { roles: string | null; enrolled: number | string; catalogVisibility: string }): CourseFactsRow {
  return { roles: courseRolesOf(r.roles), enrolled: Number(r.enrolled) === 1, catalogVisibility: r.catalogVisibility };
}

// Asked by every course action (lib/actions courseAction): prepared (lib/db/prepared.ts).
const courseFactsQuery = preparedQuery((db) =>
  db
    .select(courseFactsColumns(sql.placeholder("courseId")))
    .from(courses)
    .where(eq(courses.id, sql.placeholder("courseId")))
    .limit(1)
    .prepare(),
);

/**
 * What the permission matrix needs about one user and one course, in ONE round trip: the user's
 * roles in it, whether their enrollment is active, and the course's catalog visibility. Null when
 * the course does not exist. Anonymous callers pass userId null (no roles, not enrolled).
 */
export async function getCourseFactsRow({ userId, courseId, db = getDb() }: { userId: number | null; courseId: number; db?: DbOrTx }): Promise<CourseFactsRow | null> {
  // no user has id 0: no roles, no enrollment
  const rows = await courseFactsQuery(db).execute({ userId: userId ?? 0, courseId });
  return rows[0] ? courseFactsOf(rows[0]) : null;
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

// A course action that names its course by key (lib/actions courseAction): its id and the
// caller's facts in one statement, prepared.
const courseFactsByKeyQuery = preparedQuery((db) =>
  db
    .select({ id: courses.id, ...courseFactsColumns(courses.id) })
    .from(courses)
    .where(eq(courses.courseKey, sql.placeholder("courseKey")))
    .limit(1)
    .prepare(),
);

/** The course `courseKey` names and the user's facts on it (getCourseFactsRow's), in ONE round trip; null when no course has that key. */
export async function getCourseFactsRowByKey({ userId, courseKey, db = getDb() }: { userId: number | null; courseKey: string; db?: DbOrTx }): Promise<(CourseFactsRow & { id: number }) | null> {
  const rows = await courseFactsByKeyQuery(db).execute({ userId: userId ?? 0, courseKey });
  return rows[0] ? { id: rows[0].id, ...courseFactsOf(rows[0]) } : null;
}

/** The user columns a session check reads (lib/auth/session sessionUserOf): not the password hash and the rest. */
export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  username: users.username,
  fullName: users.fullName,
  isAdmin: users.isAdmin,
  canCreateCourses: users.canCreateCourses,
  isActive: users.isActive,
  sessionVersion: users.sessionVersion,
};
export type SessionUserRow = Pick<typeof users.$inferSelect, keyof typeof sessionUserColumns>;

/**
 * The join condition that keeps `users` only for this user while their session exists and has not
 * expired, for a prepared query: it reads the placeholders `userId`, `sid` and `now`. No user has
 * id 0 and no session has an empty sid, so a caller without a session passes 0 and "".
 */
export function sessionUserJoin(): SQL {
  return and(
    eq(users.id, sql.placeholder("userId")),
    sql`EXISTS (SELECT 1 FROM ${userSessions} WHERE ${userSessions.userId} = ${users.id} AND ${userSessions.sid} = ${sql.placeholder("sid")} AND ${userSessions.expiresAt} > ${sql.placeholder("now")})`,
  )!;
}

// Asked by every learner page the page cache answers: prepared (lib/db/prepared.ts).
const courseAccessQuery = preparedQuery((db) =>
  db
    .select({
      course: courses,
      user: sessionUserColumns,
      roles: sql<string | null>`(SELECT GROUP_CONCAT(${courseRoles.role}) FROM ${courseRoles} WHERE ${courseRoles.userId} = ${users.id} AND ${courseRoles.courseId} = ${courses.id})`,
      enrolled: sql<number | null>`(SELECT MAX(${enrollments.isActive}) FROM ${enrollments} WHERE ${enrollments.userId} = ${users.id} AND ${enrollments.courseId} = ${courses.id})`,
    })
    .from(courses)
    .leftJoin(users, sessionUserJoin())
    .where(eq(courses.courseKey, sql.placeholder("courseKey")))
    .limit(1)
    .prepare(),
);

/**
 * Everything a learner page needs to know before it answers, in ONE round trip: the course by key,
 * the session's user (only while that session exists and has not expired), the user's staff and
 * instructor roles in the course and whether their enrollment is active. The page cache
 * (lib/lms/page-cache.ts) asks this on every page it answers. Null when the course does not exist.
 */
export async function getCourseAccessBySession({ userId, sid, courseKey, now = new Date(), db = getDb() }: { userId: number; sid: string; courseKey: string; now?: Date; db?: DbOrTx }): Promise<{
  course: typeof courses.$inferSelect;
  user: SessionUserRow | null;
  roles: ("staff" | "instructor")[];
  enrolled: boolean;
} | null> {
  const rows = await courseAccessQuery(db).execute({ userId, sid, now, courseKey });
  const row = rows[0];
  if (!row) return null;
  return { course: row.course, user: row.user, roles: courseRolesOf(row.roles), enrolled: Number(row.enrolled) === 1 };
}
