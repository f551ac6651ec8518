// Course re-runs on the real MariaDB: the new course has every date moved by the offset, keys
// rewritten to the new run, the same content/files/grading, the copied course team and no learner
// data; the source course is unchanged. Forbidden callers are refused and nothing is written.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { eq } from "drizzle-orm";
import { rerunCourseAction } from "@/lib/actions/studio/rerun-course-action";
import { importOlxCourse } from "@/lib/courses";
import { asUser, createUser, makeCourse, snapshotCourse, uniq } from "@/lib/courses/test-helpers";
import { closeDb, getDb } from "@/lib/db";
import { getCourseByKey } from "@/lib/db/queries/courses";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { createRerun } from "@/lib/db/queries/rerun";
import type { OlxBlock } from "@/lib/olx/types";
import { courseRoles, courses, enrollments } from "@/lib/db/schema";


let org: string;
let sourceKey: string;
let instructor: SessionUser;
let staff: SessionUser;
let learner: SessionUser;
let otherStaff: SessionUser;

beforeAll(async () => {
  org = `R${uniq()}`;
  const owner = await createUser("rro", { canCreateCourses: true });
  instructor = asUser(owner, { canCreateCourses: true });
  const c = makeCourse({ org, number: "RR1", run: "2026", htmlBody: '<p><a href="/courses/course-v1:X+Y+Z/about">x</a></p>' });
  c.root.fields.start = "2026-01-01T00:00:00Z";
  c.root.fields.end = "2026-06-30T00:00:00Z";
  c.root.settings.end = "2026-06-30T00:00:00Z";
  c.root.fields.advertised_start = "Spring 2026";
  const imported = await importOlxCourse({ course: c, ownerUsername: owner.username });
  sourceKey = imported.courseKey;
  const s = await createUser("rrs");
  await getDb().insert(courseRoles).values({ userId: s.id, courseId: imported.courseId, role: "staff" });
  staff = asUser(s);
  const l = await createUser("rrl");
  await enrollUser({ userId: l.id, courseId: imported.courseId, actorId: l.id });
  learner = asUser(l);
  const os = await createUser("rrx");
  const other = await importOlxCourse({ course: makeCourse({ org: `O${uniq()}` }) });
  await getDb().insert(courseRoles).values({ userId: os.id, courseId: other.courseId, role: "staff" });
  otherStaff = asUser(os, { canCreateCourses: true });
});

beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

