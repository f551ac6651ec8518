// A course's team (course_roles) and its change log (course_team_log), for Studio's Course team
// page. A user's role on a course is the highest they hold (instructor > staff); a change writes
// exactly one role row for them. Every change runs in ONE transaction that first locks the
// courses row (SELECT … FOR UPDATE, the same first lock Studio's draft writes take), so two
// concurrent removals or demotions of the last two instructors are serialized and the second one
// sees that only one instructor is left. The caller has already authorized "studio:manage-team".
import "server-only";
import { aliasedTable, and, desc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { courseRoles, courseTeamLog, courses, users } from "@/lib/db/schema";
import type { CourseRole } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getUserByLogin } from "./users";

export interface TeamMember {
  userId: number;
  username: string;
  email: string;
  fullName: string;
  role: CourseRole;
}

export interface TeamLogEntry {
  id: number;
  action: "add" | "change" | "remove";
  oldRole: CourseRole | null;
  newRole: CourseRole | null;
  actorUsername: string | null;
  targetUsername: string;
  at: Date;
}

const highest = (roles: readonly string[]): CourseRole | null => (roles.includes("instructor") ? "instructor" : roles.includes("staff") ? "staff" : null);

/** The team, one row per user with their highest role; instructors first, then by username. */
export async function listCourseTeam({ courseId, db = getDb() }: { courseId: number; db?: DbOrTx }): Promise<TeamMember[]> {
  const rows = await db
    .select({ userId: users.id, username: users.username, email: users.email, fullName: users.fullName, role: courseRoles.role })
    .from(courseRoles)
    .innerJoin(users, eq(users.id, courseRoles.userId))
    .where(eq(courseRoles.courseId, courseId));
  const byUser = new Map<number, TeamMember>();
  for (const r of rows) {
    const seen = byUser.get(r.userId);
    if (!seen) byUser.set(r.userId, { ...r });
    else seen.role = highest([seen.role, r.role]) ?? seen.role;
  }
  return [...byUser.values()].sort((a, b) => (a.role === b.role ? a.username.localeCompare(b.username) : a.role === "instructor" ? -1 : 1));
}

/** The latest changes to the team, newest first. */
export async function listCourseTeamLog({ courseId, limit = 100, db = getDb() }: { courseId: number; limit?: number; db?: DbOrTx }): Promise<TeamLogEntry[]> {
  const actor = aliasedTable(users, "actor");
  const target = aliasedTable(users, "target");
  const rows = await db
    .select({
      id: courseTeamLog.id,
      action: courseTeamLog.action,
      oldRole: courseTeamLog.oldRole,
      newRole: courseTeamLog.newRole,
      actorUsername: actor.username,
      targetUsername: target.username,
      at: courseTeamLog.createdAt,
    })
    .from(courseTeamLog)
    .leftJoin(actor, eq(actor.id, courseTeamLog.actorId))
    .innerJoin(target, eq(target.id, courseTeamLog.targetUserId))
    .where(eq(courseTeamLog.courseId, courseId))
    .orderBy(desc(courseTeamLog.id))
    .limit(limit);
  return rows;
}

export type TeamChange = { kind: "add"; login: string; role: CourseRole } | { kind: "set-role"; userId: number; role: CourseRole } | { kind: "remove"; userId: number };

export interface TeamChangeResult {
  userId: number;
  username: string;
  action: "add" | "change" | "remove" | "none";
  oldRole: CourseRole | null;
  newRole: CourseRole | null;
}

/**
 * Adds a user (by email or username), changes a member's role or removes a member, and logs it.
 * Refuses (AppError, nothing written) an unknown or inactive user, a user already on the team,
 * a change to someone not on the team, and removing or demoting the course's last instructor.
 */
export async function changeCourseTeam({ courseId, actorId, change }: { courseId: number; actorId: number | null; change: TeamChange }): Promise<TeamChangeResult> {
  return getDb().transaction(async (tx) => {
    const [course] = await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, courseId)).for("update").limit(1);
    if (!course) throw new AppError("not_found:course", "That course does not exist.");
    let target: { id: number; username: string };
    if (change.kind === "add") {
      const u = await getUserByLogin({ login: change.login, db: tx });
      if (!u || !u.isActive) {
        throw new AppError("not_found:user", `There is no active user with the email or username “${change.login.slice(0, 254)}”.`, {
          fieldErrors: { login: "No active user has this email or username." },
        });
      }
      target = { id: u.id, username: u.username };
    } else {
      const [u] = await tx.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, change.userId)).limit(1);
      if (!u) throw new AppError("not_found:user", "That user no longer exists.");
      target = u;
    }
    const held = await tx
      .select({ role: courseRoles.role })
      .from(courseRoles)
      .where(and(eq(courseRoles.courseId, courseId), eq(courseRoles.userId, target.id)));
    const oldRole = highest(held.map((r) => r.role));
    const newRole = change.kind === "remove" ? null : change.role;
    if (change.kind === "add" && oldRole) {
      throw new AppError("conflict:team", `${target.username} is already on this course’s team (${oldRole}).`, { fieldErrors: { login: "Already on the team." } });
    }
    if (change.kind !== "add" && !oldRole) throw new AppError("not_found:team-member", `${target.username} is not on this course’s team.`);
    if (oldRole === newRole && held.length === 1) return { userId: target.id, username: target.username, action: "none" as const, oldRole, newRole };
    if (oldRole === "instructor" && newRole !== "instructor") {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(distinct ${courseRoles.userId})` })
        .from(courseRoles)
        .where(and(eq(courseRoles.courseId, courseId), eq(courseRoles.role, "instructor")));
      if (Number(n) <= 1) {
        throw new AppError(
          "conflict:last-instructor",
          `${target.username} is this course’s only instructor. Make someone else an instructor first, so the course always has one.`,
        );
      }
    }
    await tx.delete(courseRoles).where(and(eq(courseRoles.courseId, courseId), eq(courseRoles.userId, target.id)));
    if (newRole) await tx.insert(courseRoles).values({ courseId, userId: target.id, role: newRole });
    const action = change.kind === "add" ? "add" : change.kind === "remove" ? "remove" : "change";
    await tx.insert(courseTeamLog).values({ courseId, actorId, targetUserId: target.id, action, oldRole, newRole });
    return { userId: target.id, username: target.username, action, oldRole, newRole };
  });
}
