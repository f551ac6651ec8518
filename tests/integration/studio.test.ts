// Studio draft/publish on the real MariaDB: a new course, outline edits on the working copy,
// publish states, unit/subsection/whole-course publish (new immutable versions + pointer swap),
// settings inheritance after date changes and moves, conflicts on stale saves, discard, and the
// imported drafts/ becoming the working copy. The session is the only thing stubbed.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/lib/db";
import { courseBlocks, courses } from "@/lib/db/schema";
import { getBlock, getCourseByKey, getVersion, listBlocks } from "@/lib/db/queries/courses";
import { getComponentEditorData, getStudioOutline, getUnitEditorData } from "@/lib/studio";
import type { OutlineNode } from "@/lib/studio/types";
import * as svc from "@/lib/studio/service";
import { importOlxCourse } from "@/lib/courses/import";
import { makeCourse, uniq } from "@/lib/courses/test-helpers";
import type { OlxBlock } from "@/lib/olx/types";

async function author(flags: { canCreateCourses?: boolean; isAdmin?: boolean } = { canCreateCourses: true }): Promise<SessionUser> {
  const { createUser } = await import("@/lib/courses/test-helpers");
  const u = await createUser("au", flags);
  return { id: u.id, email: `${u.username}@example.test`, username: u.username, fullName: u.username, isAdmin: !!flags.isAdmin, canCreateCourses: !!flags.canCreateCourses, isActive: true } as SessionUser;
}

async function newCourse(userId: number) {
  const org = `O${uniq()}`;
  const c = await svc.createCourse({ org, number: "CS1", run: "2026", displayName: "Authoring 101", start: new Date("2020-01-01T00:00:00Z"), userId });
  const root = `block-v1:${org}+CS1+2026+type@course+block@2026`;
  return { ...c, org, root };
}

function find(nodes: OutlineNode[], key: string): OutlineNode | undefined {
  for (const n of nodes) {
    if (n.usageKey === key) return n;
    const c = find(n.children, key);
    if (c) return c;
  }
  return undefined;
}

beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