describe("re-run", () => {
  it("creates the new run with shifted dates, rewritten keys, the team and no learners", async () => {
    const before = await snapshotCourse(sourceKey);
    session.user = instructor;
    const r = await rerunCourseAction({ courseKey: sourceKey, org, number: "RR1", run: "2027", displayName: "Re-run 2027", offsetDays: "365" });
    expect(r).toMatchObject({ ok: true, data: { courseKey: `course-v1:${org}+RR1+2027`, days: 365 } });
    const snap = (await snapshotCourse(`course-v1:${org}+RR1+2027`))!;
    expect(snap.course).toMatchObject({ displayName: "Re-run 2027", run: "2027", selfPaced: true, catalogVisibility: "about" });
    expect(snap.course.start?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(snap.course.enrollmentStart?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(snap.course.draftVersionId).toBeNull();
    expect(snap.versions).toHaveLength(1);
    expect(snap.versions[0]).toMatchObject({ source: "rerun", parentId: null, rootUsageKey: `block-v1:${org}+RR1+2027+type@course+block@2027`, id: snap.course.publishedVersionId });
    expect(snap.versions[0].meta).toMatchObject({ rerunOf: sourceKey, rerunOffsetDays: 365, run: "2027" });
    expect(snap.versions[0].gradingPolicy).toEqual(before!.versions[0].gradingPolicy);

    const src = before!.blocks.filter((b) => b.versionId === before!.course.publishedVersionId);
    expect(snap.blocks).toHaveLength(src.length);
    for (const b of snap.blocks) {
      expect(b.usageKey.startsWith(`block-v1:${org}+RR1+2027+type@`)).toBe(true);
      if (b.parentUsageKey) expect(b.parentUsageKey.startsWith(`block-v1:${org}+RR1+2027+type@`)).toBe(true);
    }
    const root = snap.blocks.find((b) => b.blockType === "course")!;
    expect(root.urlName).toBe("2027");
    expect(root.fields).toMatchObject({ start: "2027-01-01T00:00:00Z", end: "2027-06-30T00:00:00Z", advertised_start: "Spring 2026", display_name: "Re-run 2027" });
    expect(root.settings).toMatchObject({ enrollment_start: "2026-12-01T00:00:00Z" });
    const seq = snap.blocks.find((b) => b.urlName === "seq1")!;
    expect(seq.settings.due).toBe("2031-01-01T00:00:00Z");
    const vertical = snap.blocks.find((b) => b.urlName === "v1")!;
    expect(vertical.parentUsageKey).toBe(`block-v1:${org}+RR1+2027+type@sequential+block@seq1`);
    // content is shared: same definitions, files and documents
    const html = snap.blocks.find((b) => b.urlName === "h1")!;
    expect(html.definitionHash).toBe(src.find((b) => b.urlName === "h1")!.definitionHash);
    expect(snap.assets.map((a) => [a.path, a.hash])).toEqual(before!.assets.filter((a) => a.versionId === before!.course.publishedVersionId).map((a) => [a.path, a.hash]));
    expect(snap.documents.map((d) => d.path).sort()).toEqual(before!.documents.map((d) => d.path).sort());

    expect(snap.roles.map((x) => [x.userId, x.role]).sort()).toEqual(
      [
        [instructor.id, "instructor"],
        [staff.id, "staff"],
      ].sort(),
    );
    const enrolled = await getDb().select().from(enrollments).where(eq(enrollments.courseId, snap.course.id));
    expect(enrolled).toEqual([]);

    // the source course did not change
    expect(await snapshotCourse(sourceKey)).toEqual(before);
  });

  it("a new start date sets the offset", async () => {
    session.user = instructor;
    const r = await rerunCourseAction({ courseKey: sourceKey, org, number: "RR1", run: "2026b", displayName: "B", offsetDays: "", newStart: "2026-01-15" });
    expect(r).toMatchObject({ ok: true, data: { days: 14 } });
    const c = (await getCourseByKey({ courseKey: `course-v1:${org}+RR1+2026b` }))!;
    expect(c.start?.toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("refuses a taken key, the same key and bad input next to the field", async () => {
    session.user = instructor;
    const n = (await getDb().select().from(courses)).length;
    expect(await rerunCourseAction({ courseKey: sourceKey, org, number: "RR1", run: "2027", displayName: "Again", offsetDays: "1" })).toMatchObject({
      ok: false,
      code: "conflict:course",
      fieldErrors: { run: expect.any(String) },
    });
    expect(await rerunCourseAction({ courseKey: sourceKey, org, number: "RR1", run: "2026", displayName: "Same" })).toMatchObject({ ok: false, fieldErrors: { run: expect.any(String) } });
    expect(await rerunCourseAction({ courseKey: sourceKey, org, number: "RR1", run: "bad run", displayName: "X", offsetDays: "1.5" })).toMatchObject({
      ok: false,
      code: "invalid:input",
      fieldErrors: { run: expect.any(String), offsetDays: expect.any(String) },
    });
    expect((await getDb().select().from(courses)).length).toBe(n);
  });

  it("refuses a learner, staff of another course, a team member without the creator right, and anonymous callers", async () => {
    const n = (await getDb().select().from(courses)).length;
    const input = { courseKey: sourceKey, org, number: "RR1", run: `x${uniq()}`, displayName: "No", offsetDays: "1" };
    for (const [who, code] of [
      [learner, "forbidden"],
      [asUser({ id: learner.id, username: learner.username }, { canCreateCourses: true }), "forbidden"],
      [otherStaff, "forbidden"],
      [staff, "forbidden"],
      [null, "unauthorized"],
    ] as const) {
      session.user = who;
      const r = await rerunCourseAction(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code.split(":")[0]).toBe(code);
    }
    expect((await getDb().select().from(courses)).length).toBe(n);
  });

  it("re-runs a 2,000-unit course in a few seconds", async () => {
    const c = makeCourse({ org: `B${uniq()}`, number: "BIG", run: "2026" });
    const node = (type: string, urlName: string, children: OlxBlock[], settings: Record<string, unknown> = {}): OlxBlock => ({
      type,
      urlName,
      fields: { display_name: urlName, ...settings },
      settings: { display_name: urlName, ...settings },
      children,
    });
    c.root.children = Array.from({ length: 20 }, (_, ch) =>
      node(
        "chapter",
        `c${ch}`,
        Array.from({ length: 5 }, (_, sq) =>
          node(
            "sequential",
            `s${ch}_${sq}`,
            Array.from({ length: 20 }, (_, v) => node("vertical", `v${ch}_${sq}_${v}`, [{ ...node("html", `h${ch}_${sq}_${v}`, []), definition: `<p>unit ${v}</p>` }])),
            { due: "2026-03-01T00:00:00Z", start: "2026-01-01T00:00:00Z" },
          ),
        ),
      ),
    );
    const imported = await importOlxCourse({ course: c });
    const t0 = Date.now();
    const out = await createRerun({ sourceCourseId: imported.courseId, to: { org: c.org, number: "BIG", run: "2027" }, displayName: "Big re-run", days: 7, userId: instructor.id });
    const ms = Date.now() - t0;
    expect(out.blocks).toBe(1 + 20 + 100 + 2000 + 2000);
    expect(ms).toBeLessThan(15_000);
    console.info(`[studio-rerun] re-ran ${out.blocks} blocks in ${ms} ms`);
  }, 120_000);
});
