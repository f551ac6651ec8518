// CourseFacts and the Studio course list on the real database.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { eq } from "drizzle-orm";
import { courseRoles, courses, courseVersions, enrollments } from "@/lib/db/schema";
import { getCourseFacts } from "@/lib/auth/course-access";
import { getCourseFactsRow, getCourseFactsRowByKey, listStudioCourses } from "@/lib/db/queries/course-access";
import { getPublishedCourse, getPublishedCourseAndFacts } from "@/lib/db/queries/problems";
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

  it("reads a published course and a user's facts on it in one query, as the two separate reads do", async () => {
    const [pub, hidden, unpublished] = [await course("P"), await course("H", { catalogVisibility: "about" }), await course("U")];
    for (const c of [pub, hidden]) {
      const [v] = await getDb()
        .insert(courseVersions)
        .values({ courseId: c, source: "import", rootUsageKey: `block-v1:AuthT+${c}+R+type@course+block@course`, gradingPolicy: { GRADE_CUTOFFS: { Pass: 0.5 } } })
        .$returningId();
      await getDb().update(courses).set({ publishedVersionId: v.id }).where(eq(courses.id, c));
    }
    const [staff, learner, left, nobody] = [await user("pstaff"), await user("plearner"), await user("pleft"), await user("pnobody")];
    await getDb().insert(courseRoles).values([
      { userId: staff, courseId: pub, role: "instructor" },
      { userId: staff, courseId: pub, role: "staff" },
      { userId: staff, courseId: unpublished, role: "staff" },
    ]);
    await getDb().insert(enrollments).values([
      { userId: learner, courseId: pub },
      { userId: learner, courseId: hidden },
      { userId: left, courseId: pub, isActive: false },
    ]);
    const key = async (id: number) => (await getDb().select({ k: courses.courseKey }).from(courses).where(eq(courses.id, id)))[0].k;
    let compared = 0;
    for (const c of [pub, hidden]) {
      for (const userId of [staff, learner, left, nobody, null]) {
        const course = await getPublishedCourse({ courseId: c });
        const facts = await getCourseFactsRow({ userId, courseId: c });
        const byId = await getPublishedCourseAndFacts({ courseId: c, userId });
        expect(byId).toEqual({ course, facts });
        expect(await getPublishedCourseAndFacts({ courseKey: await key(c), userId })).toEqual(byId);
        compared++;
      }
    }
    expect(compared).toBe(10);
    // by key, published or not (every course action: lib/actions courseAction), as by id
    for (const c of [pub, hidden, unpublished]) {
      for (const userId of [staff, learner, left, nobody, null]) expect(await getCourseFactsRowByKey({ userId, courseKey: await key(c) })).toEqual({ id: c, ...(await getCourseFactsRow({ userId, courseId: c })) });
    }
    expect((await getCourseFactsRowByKey({ userId: staff, courseKey: await key(unpublished) }))?.roles).toEqual(["staff"]);
    expect(await getCourseFactsRowByKey({ userId: staff, courseKey: "course-v1:No+Such+Course" })).toBeNull();
    expect((await getPublishedCourseAndFacts({ courseId: pub, userId: staff }))?.facts.roles.sort()).toEqual(["instructor", "staff"]);
    expect((await getPublishedCourseAndFacts({ courseId: pub, userId: left }))?.facts.enrolled).toBe(false);
    expect((await getPublishedCourseAndFacts({ courseId: hidden, userId: learner }))?.facts).toEqual({ roles: [], enrolled: true, catalogVisibility: "about" });
    // unpublished or unknown: nothing, whoever asks
    expect(await getPublishedCourseAndFacts({ courseId: unpublished, userId: staff })).toBeNull();
    expect(await getPublishedCourseAndFacts({ courseKey: "course-v1:No+Such+Course", userId: staff })).toBeNull();
    expect(await getPublishedCourseAndFacts({ userId: staff })).toBeNull();
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
