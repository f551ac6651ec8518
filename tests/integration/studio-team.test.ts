// Studio's Course team on the real MariaDB: the team actions refuse learners, staff of another
// course, anonymous callers and the course's own staff (nothing changes); an instructor adds,
// re-roles and removes members, each change logged; an unknown user changes nothing; the last
// instructor can never be removed or demoted, also when two removals race.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/lib/db";
import { courseRoles, courseTeamLog } from "@/lib/db/schema";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { listCourseTeam, listCourseTeamLog } from "@/lib/db/queries/course-team";
import { asUser, createUser, uniq } from "@/lib/courses/test-helpers";
import * as svc from "@/lib/studio/service";
import { addTeamMemberAction } from "@/lib/actions/studio/add-team-member-action";
import { changeTeamRoleAction } from "@/lib/actions/studio/change-team-role-action";
import { removeTeamMemberAction } from "@/lib/actions/studio/remove-team-member-action";


async function newCourse(userId: number) {
  return svc.createCourse({ org: `T${uniq()}`, number: "TEAM", run: "R", displayName: "Team", start: new Date("2020-01-01T00:00:00Z"), userId });
}

async function teamState(courseId: number) {
  const db = getDb();
  const roles = await db.select().from(courseRoles).where(eq(courseRoles.courseId, courseId)).orderBy(courseRoles.id);
  const log = await db.select().from(courseTeamLog).where(eq(courseTeamLog.courseId, courseId)).orderBy(courseTeamLog.id);
  return { roles, log };
}

let owner: SessionUser;
let course: { courseId: number; courseKey: string };
let other: { courseId: number; courseKey: string };
let staff: SessionUser;
let learner: SessionUser;
let otherStaff: SessionUser;
let target: { id: number; username: string };

beforeAll(async () => {
  const o = await createUser("tmo", { canCreateCourses: true });
  owner = asUser(o, { canCreateCourses: true });
  course = await newCourse(o.id);
  other = await newCourse(o.id);
  const s = await createUser("tms");
  await getDb().insert(courseRoles).values({ userId: s.id, courseId: course.courseId, role: "staff" });
  staff = asUser(s);
  const l = await createUser("tml");
  await enrollUser({ userId: l.id, courseId: course.courseId, actorId: l.id });
  learner = asUser(l);
  const os = await createUser("tmx");
  await getDb().insert(courseRoles).values({ userId: os.id, courseId: other.courseId, role: "instructor" });
  otherStaff = asUser(os);
  target = await createUser("tmt");
});

afterAll(async () => {
  session.user = null;
  await closeDb();
});

describe("course team actions", () => {
  it("refuse learners, instructors of another course, anonymous callers and the course's staff; nothing changes", async () => {
    const before = await teamState(course.courseId);
    const callers: Array<[string, SessionUser | null, string]> = [
      ["learner", learner, "forbidden:course"],
      ["other course's instructor", otherStaff, "forbidden:course"],
      ["anonymous", null, "unauthorized"],
      ["staff", staff, "forbidden:course"],
    ];
    for (const [who, user, code] of callers) {
      session.user = user;
      const results = [
        await addTeamMemberAction({ courseKey: course.courseKey, login: target.username, role: "instructor" }),
        await changeTeamRoleAction({ courseKey: course.courseKey, userId: owner.id, role: "staff" }),
        await removeTeamMemberAction({ courseKey: course.courseKey, userId: owner.id }),
        await removeTeamMemberAction({ courseKey: course.courseKey, userId: staff.id }),
      ];
      for (const r of results) expect(r.ok ? "ok" : r.code, who).toBe(code);
    }
    expect(await teamState(course.courseId)).toEqual(before);
  });

  it("lets an instructor add by email or username, change the role and remove, logging each change", async () => {
    session.user = owner;
    const added = await addTeamMemberAction({ courseKey: course.courseKey, login: `${target.username.toUpperCase()}`, role: "staff" });
    expect(added.ok).toBe(true);
    expect((await listCourseTeam({ courseId: course.courseId })).find((m) => m.userId === target.id)?.role).toBe("staff");

    const again = await addTeamMemberAction({ courseKey: course.courseKey, login: `${target.username}@example.test`, role: "staff" });
    expect(again.ok ? "ok" : again.code).toBe("conflict:team");

    const before = await teamState(course.courseId);
    const unknown = await addTeamMemberAction({ courseKey: course.courseKey, login: `nobody-${uniq()}@example.test`, role: "staff" });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.code).toBe("not_found:user");
      expect(unknown.fieldErrors?.login).toMatch(/No active user/);
    }
    const empty = await addTeamMemberAction({ courseKey: course.courseKey, login: "  ", role: "staff" });
    expect(empty.ok ? "ok" : empty.code).toBe("invalid:input");
    expect(await teamState(course.courseId)).toEqual(before);

    expect((await changeTeamRoleAction({ courseKey: course.courseKey, userId: target.id, role: "instructor" })).ok).toBe(true);
    expect((await removeTeamMemberAction({ courseKey: course.courseKey, userId: target.id })).ok).toBe(true);
    const gone = await removeTeamMemberAction({ courseKey: course.courseKey, userId: target.id });
    expect(gone.ok ? "ok" : gone.code).toBe("not_found:team-member");

    const log = await listCourseTeamLog({ courseId: course.courseId });
    expect(log.slice(0, 3).map((e) => [e.action, e.oldRole, e.newRole, e.actorUsername, e.targetUsername])).toEqual([
      ["remove", "instructor", null, owner.username, target.username],
      ["change", "staff", "instructor", owner.username, target.username],
      ["add", null, "staff", owner.username, target.username],
    ]);
    expect((await teamState(course.courseId)).log).toHaveLength(3);
  });

  it("never removes or demotes the last instructor", async () => {
    session.user = owner;
    const before = await teamState(course.courseId);
    const demote = await changeTeamRoleAction({ courseKey: course.courseKey, userId: owner.id, role: "staff" });
    expect(demote.ok ? "ok" : demote.code).toBe("conflict:last-instructor");
    const remove = await removeTeamMemberAction({ courseKey: course.courseKey, userId: owner.id });
    expect(remove.ok ? "ok" : remove.code).toBe("conflict:last-instructor");
    expect(await teamState(course.courseId)).toEqual(before);
  });

  it("lets only one of two concurrent removals of the last two instructors pass", async () => {
    for (let round = 0; round < 3; round++) {
      const o = await createUser("tmc", { canCreateCourses: true });
      const c = await newCourse(o.id);
      const second = await createUser("tmd");
      session.user = asUser(o, { canCreateCourses: true });
      expect((await addTeamMemberAction({ courseKey: c.courseKey, login: second.username, role: "instructor" })).ok).toBe(true);
      const [a, b] = await Promise.all([
        removeTeamMemberAction({ courseKey: c.courseKey, userId: o.id }),
        removeTeamMemberAction({ courseKey: c.courseKey, userId: second.id }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      // The other is refused either way: by the last-instructor check when both passed the
      // permission check first, or as forbidden when the removal of the caller's own role had
      // already committed before the other request checked it (the two race; both are right).
      const failed = a.ok ? b : a;
      expect(["conflict:last-instructor", "forbidden:course"]).toContain(failed.ok ? "ok" : failed.code);
      const team = await listCourseTeam({ courseId: c.courseId });
      expect(team.filter((m) => m.role === "instructor")).toHaveLength(1);
      expect((await teamState(c.courseId)).log.map((l) => l.action)).toEqual(["add", "remove"]);
    }
  });
});
