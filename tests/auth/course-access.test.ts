// CourseFacts and the Studio course list on the real database.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { courseRoles, courses, enrollments } from "@/lib/db/schema";
import { getCourseFacts } from "@/lib/auth/course-access";
import { listStudioCourses } from "@/lib/db/queries/course-access";
import { createUser, userHasAnyCourseRole } from "@/lib/db/queries/users";
import { canCourse, canGlobal } from "@/lib/auth/permissions";

afterAll(() => closeDb());

const u = randomBytes(4).toString("hex");

async function course(name: string, opts: { createdBy?: number; catalogVisibility?: string } = {}) {
  const [row] = await getDb()
    .insert(courses)
    .values({ courseKey: `course-v1:AuthT+${name}${u}+R`, org: "AuthT", number: `${name}${u}`, run: "R", displayName: `${name} ${u}`, ...opts })
    .$returningId();
  return row.id;
}
async function user(name: string) {
  const r = await createUser({ email: `${name}${u}@example.test`, username: `${name}_${u}`, fullName: name, passwordHash: "x" });
  if (!r.ok) throw new Error("user");
  return r.id;
}

describe("course access facts", () => {
  it("loads roles, enrollment and visibility; anonymous has none", async () => {
    const [c1, c2] = [await course("A", { catalogVisibility: "none" }), await course("B")];
    const [staff, learner, nobody] = [await user("staff"), await user("learner"), await user("nobody")];
    await getDb().insert(courseRoles).values({ userId: staff, courseId: c1, role: "staff" });
    await getDb().insert(enrollments).values([
      { userId: learner, courseId: c1 },
      { userId: learner, courseId: c2, isActive: false },
    ]);

    expect(await getCourseFacts({ userId: staff, courseId: c1 })).toEqual({ roles: ["staff"], enrolled: false, catalogVisibility: "none" });
    expect(await getCourseFacts({ userId: learner, courseId: c1 })).toEqual({ roles: [], enrolled: true, catalogVisibility: "none" });
    expect((await getCourseFacts({ userId: learner, courseId: c2 })).enrolled).toBe(false); // unenrolled = inactive row
    expect(await getCourseFacts({ userId: null, courseId: c2 })).toEqual({ roles: [], enrolled: false, catalogVisibility: "both" });

    const actor = (id: number) => ({ userId: id, isActive: true, isAdmin: false, canCreateCourses: false });
    expect(canCourse(actor(staff), "studio:edit-course", await getCourseFacts({ userId: staff, courseId: c1 }))).toBe(true);
    expect(canCourse(actor(staff), "studio:edit-course", await getCourseFacts({ userId: staff, courseId: c2 }))).toBe(false);
    expect(canCourse(actor(nobody), "course:view-about", await getCourseFacts({ userId: nobody, courseId: c1 }))).toBe(false);
    expect(await userHasAnyCourseRole({ userId: staff })).toBe(true);
    expect(await userHasAnyCourseRole({ userId: learner })).toBe(false);
    expect(canGlobal(actor(staff), "studio:access", { hasAnyCourseRole: await userHasAnyCourseRole({ userId: staff }) })).toBe(true);
  });

  it("lists Studio courses: roles and own courses for authors, everything for admins", async () => {
    const author = await user("author");
    const own = await course("Own", { createdBy: author });
    const taught = await course("Taught");
    const other = await course("Other");
    await getDb().insert(courseRoles).values({ userId: author, courseId: taught, role: "instructor" });
    const mine = await listStudioCourses({ userId: author, isAdmin: false });
    expect(mine.map((c) => c.id).sort()).toEqual([own, taught].sort());
    expect(mine.find((c) => c.id === taught)?.roles).toEqual(["instructor"]);
    expect(mine.every((c) => c.published === false)).toBe(true);
    const all = await listStudioCourses({ userId: author, isAdmin: true });
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([own, taught, other]));
    expect(await listStudioCourses({ userId: await user("plain"), isAdmin: false })).toEqual([]);
  });
});
