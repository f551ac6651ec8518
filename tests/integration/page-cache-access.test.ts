// The page cache's one-round-trip access read (getCourseAccessBySession) on the real MariaDB: the
// user comes back only with a live session of theirs, roles and enrollment are this course's only.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db";
import { getCourseAccessBySession } from "@/lib/db/queries/course-access";
import { enrollUser, unenrollUser } from "@/lib/db/queries/enrollments";
import { createUserSession, deleteUserSession } from "@/lib/db/queries/users";
import { createTestCourse, createTestUser, grantRole } from "./lms-helpers";

afterAll(async () => {
  await closeDb();
});

const tree: Parameters<typeof createTestCourse>[0] = { sections: [{ type: "chapter", name: "ch", children: [{ type: "sequential", name: "s", children: [{ type: "vertical", name: "u", children: [{ type: "html", name: "h" }] }] }] }] };

describe("getCourseAccessBySession", () => {
  it("returns the course, the session's user, roles and enrollment in one read", async () => {
    const c = await createTestCourse(tree);
    const other = await createTestCourse(tree);
    const u = await createTestUser("pca_user");
    const sid = randomBytes(16).toString("base64url");
    await createUserSession({ userId: u.id, sid, expiresAt: new Date(Date.now() + 3600_000) });

    let a = await getCourseAccessBySession({ userId: u.id, sid, courseKey: c.courseKey });
    expect(a?.course.id).toBe(c.courseId);
    expect(a?.user?.id).toBe(u.id);
    expect(a?.roles).toEqual([]);
    expect(a?.enrolled).toBe(false);

    await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id });
    await grantRole({ userId: u.id, courseId: other.courseId, role: "staff" });
    a = await getCourseAccessBySession({ userId: u.id, sid, courseKey: c.courseKey });
    expect(a?.enrolled).toBe(true);
    // A role in another course is not a role here.
    expect(a?.roles).toEqual([]);
    await grantRole({ userId: u.id, courseId: c.courseId, role: "instructor" });
    await grantRole({ userId: u.id, courseId: c.courseId, role: "staff" });
    expect((await getCourseAccessBySession({ userId: u.id, sid, courseKey: c.courseKey }))?.roles.sort()).toEqual(["instructor", "staff"]);

    // An enrollment that was ended is no enrollment.
    await unenrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id });
    expect((await getCourseAccessBySession({ userId: u.id, sid, courseKey: c.courseKey }))?.enrolled).toBe(false);
  });

  it("has no user without that user's live session, and nothing for an unknown course", async () => {
    const c = await createTestCourse(tree);
    const u = await createTestUser("pca_nosession");
    const v = await createTestUser("pca_victim");
    const sid = randomBytes(16).toString("base64url");
    await createUserSession({ userId: v.id, sid, expiresAt: new Date(Date.now() + 3600_000) });
    // Someone else's session id does not make this user signed in.
    expect((await getCourseAccessBySession({ userId: u.id, sid, courseKey: c.courseKey }))?.user).toBeNull();
    // An expired session is none.
    const old = randomBytes(16).toString("base64url");
    await createUserSession({ userId: u.id, sid: old, expiresAt: new Date(Date.now() - 1000) });
    expect((await getCourseAccessBySession({ userId: u.id, sid: old, courseKey: c.courseKey }))?.user).toBeNull();
    // A signed-out session is none.
    await deleteUserSession({ sid });
    expect((await getCourseAccessBySession({ userId: v.id, sid, courseKey: c.courseKey }))?.user).toBeNull();
    expect(await getCourseAccessBySession({ userId: v.id, sid, courseKey: "course-v1:No+Such+Course" })).toBeNull();
  });

  it("answers each call with its own values, though the query is prepared once (lib/db/prepared.ts)", async () => {
    const c = await createTestCourse(tree);
    const d = await createTestCourse(tree);
    const [u, v] = [await createTestUser("pca_prep_u"), await createTestUser("pca_prep_v")];
    const [su, sv] = [randomBytes(16).toString("base64url"), randomBytes(16).toString("base64url")];
    await createUserSession({ userId: u.id, sid: su, expiresAt: new Date(Date.now() + 3600_000) });
    await createUserSession({ userId: v.id, sid: sv, expiresAt: new Date(Date.now() + 3600_000) });
    await enrollUser({ userId: v.id, courseId: d.courseId, actorId: v.id });
    const [a, b, none] = await Promise.all([
      getCourseAccessBySession({ userId: u.id, sid: su, courseKey: c.courseKey }),
      getCourseAccessBySession({ userId: v.id, sid: sv, courseKey: d.courseKey }),
      // the no-session sentinel (lib/db/queries/course-access.ts sessionUserJoin): an empty sid matches no session
      getCourseAccessBySession({ userId: u.id, sid: "", courseKey: c.courseKey }),
    ]);
    expect([a?.course.id, a?.user?.id, a?.enrolled]).toEqual([c.courseId, u.id, false]);
    expect([b?.course.id, b?.user?.id, b?.enrolled]).toEqual([d.courseId, v.id, true]);
    expect([none?.course.id, none?.user]).toEqual([c.courseId, null]);
  });
});
