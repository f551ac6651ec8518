// Studio authorization on the real MariaDB: every Studio server action, posted directly by an
// enrolled learner, by staff of ANOTHER course, or anonymously, is refused and changes nothing
// (the course's rows are compared before and after). A block key of another course sent with the
// caller's own course key is refused too. The session is the only thing stubbed.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { closeDb } from "@/lib/db";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { asUser, createUser, snapshotCourse, uniq } from "@/lib/courses/test-helpers";
import * as svc from "@/lib/studio/service";
import { getComponentEditorData } from "@/lib/studio";
import { addComponentAction } from "@/lib/actions/studio/add-component-action";
import { addOutlineItemAction } from "@/lib/actions/studio/add-outline-item-action";
import { createCourseAction } from "@/lib/actions/studio/create-course-action";
import { deleteItemAction } from "@/lib/actions/studio/delete-item-action";
import { discardChangesAction } from "@/lib/actions/studio/discard-changes-action";
import { duplicateItemAction } from "@/lib/actions/studio/duplicate-item-action";
import { getComponentAction } from "@/lib/actions/studio/get-component-action";
import { moveItemAction } from "@/lib/actions/studio/move-item-action";
import { publishAction } from "@/lib/actions/studio/publish-action";
import { renameItemAction } from "@/lib/actions/studio/rename-item-action";
import { saveComponentAction } from "@/lib/actions/studio/save-component-action";
import { updateSubsectionSettingsAction } from "@/lib/actions/studio/update-subsection-settings-action";
import { courseAction } from "@/lib/actions";
import { z } from "zod";
import { getCourseByKey } from "@/lib/db/queries/courses";
import { getDb } from "@/lib/db";
import { courseRoles } from "@/lib/db/schema";


let course: { courseId: number; courseKey: string; root: string };
let other: { courseId: number; courseKey: string; root: string };
let keys: { sec: string; sub: string; sub2: string; unit: string; html: string; revision: string };
let learner: SessionUser;
let otherStaff: SessionUser;
let instructor: SessionUser;

async function makeCourse(userId: number) {
  const org = `Z${uniq()}`;
  const c = await svc.createCourse({ org, number: "AZ", run: "R", displayName: "Authz", start: new Date("2020-01-01T00:00:00Z"), userId });
  return { courseId: c.courseId, courseKey: c.courseKey, root: `block-v1:${org}+AZ+R+type@course+block@R` };
}

beforeAll(async () => {
  const owner = await createUser("own", { canCreateCourses: true });
  instructor = asUser(owner, { canCreateCourses: true });
  course = await makeCourse(owner.id);
  other = await makeCourse(owner.id);
  const w = { courseId: course.courseId, userId: owner.id };
  const sec = await svc.addOutlineItem({ ...w, parentUsageKey: course.root, blockType: "chapter" });
  const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
  const sub2 = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
  const unit = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical" });
  const html = await svc.addComponent({ ...w, courseKey: course.courseKey, unitUsageKey: unit.usageKey, blockType: "html" });
  await svc.publish(w);
  await svc.renameItem({ ...w, usageKey: unit.usageKey, displayName: "Changed" });
  const revision = (await getComponentEditorData({ courseId: course.courseId, usageKey: html.usageKey })).revision;
  keys = { sec: sec.usageKey, sub: sub.usageKey, sub2: sub2.usageKey, unit: unit.usageKey, html: html.usageKey, revision };

  const l = await createUser("lrn");
  await enrollUser({ userId: l.id, courseId: course.courseId, actorId: l.id });
  learner = asUser(l);
  const s = await createUser("stf");
  await getDb().insert(courseRoles).values({ userId: s.id, courseId: other.courseId, role: "staff" });
  otherStaff = asUser(s);
});

beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

/** Every Studio action with a valid input for `course`. */
function calls(): Array<[string, () => Promise<{ ok: boolean; code?: string }>]> {
  const courseKey = course.courseKey;
  return [
    ["addOutlineItem", () => addOutlineItemAction({ courseKey, parentUsageKey: keys.sec, blockType: "sequential", displayName: "Hack" })],
    ["renameItem", () => renameItemAction({ courseKey, usageKey: keys.unit, displayName: "Hacked" })],
    ["duplicateItem", () => duplicateItemAction({ courseKey, usageKey: keys.sec })],
    ["deleteItem", () => deleteItemAction({ courseKey, usageKey: keys.unit })],
    ["moveItem", () => moveItemAction({ courseKey, usageKey: keys.unit, parentUsageKey: keys.sub2, position: 0 })],
    ["updateSubsectionSettings", () => updateSubsectionSettingsAction({ courseKey, usageKey: keys.sub, start: null, due: "2030-01-01", format: "Homework", visibleToStaffOnly: true })],
    ["addComponent", () => addComponentAction({ courseKey, unitUsageKey: keys.unit, blockType: "problem" })],
    ["saveComponent", () => saveComponentAction({ courseKey, usageKey: keys.html, baseRevision: keys.revision, kind: "html", displayName: "x", html: "<p>hacked</p>" })],
    ["getComponent", () => getComponentAction({ courseKey, usageKey: keys.html })],
    ["publish", () => publishAction({ courseKey })],
    ["publishUnit", () => publishAction({ courseKey, usageKey: keys.unit })],
    ["discardChanges", () => discardChangesAction({ courseKey, usageKey: keys.unit })],
  ];
}

