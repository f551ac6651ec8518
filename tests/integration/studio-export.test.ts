// A course authored in Studio exports as OLX that Open edX Studio itself would write (a pointer
// file per block, policies/<run>/policy.json and grading_policy.json) and imports back here with
// the same tree, fields, settings and content.
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getContentStore } from "@/lib/content";
import { closeDb } from "@/lib/db";
import { getCourseByKey, listBlocks } from "@/lib/db/queries/courses";
import { exportCourse, importCourse, loadOlxCourse } from "@/lib/courses";
import { getVersion } from "@/lib/db/queries/courses";
import { createUser, uniq } from "@/lib/courses/test-helpers";
import { olxFiles, readOlx } from "@/lib/olx";
import * as svc from "@/lib/studio/service";
import { getComponentEditorData } from "@/lib/studio";

afterAll(async () => {
  await closeDb();
});

describe("export of a Studio-authored course", () => {
  it("writes Open edX OLX and re-imports with the same tree, fields, settings and content", async () => {
    const me = await createUser("ex", { canCreateCourses: true });
    const org = `E${uniq()}`;
    const c = await svc.createCourse({ org, number: "EX1", run: "2026_T1", displayName: "Export me", start: new Date("2026-01-05T00:00:00Z"), userId: me.id });
    const w = { courseId: c.courseId, userId: me.id };
    const root = `block-v1:${org}+EX1+2026_T1+type@course+block@2026_T1`;
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: root, blockType: "chapter", displayName: "Week <1> & \"intro\"" });
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential", displayName: "Homework 1" });
    await svc.updateSubsectionSettings({ ...w, usageKey: sub.usageKey, start: "2026-02-01T10:00:00Z", due: "2026-03-01T23:59:00Z", format: "Homework", visibleToStaffOnly: false });
    const unit = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Unit 1" });
    await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Staff notes" });
    const html = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "html" });
    const hrev = (await getComponentEditorData({ courseId: c.courseId, usageKey: html.usageKey })).revision;
    await svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: html.usageKey, baseRevision: hrev, content: { kind: "html", displayName: "Welcome", html: '<p>Hello &amp; <img src="/static/logo.png" alt="logo"/> <b>world</b></p>' } });
    const prob = await svc.addComponent({
      ...w,
      courseKey: c.courseKey,
      unitUsageKey: unit.usageKey,
      blockType: "problem",
      olx: '<problem display_name="Q1" max_attempts="3" weight="2" showanswer="finished"><multiplechoiceresponse><label>Pick</label><choicegroup type="MultipleChoice"><choice correct="true">A</choice><choice correct="false">B</choice></choicegroup></multiplechoiceresponse></problem>',
    });
    const video = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "video", olx: '<video display_name="Intro video" youtube_id_1_0="3_yD_cEKoCk"/>' });
    const disc = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "discussion" });
    const poll = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "poll", olx: '<poll question="Why?" feedback="thanks"/>' });
    const { versionId } = await svc.publish(w);

    // 1. The files Open edX Studio writes
    const course = (await getCourseByKey({ courseKey: c.courseKey }))!;
    const olx = await loadOlxCourse({ course, version: (await getVersion({ id: versionId }))! });
    const files = olxFiles(olx);
    const names = [...files.keys()];
    const url = (k: string) => k.slice(k.lastIndexOf("@") + 1);
    expect(files.get("course.xml")!.toString()).toBe(`<course url_name="2026_T1" org="${org}" course="EX1"/>\n`);
    for (const p of [
      "course/2026_T1.xml",
      "policies/2026_T1/policy.json",
      "policies/2026_T1/grading_policy.json",
      `chapter/${url(sec.usageKey)}.xml`,
      `sequential/${url(sub.usageKey)}.xml`,
      `vertical/${url(unit.usageKey)}.xml`,
      `html/${url(html.usageKey)}.xml`,
      `html/${url(html.usageKey)}.html`,
      `problem/${url(prob.usageKey)}.xml`,
      `video/${url(video.usageKey)}.xml`,
    ]) {
      expect(names).toContain(p);
    }
    const policy = JSON.parse(files.get("policies/2026_T1/policy.json")!.toString()) as Record<string, Record<string, unknown>>;
    expect(policy["course/2026_T1"]).toMatchObject({ display_name: "Export me", start: "2026-01-05T00:00:00Z" });
    expect(JSON.parse(files.get("policies/2026_T1/grading_policy.json")!.toString()).GRADER.map((g: { type: string }) => g.type)).toContain("Homework");
    expect(files.get(`course/2026_T1.xml`)!.toString()).toContain(`<chapter url_name="${url(sec.usageKey)}"/>`);
    expect(files.get(`sequential/${url(sub.usageKey)}.xml`)!.toString()).toMatch(/format="Homework"/);
    expect(files.get(`vertical/${url(unit.usageKey)}.xml`)!.toString()).toContain(`<poll url_name="${url(poll.usageKey)}" question="Why?" feedback="thanks"/>`);
    expect(files.get(`vertical/${url(unit.usageKey)}.xml`)!.toString()).toContain(`<discussion url_name="${url(disc.usageKey)}"`);

    // 2. lib/olx reads the export back to the same model
    const dir = await mkdtemp(path.join(tmpdir(), "studio-export-"));
    try {
      const tar = path.join(dir, "course.tar.gz");
      await exportCourse({ courseKey: c.courseKey, out: createWriteStream(tar) });
      await expect(readFile(tar)).resolves.toBeInstanceOf(Buffer);
      const reread = await readOlx(tar);
      expect(reread.warnings).toEqual([]);
      expect(reread.courseKey).toBe(c.courseKey);

      // 3. Re-import: a new version whose blocks match the published one field for field
      const before = await listBlocks({ versionId });
      const imported = await importCourse({ source: tar, createdBy: me.id });
      expect(imported.courseKey).toBe(c.courseKey);
      const after = await listBlocks({ versionId: imported.versionId });
      const shape = (rows: typeof before) =>
        rows
          .map((b) => ({
            usageKey: b.usageKey,
            blockType: b.blockType,
            parent: b.parentUsageKey,
            position: b.position,
            depth: b.depth,
            displayName: b.displayName,
            fields: b.fields,
            settings: b.settings,
            definitionHash: b.definitionHash,
            contentHash: b.contentHash,
          }))
          .sort((a, b) => (a.usageKey < b.usageKey ? -1 : 1));
      expect(shape(after)).toEqual(shape(before));
      // and exporting the re-imported version gives the same files
      const again = olxFiles(await loadOlxCourse({ course: (await getCourseByKey({ courseKey: c.courseKey }))!, version: (await getVersion({ id: imported.versionId }))! }));
      expect([...again.keys()]).toEqual(names);
      for (const [p, data] of files) expect({ p, text: again.get(p)?.toString() }).toEqual({ p, text: data.toString() });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes unpublished Studio work under drafts/, and importing the export gives back both the published course and the draft", async () => {
    const me = await createUser("exd", { canCreateCourses: true });
    const org = `D${uniq()}`;
    const c = await svc.createCourse({ org, number: "EXD", run: "R1", displayName: "Drafts", start: new Date("2026-01-05T00:00:00Z"), userId: me.id });
    const w = { courseId: c.courseId, userId: me.id };
    const root = `block-v1:${org}+EXD+R1+type@course+block@R1`;
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: root, blockType: "chapter", displayName: "Week 1" });
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential", displayName: "Lesson" });
    const unit = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Published unit" });
    const html = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "html" });
    const save = async (text: string) => {
      const rev = (await getComponentEditorData({ courseId: c.courseId, usageKey: html.usageKey })).revision;
      await svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: html.usageKey, baseRevision: rev, content: { kind: "html", displayName: "Notes", html: text } });
    };
    await save("<p>published text</p>");
    const { versionId: publishedId } = await svc.publish(w);
    // unpublished work: an edit to the published unit and a unit that was never published
    await save("<p>edited, not yet published</p>");
    const fresh = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "New unit" });
    const url = (k: string) => k.slice(k.lastIndexOf("@") + 1);

    const course = (await getCourseByKey({ courseKey: c.courseKey }))!;
    const files = olxFiles(await loadOlxCourse({ course, version: (await getVersion({ id: publishedId }))! }));
    expect(files.get(`html/${url(html.usageKey)}.html`)!.toString()).toContain("published text");
    expect(files.get(`drafts/html/${url(html.usageKey)}.html`)!.toString()).toContain("edited, not yet published");
    expect(files.get(`drafts/vertical/${url(unit.usageKey)}.xml`)!.toString()).toMatch(/parent_url="[^"]*type@sequential[^"]*" index_in_children_list="0"|index_in_children_list="0"[^>]*parent_url=/);
    expect(files.get(`drafts/vertical/${url(fresh.usageKey)}.xml`)!.toString()).toContain('index_in_children_list="1"');

    const dir = await mkdtemp(path.join(tmpdir(), "studio-export-drafts-"));
    try {
      const tar = path.join(dir, "course.tar.gz");
      await exportCourse({ courseKey: c.courseKey, out: createWriteStream(tar) });
      const imported = await importCourse({ source: tar, createdBy: me.id });
      expect(imported.draftVersionId).not.toBeNull();
      const pub = await listBlocks({ versionId: imported.versionId });
      const draft = await listBlocks({ versionId: imported.draftVersionId! });
      const defOf = async (rows: typeof pub, key: string) => {
        const h = rows.find((r) => r.usageKey === key)?.definitionHash;
        return h ? getContentStore().getText(h) : null;
      };
      expect(await defOf(pub, html.usageKey)).toContain("published text");
      expect(await defOf(draft, html.usageKey)).toContain("edited, not yet published");
      expect(pub.some((r) => r.usageKey === fresh.usageKey)).toBe(false);
      const children = draft.filter((r) => r.parentUsageKey === sub.usageKey).sort((a, b) => a.position - b.position).map((r) => r.displayName);
      expect(children).toEqual(["Published unit", "New unit"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
