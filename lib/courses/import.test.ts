// Integration tests of the importer on the real MariaDB (hand-built OlxCourse objects; the demo
// course is covered in demo-course.test.ts).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getContentStore } from "@/lib/content";
import { getDb } from "@/lib/db";
import { courses } from "@/lib/db/schema";
import { applyDrafts, importOlxCourse, parseOlxDate, parseParentUrl } from "./import";
import { createUser, makeCourse, snapshotCourse } from "./test-helpers";

describe("importOlxCourse", () => {
  it("writes the course row, an immutable version, the block index, assets and documents", async () => {
    const course = makeCourse();
    const res = await importOlxCourse({ course });
    expect(res.courseKey).toBe(course.courseKey);
    expect(res.blocks).toEqual({ course: 1, chapter: 2, sequential: 2, vertical: 3, html: 3, problem: 1, video: 1, poll: 1 });
    expect(res.warnings).toContain("made by hand");
    expect(res.created).toBe(true);

    const snap = (await snapshotCourse(course.courseKey))!;
    expect(snap.course.publishedVersionId).toBe(res.versionId);
    expect(snap.course.draftVersionId).toBeNull();
    expect(snap.course).toMatchObject({
      displayName: "Hand-made course",
      org: course.org,
      number: "C101",
      run: "2026",
      shortDescription: "A short description.",
      effort: "4 hours/week",
      courseImage: "images/logo.png",
      catalogVisibility: "about",
      selfPaced: true,
      invitationOnly: false,
    });
    expect(snap.course.start?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(snap.course.enrollmentStart?.toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(snap.versions).toHaveLength(1);
    expect(snap.versions[0]).toMatchObject({ source: "import", parentId: null, blockCount: 14, rootUsageKey: `block-v1:${course.org}+C101+2026+type@course+block@2026` });
    expect(snap.versions[0].gradingPolicy).toEqual(course.gradingPolicy);

    const byName = new Map(snap.blocks.map((b) => [b.urlName, b]));
    const k = (t: string, n: string) => `block-v1:${course.org}+C101+2026+type@${t}+block@${n}`;
    expect(byName.get("v2")).toMatchObject({ parentUsageKey: k("sequential", "seq1"), position: 1, depth: 3, blockType: "vertical" });
    expect(byName.get("vid1")).toMatchObject({ parentUsageKey: k("vertical", "v2"), position: 0, depth: 4, displayName: "video vid1" });
    expect(byName.get("seq1")!.settings).toMatchObject({ graded: true, format: "Homework" });
    expect(byName.get("ch1")!.definitionHash).toBeNull();
    // bodies are in the store, addressed by hash; identical bodies share one blob
    const store = getContentStore();
    expect(await store.getText(byName.get("h1")!.definitionHash!)).toContain("Hello <b>world</b>");
    expect(byName.get("h2")!.definitionHash).toBe(byName.get("h3")!.definitionHash);
    expect(await store.getText(byName.get("vid1")!.definitionHash!)).toBe('<video youtube_id_1_0="abc" display_name="Intro"/>');
    // blocks are stored in pre-order
    expect(snap.blocks.map((b) => b.urlName).slice(0, 6)).toEqual(["2026", "ch1", "seq1", "v1", "h1", "p1"]);

    expect(snap.assets).toHaveLength(1);
    expect(snap.assets[0]).toMatchObject({ path: "images/logo.png", contentType: "image/png", size: 4, locked: false });
    expect((await store.getBuffer(snap.assets[0].hash)).equals(course.assets[0].data)).toBe(true);
    expect(snap.documents.map((d) => d.path).sort()).toEqual(["about/effort.html", "about/short_description.html", "info/updates.html"]);
  });

  it("imports html that carries <script> as authored, with a warning naming the component", async () => {
    const body = '<p>Hi</p><SCRIPT type="text/javascript">window.x = 1;</SCRIPT>';
    const course = makeCourse({ htmlBody: body });
    const res = await importOlxCourse({ course });
    const key = `block-v1:${course.org}+C101+2026+type@html+block@h1`;
    const scriptWarnings = res.warnings.filter((w) => w.includes("<script>"));
    expect(scriptWarnings).toHaveLength(1);
    expect(scriptWarnings[0]).toContain(`html component ${key}`);
    const snap = (await snapshotCourse(course.courseKey))!;
    const h1 = snap.blocks.find((b) => b.urlName === "h1")!;
    expect(await getContentStore().getText(h1.definitionHash!)).toBe(body);
  });

  it("marks problems that lib/capa cannot run, and keeps blocks lib/olx flagged", async () => {
    const course = makeCourse();
    const v2 = course.root.children[0].children[0].children[1];
    v2.children[1].unsupportedReason = "The poll component is not supported yet";
    const vertical = course.root.children[0].children[0].children[0];
    vertical.children.push({
      type: "problem",
      urlName: "py1",
      fields: {},
      settings: {},
      children: [],
      definition: '<problem><customresponse cfn="check"><script type="loncapa/python">def check(e, a): return True</script><textline/></customresponse></problem>',
    });
    vertical.children.push({
      type: "problem",
      urlName: "img1",
      fields: {},
      settings: {},
      children: [],
      definition: '<problem><imageresponse><imageinput src="x.png" rectangle="(1,1)-(2,2)"/></imageresponse></problem>',
    });
    await importOlxCourse({ course });
    const snap = (await snapshotCourse(course.courseKey))!;
    const byName = new Map(snap.blocks.map((b) => [b.urlName, b]));
    expect(byName.get("poll1")!.unsupportedReason).toBe("The poll component is not supported yet");
    // Python-scripted problems run in the sandbox (lib/sandbox): supported; an image-click one
    // whose image has no size is not.
    expect(byName.get("py1")!.unsupportedReason).toBeNull();
    expect(byName.get("img1")!.unsupportedReason).toMatch(/image input \(imageinput\) needs a positive whole-number width/);
    expect(byName.get("h1")!.unsupportedReason).toBeNull();
  });

  it("re-import creates a new version whose parent is the previous published one and leaves the old rows alone", async () => {
    const first = makeCourse();
    const r1 = await importOlxCourse({ course: first });
    const before = (await snapshotCourse(first.courseKey))!;
    const second = makeCourse({ org: first.org, title: "Renamed", htmlBody: "<p>changed</p>" });
    const r2 = await importOlxCourse({ course: second });
    expect(r2.created).toBe(false);
    expect(r2.versionId).not.toBe(r1.versionId);
    const after = (await snapshotCourse(first.courseKey))!;
    expect(after.course.id).toBe(before.course.id);
    expect(after.course.publishedVersionId).toBe(r2.versionId);
    expect(after.course.displayName).toBe("Renamed");
    expect(after.versions.map((v) => [v.id, v.parentId])).toEqual([
      [r1.versionId, null],
      [r2.versionId, r1.versionId],
    ]);
    const oldRows = after.blocks.filter((b) => b.versionId === r1.versionId);
    expect(oldRows).toEqual(before.blocks);
    const h1new = after.blocks.find((b) => b.versionId === r2.versionId && b.urlName === "h1")!;
    const h1old = oldRows.find((b) => b.urlName === "h1")!;
    expect(h1new.definitionHash).not.toBe(h1old.definitionHash);
  });

  it("skipUnchanged: re-importing the same content writes nothing; any change, or a plain import, makes a new version", async () => {
    const first = makeCourse();
    const r1 = await importOlxCourse({ course: first, skipUnchanged: true });
    expect(r1).toMatchObject({ created: true, unchanged: false });
    const before = (await snapshotCourse(first.courseKey))!;
    // The same content, read afresh (new objects, same blocks, assets and documents).
    const again = await importOlxCourse({ course: makeCourse({ org: first.org }), skipUnchanged: true });
    expect(again).toMatchObject({ versionId: r1.versionId, created: false, unchanged: true });
    expect(await snapshotCourse(first.courseKey)).toEqual(before);
    // One changed html body is a change.
    const changed = await importOlxCourse({ course: makeCourse({ org: first.org, htmlBody: "<p>changed</p>" }), skipUnchanged: true });
    expect(changed.unchanged).toBe(false);
    expect(changed.versionId).not.toBe(r1.versionId);
    // --owner on an unchanged import still makes its user an instructor (and writes nothing else).
    const owner = await createUser("ownu");
    const same = await importOlxCourse({ course: makeCourse({ org: first.org, htmlBody: "<p>changed</p>" }), skipUnchanged: true, ownerUsername: owner.username });
    expect(same).toMatchObject({ versionId: changed.versionId, unchanged: true });
    const withOwner = (await snapshotCourse(first.courseKey))!;
    expect(withOwner.roles.map((r) => [r.userId, r.role])).toContainEqual([owner.id, "instructor"]);
    expect(withOwner.versions).toHaveLength(2);
    // Without skipUnchanged, the same content still makes a new version (Studio's re-import).
    const plain = await importOlxCourse({ course: makeCourse({ org: first.org, htmlBody: "<p>changed</p>" }) });
    expect(plain.unchanged).toBe(false);
    expect(plain.versionId).not.toBe(changed.versionId);
    expect((await snapshotCourse(first.courseKey))!.versions).toHaveLength(3);
  });

  it("a failure after the blobs are written, or just before commit, leaves MySQL exactly as it was", async () => {
    const fresh = makeCourse();
    await expect(importOlxCourse({ course: fresh, testHooks: { afterBlobs: () => { throw new Error("injected after blobs"); } } })).rejects.toThrow("injected after blobs");
    expect(await snapshotCourse(fresh.courseKey)).toBeNull();
    await expect(importOlxCourse({ course: fresh, testHooks: { beforeCommit: () => { throw new Error("injected before commit"); } } })).rejects.toThrow("injected before commit");
    expect(await snapshotCourse(fresh.courseKey)).toBeNull();

    await importOlxCourse({ course: fresh });
    const before = await snapshotCourse(fresh.courseKey);
    const next = makeCourse({ org: fresh.org, title: "Should not land" });
    await expect(importOlxCourse({ course: next, testHooks: { beforeCommit: () => { throw new Error("boom"); } } })).rejects.toThrow("boom");
    expect(await snapshotCourse(fresh.courseKey)).toEqual(before);
  });

  it("--owner gives the user the instructor role; an unknown owner writes nothing", async () => {
    const course = makeCourse();
    await expect(importOlxCourse({ course, ownerUsername: "nobody-like-this" })).rejects.toThrow(/No user named "nobody-like-this"/);
    expect(await snapshotCourse(course.courseKey)).toBeNull();
    const owner = await createUser("own");
    await importOlxCourse({ course, ownerUsername: owner.username, createdBy: owner.id });
    // again: the role is not duplicated
    await importOlxCourse({ course, ownerUsername: owner.username.toUpperCase() });
    const snap = (await snapshotCourse(course.courseKey))!;
    expect(snap.roles.map((r) => [r.userId, r.role])).toEqual([[owner.id, "instructor"]]);
    expect(snap.course.createdBy).toBe(owner.id);
    expect(snap.versions[0].authorId).toBe(owner.id);
  });

  it("an author who creates a course by importing it becomes its instructor", async () => {
    const author = await createUser("creator", { canCreateCourses: true });
    const course = makeCourse();
    await importOlxCourse({ course, createdBy: author.id });
    const snap = (await snapshotCourse(course.courseKey))!;
    expect(snap.roles.map((r) => [r.userId, r.role])).toEqual([[author.id, "instructor"]]);
    // a later import by someone else adds no role for them
    const other = await createUser("other", { isAdmin: true });
    await importOlxCourse({ course: makeCourse({ org: course.org }), createdBy: other.id });
    expect((await snapshotCourse(course.courseKey))!.roles.map((r) => r.userId)).toEqual([author.id]);
  });

  it("drafts go to a separate draft version that is never published", async () => {
    const course = makeCourse({
      drafts: [
        {
          type: "vertical",
          urlName: "dv1",
          fields: { display_name: "Draft unit", parent_url: "block-v1:X+Y+Z+type@sequential+block@seq2", index_in_children_list: "0" },
          settings: { display_name: "Draft unit" },
          children: [{ type: "html", urlName: "dh1", fields: {}, settings: {}, children: [], definition: "<p>draft</p>" }],
          isDraft: true,
        },
        {
          type: "vertical",
          urlName: "v1",
          fields: { display_name: "Edited unit", parent_url: "i4x://X/Y/sequential/seq1", index_in_children_list: "0" },
          settings: { display_name: "Edited unit" },
          children: [],
          isDraft: true,
        },
      ],
    });
    const res = await importOlxCourse({ course });
    expect(res.blocks.vertical).toBe(3);
    const snap = (await snapshotCourse(course.courseKey))!;
    expect(snap.course.draftVersionId).toBe(res.draftVersionId);
    const published = snap.blocks.filter((b) => b.versionId === res.versionId);
    const draft = snap.blocks.filter((b) => b.versionId === res.draftVersionId);
    expect(published.some((b) => b.isDraft)).toBe(false);
    expect(published.find((b) => b.urlName === "dv1")).toBeUndefined();
    const dv1 = draft.find((b) => b.urlName === "dv1")!;
    expect(dv1).toMatchObject({ isDraft: true, position: 0, parentUsageKey: expect.stringContaining("type@sequential+block@seq2") });
    expect(draft.find((b) => b.urlName === "dh1")).toMatchObject({ isDraft: true, parentUsageKey: dv1.usageKey });
    expect(draft.find((b) => b.urlName === "v1")).toMatchObject({ isDraft: true, displayName: "Edited unit" });
    expect(draft.find((b) => b.urlName === "h1")).toBeUndefined(); // replaced by the edited (empty) unit
    expect(snap.versions.find((v) => v.id === res.draftVersionId)!.parentId).toBe(res.versionId);
  });
});

describe("helpers", () => {
  it("parses Open edX dates (no zone = UTC) and parent_url forms", () => {
    expect(parseOlxDate("2016-07-17T12:00")?.toISOString()).toBe("2016-07-17T12:00:00.000Z");
    expect(parseOlxDate("2029-01-01T00:00:00+00:00")?.toISOString()).toBe("2029-01-01T00:00:00.000Z");
    expect(parseOlxDate('"2020-01-01T00:00:00Z"')?.toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(parseOlxDate("2020-01-01")?.toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(parseOlxDate("")).toBeNull();
    expect(parseOlxDate("not a date")).toBeNull();
    expect(parseParentUrl("i4x://Org/Num/sequential/abc")).toEqual({ type: "sequential", urlName: "abc" });
    expect(parseParentUrl("block-v1:O+N+R+type@vertical+block@x_y")).toEqual({ type: "vertical", urlName: "x_y" });
    expect(parseParentUrl("nonsense")).toBeNull();
  });

  it("applyDrafts warns about a draft whose parent is missing and does not touch the published tree", () => {
    const course = makeCourse();
    const warnings: string[] = [];
    const tree = applyDrafts(course.root, [{ type: "vertical", urlName: "lost", fields: { parent_url: "i4x://a/b/sequential/nope" }, settings: {}, children: [] }], warnings);
    expect(warnings[0]).toMatch(/drafts\/vertical\/lost\.xml/);
    expect(tree).not.toBe(course.root);
    expect(JSON.stringify(tree)).toBe(JSON.stringify(course.root));
  });

  it("the course row is not created when the course key is refused by authorize", async () => {
    const course = makeCourse();
    await expect(importOlxCourse({ course, authorize: () => { throw new Error("no"); } })).rejects.toThrow("no");
    expect(await getDb().select().from(courses).where(eq(courses.courseKey, course.courseKey))).toEqual([]);
  });
});