describe("Studio actions refuse callers without a role on the course", () => {
  for (const who of ["anonymous", "learner", "staff of another course"] as const) {
    it(`${who}: every action is refused and nothing changes`, async () => {
      session.user = who === "anonymous" ? null : who === "learner" ? learner : otherStaff;
      const before = await snapshotCourse(course.courseKey);
      for (const [name, call] of calls()) {
        const r = await call();
        expect({ name, ok: r.ok, code: r.code }).toEqual({ name, ok: false, code: who === "anonymous" ? "unauthorized" : "forbidden:course" });
      }
      expect(await snapshotCourse(course.courseKey)).toEqual(before);
    });
  }

  it("a block of another course sent with the caller's own course key is refused", async () => {
    session.user = instructor;
    const before = await snapshotCourse(course.courseKey);
    const r = await renameItemAction({ courseKey: other.courseKey, usageKey: keys.unit, displayName: "Cross" });
    expect(r).toMatchObject({ ok: false, code: "invalid:input" });
    const r2 = await moveItemAction({ courseKey: other.courseKey, usageKey: keys.unit, parentUsageKey: other.root, position: 0 });
    expect(r2).toMatchObject({ ok: false, code: "invalid:input" });
    expect(await snapshotCourse(course.courseKey)).toEqual(before);
  });

  it("an unknown course, by key or by id, is not_found:course for everyone, a platform admin too, and the action does not run", async () => {
    const admin = asUser(await createUser("adm", { isAdmin: true }), { isAdmin: true });
    // courseAction by id (no action names its course by id today; this one just reports what it was given)
    const ran: number[] = [];
    const byIdAction = courseAction(z.object({ courseId: z.number().int().positive() }), "studio:edit-course", async (_input, { course: c }) => (ran.push(c.id), c.id));
    for (const user of [admin, instructor, learner]) {
      session.user = user;
      expect(await publishAction({ courseKey: `course-v1:No${uniq()}+X+Y` }), user.username).toMatchObject({ ok: false, code: "not_found:course" });
      expect(await byIdAction({ courseId: 2_000_000_000 }), user.username).toMatchObject({ ok: false, code: "not_found:course" });
    }
    expect(ran).toEqual([]);
    // the real course passes the check, by key and by id
    session.user = instructor;
    expect(await getComponentAction({ courseKey: course.courseKey, usageKey: keys.html })).toMatchObject({ ok: true });
    expect(await byIdAction({ courseId: course.courseId })).toEqual({ ok: true, data: course.courseId });
    session.user = learner;
    expect(await byIdAction({ courseId: course.courseId })).toMatchObject({ ok: false, code: "forbidden:course" });
    expect(ran).toEqual([course.courseId]);
  });

  it("the course's own instructor may (sanity: the same calls succeed)", async () => {
    session.user = instructor;
    const r = await renameItemAction({ courseKey: course.courseKey, usageKey: keys.unit, displayName: "Mine" });
    expect(r.ok).toBe(true);
    const g = await getComponentAction({ courseKey: course.courseKey, usageKey: keys.html });
    expect(g).toMatchObject({ ok: true, data: { blockType: "html" } });
  });

  it("New course needs the course-creator right; the creator becomes instructor; duplicate keys are refused", async () => {
    session.user = learner;
    const org = `N${uniq()}`;
    const refused = await createCourseAction({ org, number: "X1", run: "2026", displayName: "Nope" });
    expect(refused).toMatchObject({ ok: false, code: "forbidden:create-course" });
    expect(await getCourseByKey({ courseKey: `course-v1:${org}+X1+2026` })).toBeNull();
    session.user = instructor;
    const bad = await createCourseAction({ org: "has space", number: "X1", run: "2026", displayName: "" });
    expect(bad).toMatchObject({ ok: false, code: "invalid:input" });
    expect(Object.keys((bad as { fieldErrors: Record<string, string> }).fieldErrors).sort()).toEqual(["displayName", "org"]);
    const made = await createCourseAction({ org, number: "X1", run: "2026", displayName: "Yes" });
    expect(made).toEqual({ ok: true, data: { courseKey: `course-v1:${org}+X1+2026` } });
    const c = (await getCourseByKey({ courseKey: `course-v1:${org}+X1+2026` }))!;
    expect(c.start!.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    const snap = await snapshotCourse(c.courseKey);
    expect(snap!.roles.map((r) => [r.userId, r.role])).toEqual([[instructor.id, "instructor"]]);
    const again = await createCourseAction({ org, number: "X1", run: "2026", displayName: "Again" });
    expect(again).toMatchObject({ ok: false, code: "conflict:course" });
  });
});