describe("studio draft and publish", () => {
  it("builds an outline in the working copy, publishes it whole, and learners see only published content", async () => {
    const me = await author();
    const c = await newCourse(me.id);
    const w = { courseId: c.courseId, userId: me.id };
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: c.root, blockType: "chapter", displayName: "Week 1" });
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential", displayName: "Lesson" });
    const u1 = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Unit A" });
    const u2 = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Unit B", position: 0 });
    expect(u1.usageKey).toMatch(/\+type@vertical\+block@[0-9a-f]{32}$/);
    await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: u1.usageKey, blockType: "html" });

    let o = await getStudioOutline({ courseId: c.courseId });
    expect(o.state).toBe("draft");
    expect(o.sections.map((s) => s.displayName)).toEqual(["Week 1"]);
    expect(o.sections[0].children[0].children.map((u) => u.displayName)).toEqual(["Unit B", "Unit A"]);
    expect(find(o.sections, u1.usageKey)!.componentCount).toBe(1);
    expect(o.assignmentTypes).toContain("Homework");
    const course0 = (await getCourseByKey({ courseKey: c.courseKey }))!;
    expect(course0.publishedVersionId).toBeNull();

    const { versionId } = await svc.publish({ ...w });
    o = await getStudioOutline({ courseId: c.courseId });
    expect(o.state).toBe("published");
    expect(find(o.sections, u1.usageKey)!.state).toBe("published");
    const course1 = (await getCourseByKey({ courseKey: c.courseKey }))!;
    expect(course1.publishedVersionId).toBe(versionId);
    expect(course1.draftVersionId).not.toBe(versionId);
    const pubBlocks = await listBlocks({ versionId });
    expect(pubBlocks.map((b) => b.blockType).sort()).toEqual(["chapter", "course", "html", "sequential", "vertical", "vertical"]);

    // an edit changes the draft only; states propagate up
    const { revision } = await svc.renameItem({ ...w, usageKey: u2.usageKey, displayName: "Unit B (edited)" });
    expect(revision).toMatch(/^[0-9a-f]{64}$/);
    o = await getStudioOutline({ courseId: c.courseId });
    expect(find(o.sections, u2.usageKey)!.state).toBe("changed");
    expect(find(o.sections, u1.usageKey)!.state).toBe("published");
    expect(find(o.sections, sub.usageKey)!.state).toBe("changed");
    expect(o.state).toBe("changed");
    expect((await getBlock({ versionId, usageKey: u2.usageKey }))!.displayName).toBe("Unit B");
  });

  it("publishes one unit: a new version with that unit replaced, ancestors never published brought in", async () => {
    const me = await author();
    const c = await newCourse(me.id);
    const w = { courseId: c.courseId, userId: me.id };
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: c.root, blockType: "chapter" });
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
    const u1 = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "One" });
    const u2 = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Two" });
    const { versionId: v1 } = await svc.publish({ ...w, usageKey: u1.usageKey });
    let keys = (await listBlocks({ versionId: v1 })).map((b) => b.usageKey);
    expect(keys).toContain(u1.usageKey);
    expect(keys).toContain(sub.usageKey);
    expect(keys).not.toContain(u2.usageKey);
    let o = await getStudioOutline({ courseId: c.courseId });
    expect(find(o.sections, u1.usageKey)!.state).toBe("published");
    expect(find(o.sections, u2.usageKey)!.state).toBe("draft");
    expect(find(o.sections, sub.usageKey)!.state).toBe("changed");

    await svc.renameItem({ ...w, usageKey: u1.usageKey, displayName: "One v2" });
    const { versionId: v2 } = await svc.publish({ ...w, usageKey: u2.usageKey });
    const v2rows = await listBlocks({ versionId: v2 });
    keys = v2rows.map((b) => b.usageKey);
    expect(keys).toContain(u2.usageKey);
    // u1's rename was not published with u2
    expect(v2rows.find((b) => b.usageKey === u1.usageKey)!.displayName).toBe("One");
    // order in the published subsection follows the draft
    const kids = v2rows.filter((b) => b.parentUsageKey === sub.usageKey).sort((a, b) => a.position - b.position);
    expect(kids.map((b) => b.usageKey)).toEqual([u1.usageKey, u2.usageKey]);
    // the previous version is unchanged (immutable)
    expect((await listBlocks({ versionId: v1 })).map((b) => b.usageKey)).not.toContain(u2.usageKey);
    o = await getStudioOutline({ courseId: c.courseId });
    expect(find(o.sections, u2.usageKey)!.state).toBe("published");
    expect(find(o.sections, u1.usageKey)!.state).toBe("changed");
    await svc.publish({ ...w, usageKey: sec.usageKey });
    o = await getStudioOutline({ courseId: c.courseId });
    expect(o.state).toBe("published");
  });

  it("subsection dates, grading and visibility flow down to units and components, also after a move", async () => {
    const me = await author();
    const c = await newCourse(me.id);
    const w = { courseId: c.courseId, userId: me.id };
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: c.root, blockType: "chapter" });
    const s1 = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
    const s2 = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
    const u = await svc.addOutlineItem({ ...w, parentUsageKey: s1.usageKey, blockType: "vertical" });
    const p = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: u.usageKey, blockType: "problem" });
    await svc.updateSubsectionSettings({ ...w, usageKey: s1.usageKey, start: "2999-01-01T00:00:00Z", due: "2999-02-01T00:00:00Z", format: "Homework", visibleToStaffOnly: true });
    const draftId = (await getCourseByKey({ courseKey: c.courseKey }))!.draftVersionId!;
    let prob = (await getBlock({ versionId: draftId, usageKey: p.usageKey }))!;
    expect(prob.settings).toMatchObject({ start: "2999-01-01T00:00:00.000Z", due: "2999-02-01T00:00:00.000Z", graded: true, visible_to_staff_only: true });
    const o = await getStudioOutline({ courseId: c.courseId });
    const n = find(o.sections, s1.usageKey)!;
    expect(n).toMatchObject({ format: "Homework", graded: true, visibleToStaffOnly: true, releasedInFuture: true, due: "2999-02-01T00:00:00.000Z" });
    expect(find(o.sections, u.usageKey)!.releasedInFuture).toBe(true);

    await svc.moveItem({ ...w, usageKey: u.usageKey, parentUsageKey: s2.usageKey, position: 0 });
    prob = (await getBlock({ versionId: draftId, usageKey: p.usageKey }))!;
    expect(prob.settings.start).toBe("2020-01-01T00:00:00.000Z");
    expect(prob.settings.due).toBeUndefined();
    expect(prob.settings.visible_to_staff_only).toBeUndefined();
    expect(prob.depth).toBe(4);
    await svc.updateSubsectionSettings({ ...w, usageKey: s1.usageKey, start: null, due: null, format: null, visibleToStaffOnly: false });
    const s1row = (await getBlock({ versionId: draftId, usageKey: s1.usageKey }))!;
    expect(s1row.fields).not.toHaveProperty("format");
    expect(s1row.fields).not.toHaveProperty("graded");
  });

  it("refuses a stale save (conflict:block) and keeps the newer content", async () => {
    const me = await author();
    const c = await newCourse(me.id);
    const w = { courseId: c.courseId, userId: me.id };
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: c.root, blockType: "chapter" });
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
    const u = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical" });
    const h = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: u.usageKey, blockType: "html" });
    const base = (await getComponentEditorData({ courseId: c.courseId, usageKey: h.usageKey })).revision;
    const first = await svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: h.usageKey, baseRevision: base, content: { kind: "html", displayName: "Intro", html: "<p>first</p>" } });
    expect(first.revision).not.toBe(base);
    await expect(
      svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: h.usageKey, baseRevision: base, content: { kind: "html", displayName: "Intro", html: "<p>second</p>" } }),
    ).rejects.toMatchObject({ code: "conflict:block" });
    const now = await getComponentEditorData({ courseId: c.courseId, usageKey: h.usageKey });
    expect(now.html).toBe("<p>first</p>");
    expect(now.revision).toBe(first.revision);
    expect(now.olx).toContain('display_name="Intro"');

    // olx saves: validated, root tag must match, unknown attributes kept
    const p = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: u.usageKey, blockType: "problem" });
    const pr = (await getComponentEditorData({ courseId: c.courseId, usageKey: p.usageKey })).revision;
    await expect(svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: p.usageKey, baseRevision: pr, content: { kind: "olx", olx: "<problem><p>unclosed</problem>" } })).rejects.toMatchObject({
      code: "invalid:olx",
    });
    await expect(svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: p.usageKey, baseRevision: pr, content: { kind: "olx", olx: "<video/>" } })).rejects.toMatchObject({ code: "invalid:olx" });
    const olx = '<problem display_name="Q1" max_attempts="2" x-custom="kept"><multiplechoiceresponse><choicegroup type="MultipleChoice"><choice correct="true">A</choice><choice correct="false">B</choice></choicegroup></multiplechoiceresponse></problem>';
    await svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: p.usageKey, baseRevision: pr, content: { kind: "olx", olx, markdown: "( ) B\n(x) A" } });
    const pd = await getComponentEditorData({ courseId: c.courseId, usageKey: p.usageKey });
    expect(pd.displayName).toBe("Q1");
    expect(pd.markdown).toBe("( ) B\n(x) A");
    expect(pd.olx).toContain('x-custom="kept"');
    expect(pd.olx).toContain("<choice correct=\"true\">A</choice>");
    const unit = await getUnitEditorData({ courseId: c.courseId, unitUsageKey: u.usageKey });
    expect(unit.components.map((x) => x.blockType)).toEqual(["html", "problem"]);
    expect(unit.liveUrl).toBeNull();
  });

  it("duplicates, deletes and discards changes of a unit", async () => {
    const me = await author();
    const c = await newCourse(me.id);
    const w = { courseId: c.courseId, userId: me.id };
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: c.root, blockType: "chapter" });
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
    const u = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Orig" });
    const h = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: u.usageKey, blockType: "html" });
    const dup = await svc.duplicateItem({ ...w, usageKey: sec.usageKey });
    let o = await getStudioOutline({ courseId: c.courseId });
    expect(o.sections.map((s) => s.usageKey)).toEqual([sec.usageKey, dup.usageKey]);
    expect(o.sections[1].displayName).toMatch(/^Duplicate of/);
    expect(o.sections[1].children[0].children[0].componentCount).toBe(1);
    expect(o.sections[1].children[0].children[0].usageKey).not.toBe(u.usageKey);
    const { removed } = await svc.deleteItem({ ...w, usageKey: dup.usageKey });
    expect(removed).toBe(4);
    o = await getStudioOutline({ courseId: c.courseId });
    expect(o.sections).toHaveLength(1);

    await svc.publish({ ...w });
    const base = (await getComponentEditorData({ courseId: c.courseId, usageKey: h.usageKey })).revision;
    await svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: h.usageKey, baseRevision: base, content: { kind: "html", displayName: "Changed", html: "<p>new</p>" } });
    // a changed component alone marks its unit, subsection, section and course changed
    o = await getStudioOutline({ courseId: c.courseId });
    expect([find(o.sections, u.usageKey)!.state, find(o.sections, sub.usageKey)!.state, o.sections[0].state, o.state]).toEqual(["changed", "changed", "changed", "changed"]);
    await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: u.usageKey, blockType: "problem" });
    await svc.renameItem({ ...w, usageKey: u.usageKey, displayName: "Renamed" });
    o = await getStudioOutline({ courseId: c.courseId });
    expect(find(o.sections, u.usageKey)!.state).toBe("changed");
    await svc.discardChanges({ ...w, usageKey: u.usageKey });
    o = await getStudioOutline({ courseId: c.courseId });
    expect(find(o.sections, u.usageKey)).toMatchObject({ state: "published", displayName: "Orig", componentCount: 1 });
    expect(o.state).toBe("published");
    const hd = await getComponentEditorData({ courseId: c.courseId, usageKey: h.usageKey });
    expect(hd.html).not.toBe("<p>new</p>");
  });

  it("refuses a duplicate course key and gives fields errors", async () => {
    const me = await author();
    const c = await newCourse(me.id);
    await expect(svc.createCourse({ org: c.org, number: "CS1", run: "2026", displayName: "Again", start: new Date(), userId: me.id })).rejects.toMatchObject({ code: "conflict:course" });
  });

  it("an imported course with drafts/: the draft version is the working copy, its draft unit shows as draft and publishes", async () => {
    const me = await author();
    const draftUnit: OlxBlock = {
      type: "vertical",
      urlName: "dv1",
      fields: { display_name: "Draft unit", parent_url: "block-v1:X+C101+2026+type@sequential+block@seq2", index_in_children_list: "1" },
      settings: { display_name: "Draft unit" },
      children: [{ type: "html", urlName: "dh1", fields: { display_name: "Draft html" }, settings: {}, children: [], definition: "<p>draft</p>" }],
    };
    const oc = makeCourse({ drafts: [draftUnit] });
    const imported = await importOlxCourse({ course: oc, createdBy: me.id });
    expect(imported.draftVersionId).not.toBeNull();
    const dvKey = `block-v1:${oc.org}+C101+2026+type@vertical+block@dv1`;
    let o = await getStudioOutline({ courseId: imported.courseId });
    expect(find(o.sections, dvKey)!.state).toBe("draft");
    expect(find(o.sections, `block-v1:${oc.org}+C101+2026+type@vertical+block@v1`)!.state).toBe("published");
    const w = { courseId: imported.courseId, userId: me.id };
    await svc.publish({ ...w, usageKey: dvKey });
    o = await getStudioOutline({ courseId: imported.courseId });
    expect(find(o.sections, dvKey)!.state).toBe("published");
    const course = (await getCourseByKey({ courseKey: oc.courseKey }))!;
    expect(course.draftVersionId).toBe(imported.draftVersionId);
    const pub = await listBlocks({ versionId: course.publishedVersionId! });
    expect(pub.find((b) => b.usageKey === dvKey)!.isDraft).toBe(false);
    expect((await getVersion({ id: course.publishedVersionId! }))!.parentId).toBe(imported.versionId);
  });

  it("an imported course without drafts gets its working copy on the first edit; the published version is untouched", async () => {
    const me = await author();
    const oc = makeCourse();
    const imported = await importOlxCourse({ course: oc, createdBy: me.id });
    expect(imported.draftVersionId).toBeNull();
    const before = await listBlocks({ versionId: imported.versionId });
    let o = await getStudioOutline({ courseId: imported.courseId });
    expect(o.state).toBe("published");
    const v1 = `block-v1:${oc.org}+C101+2026+type@vertical+block@v1`;
    await svc.renameItem({ courseId: imported.courseId, userId: me.id, usageKey: v1, displayName: "Renamed" });
    const [row] = await getDb().select().from(courses).where(eq(courses.id, imported.courseId));
    expect(row.draftVersionId).not.toBeNull();
    expect(row.publishedVersionId).toBe(imported.versionId);
    expect(await listBlocks({ versionId: imported.versionId })).toEqual(before);
    o = await getStudioOutline({ courseId: imported.courseId });
    expect(find(o.sections, v1)!.state).toBe("changed");
    const draftRows = await getDb().select().from(courseBlocks).where(eq(courseBlocks.versionId, row.draftVersionId!));
    expect(draftRows.find((b) => b.usageKey === v1)!.displayName).toBe("Renamed");
  });
});
