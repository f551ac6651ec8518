// Synthetic courses for the edge cases listed in docs/olx.md (§1–§9, §11).
import { createWriteStream, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readOlx, walkBlocks, writeOlxArchive, type OlxBlock, type OlxCourse } from "./index";
import { makeTar, entriesOf, minimalCourse, tempDir, writeTree } from "./test-support";
import { releaseSpills } from "./source";

// archives read here leave assets in spill folders until their course is disposed
afterAll(releaseSpills);

const read = async (files: Record<string, string | Buffer>) => readOlx(await writeTree(files));

function find(c: OlxCourse | OlxBlock, type: string, urlName: string): OlxBlock {
  const root = "root" in c ? c.root : c;
  for (const { block } of walkBlocks(root)) if (block.type === type && block.urlName === urlName) return block;
  throw new Error(`${type}/${urlName} not found`);
}

async function roundTrip(c: OlxCourse): Promise<{ again: OlxCourse; first: Buffer; second: Buffer }> {
  const dir = tempDir("olx-edge-rt-");
  const a = path.join(dir, "a.tar.gz");
  await writeOlxArchive(c, createWriteStream(a));
  const again = await readOlx(a);
  const b = path.join(dir, "b.tar.gz");
  await writeOlxArchive(again, createWriteStream(b));
  return { again, first: readFileSync(a), second: readFileSync(b) };
}

const strip = (c: OlxCourse) => ({
  blocks: [...walkBlocks(c.root)].map(({ block: b, depth, position }) => ({ t: b.type, u: b.urlName, depth, position, f: b.fields, s: b.settings, d: b.definition, r: b.unsupportedReason })),
  drafts: c.drafts.flatMap((d) => [...walkBlocks(d)].map(({ block: b }) => ({ t: b.type, u: b.urlName, f: b.fields, s: b.settings, d: b.definition, draft: b.isDraft }))),
  assets: c.assets.map((a) => ({ p: a.path, l: a.locked, t: a.contentType, n: a.size })),
  docs: c.documents.map((d) => [d.path, d.kind, d.data.toString("base64")]),
  gp: c.gradingPolicy,
});

describe("course root (olx.md §1)", () => {
  it("reads a run named `course` from course/course.xml and policies/course/", async () => {
    const c = await read({
      "course.xml": `<course url_name="course" org="Org" course="C1"/>`,
      "course/course.xml": `<course display_name="XML name"/>`,
      "policies/course/policy.json": `{"course/course": {"display_name": "Policy name"}}`,
    });
    expect(c.courseKey).toBe("course-v1:Org+C1+course");
    expect(c.root.fields.display_name).toBe("Policy name");
  });

  it("reads a legacy inline course in course.xml with slug, and the legacy policies/<run>.json", async () => {
    const c = await read({
      "course.xml": `<course org="MITx" course="6.002x" slug="2012_Fall" display_name="Circuits">\n  <chapter url_name="c1"/>\n</course>`,
      "chapter/c1.xml": `<chapter display_name="One"/>`,
      "policies/2012_Fall.json": `{"course/2012_Fall": {"start": "2012-09-05T12:00"}, "chapter/c1": {"display_name": "Week 1"}}`,
      "policies/2012_Fall/policy_802x.json": `{"course/2012_Fall": {"display_name": "ignored"}}`,
    });
    expect(c.courseKey).toBe("course-v1:MITx+6.002x+2012_Fall");
    expect(c.root.fields.display_name).toBe("Circuits");
    expect(c.root.settings.start).toBe("2012-09-05T12:00:00.000Z");
    expect(find(c, "chapter", "c1").fields.display_name).toBe("Week 1");
  });

  it("reads a legacy course.xml pointer that names the run with slug", async () => {
    const c = await read({ ...minimalCourse(), "course.xml": `<course slug="2026" org="Test" course="T1"/>` });
    expect(c.courseKey).toBe("course-v1:Test+T1+2026");
    expect(c.root.children.map((b) => b.urlName)).toEqual(["ch1"]);
  });

  it("follows a course.xml symlink to roots/<run>.xml inside the export", async () => {
    const files = minimalCourse();
    const pointer = files["course.xml"];
    delete files["course.xml"];
    const dir = await writeTree({ ...files, "roots/2026.xml": pointer });
    symlinkSync("roots/2026.xml", path.join(dir, "course.xml"));
    const c = await readOlx(dir);
    expect(c.courseKey).toBe("course-v1:Test+T1+2026");
  });

  it("refuses a course.xml without org/course/url_name", async () => {
    await expect(read({ "course.xml": `<course url_name="x"/>` })).rejects.toThrow(/course\.xml:1: course\.xml must name org, course and url_name/);
  });

  it("reads a plain (not gzipped) tar with no top folder", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "c.tar"), await makeTar(entriesOf(minimalCourse(), ""), { gzip: false }));
    const c = await readOlx(path.join(dir, "c.tar"));
    expect(c.root.children[0].urlName).toBe("ch1");
  });

  it("keeps <wiki> and <textbook> as course fields, not blocks, and writes them back", async () => {
    const c = await read(minimalCourse({
      "course/2026.xml": `<course>\n  <chapter url_name="ch1"/>\n  <wiki slug="Test.T1.2026"/>\n  <textbook title="Book" book_url="https://example.org/book/"/>\n</course>`,
    }));
    expect(c.root.children.map((b) => b.type)).toEqual(["chapter"]);
    expect(c.root.settings.wiki_slug).toBe("Test.T1.2026");
    expect(c.root.settings.textbooks).toEqual([{ title: "Book", book_url: "https://example.org/book/" }]);
    const { again, first, second } = await roundTrip(c);
    expect(strip(again)).toEqual(strip(c));
    expect(first.equals(second)).toBe(true);
  });
});

describe("pointers, inline definitions and url_names (olx.md §1, §2)", () => {
  const files = minimalCourse({
    "course/2026.xml": `<course>\n  <chapter url_name="ch1"/>\n  <chapter url_name="secret:magic"/>\n</course>`,
    "chapter/secret/magic.xml": `<chapter display_name="From XML"><sequential url_name="seq2" display_name="Inline seq"><vertical url_name="v2"><html url_name="secret:toylab"/><html display_name="Intro text"><![CDATA[<p>a < b</p>]]> &amp; &nbsp;<b>bold</b></html><problem>\n<p>no name</p>\n</problem></vertical></sequential></chapter>`,
    "html/secret/toylab.xml": `<html filename="toylab.html" display_name="Toy lab"/>`,
    "html/secret/toylab.html": `<p>Toy <b>lab</p> unclosed & not XML`,
    "vertical/v1.xml": `<vertical>\n  <html url_name="h1"/>\n  <problem url_name="p1"/>\n  <poll url_name="poll1" display_name="Poll" answers="[[&quot;y&quot;, {&quot;label&quot;: &quot;Yes&quot;}]]" feedback="{not json}"/>\n  <poll url_name="poll2"/>\n  <discussion url_name="d1" discussion_id="fixed-id" discussion_category="Week 1"/>\n  <discussion url_name="d2" display_name="No id"/>\n</vertical>`,
    "policies/2026/policy.json": `{"course/2026": {}, "chapter/secret:magic": {"display_name": "From policy"}, "html/secret:toylab": {"visible_to_staff_only": true}}`,
  });

  it("resolves ':' in url_name to subfolders while the policy key keeps ':'", async () => {
    const c = await read(files);
    const magic = find(c, "chapter", "secret:magic");
    expect(magic.sourcePath).toBe("chapter/secret/magic.xml");
    expect(magic.fields.display_name).toBe("From policy");
    const toy = find(c, "html", "secret:toylab");
    expect(toy.definition).toBe(`<p>Toy <b>lab</p> unclosed & not XML`); // malformed HTML is fine
    expect(toy.settings.visible_to_staff_only).toBe(true);
    expect(toy.fields).toEqual({ display_name: "Toy lab", visible_to_staff_only: true });
  });

  it("treats elements with url_name plus other attributes as inline definitions", async () => {
    const c = await read(files);
    const seq = find(c, "sequential", "seq2");
    expect(seq.fields.display_name).toBe("Inline seq");
    expect(seq.children[0].urlName).toBe("v2");
    const poll = find(c, "poll", "poll1");
    expect(poll.definition).toBe(`<poll display_name="Poll" answers="[[&quot;y&quot;, {&quot;label&quot;: &quot;Yes&quot;}]]" feedback="{not json}"/>`);
    expect(poll.settings.answers).toEqual([["y", { label: "Yes" }]]);
    expect(poll.settings.feedback).toBe("{not json}"); // a String field stays a string
    expect(poll.unsupportedReason).toMatch(/not supported yet/);
  });

  it("keeps a bare pointer to a pure XBlock with no file, with a warning", async () => {
    const c = await read(files);
    const p2 = find(c, "poll", "poll2");
    expect(p2.fields).toEqual({});
    expect(p2.definition).toBe("<poll/>");
    expect(c.warnings.some((w) => w.includes(`<poll url_name="poll2"/> has no poll/poll2.xml`))).toBe(true);
  });

  it("reads inline html bodies with CDATA and entities, and names blocks without url_name", async () => {
    const c = await read(files);
    const v2 = find(c, "vertical", "v2");
    const [, inline, anon] = v2.children;
    expect(inline.urlName).toBe("Intro_text");
    expect(inline.definition).toBe(`<![CDATA[<p>a < b</p>]]> &amp; \u00a0<b>bold</b>`);
    expect(anon.urlName).toMatch(/^problem_[0-9a-f]{12}$/);
    const again = await read(files);
    expect(find(again, "vertical", "v2").children[2].urlName).toBe(anon.urlName); // stable across imports
  });

  it("derives discussion ids only when missing", async () => {
    const c = await read(files);
    expect(find(c, "discussion", "d1").settings.discussion_id).toBe("fixed-id");
    expect(find(c, "discussion", "d2").settings.discussion_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("round-trips ':' names, inline blocks and policies byte-identically", async () => {
    const c = await read(files);
    const { again, first, second } = await roundTrip(c);
    expect(strip(again)).toEqual(strip(c));
    expect(first.equals(second)).toBe(true);
  });

  it("loads a legacy `filename` on a non-html block from <tag>/<filename>.xml", async () => {
    const c = await read(minimalCourse({
      "chapter/ch1.xml": `<chapter>\n  <sequential filename="s_legacy" url_name="seqL" display_name="Legacy"/>\n</chapter>`,
      "sequential/s_legacy.xml": `<sequential format="Homework"><vertical url_name="v1"/></sequential>`,
    }));
    const s = find(c, "sequential", "seqL");
    expect(s.fields).toEqual({ format: "Homework", display_name: "Legacy" });
    expect(s.children[0].urlName).toBe("v1");
  });

  it("refuses an html pointer whose body file is missing", async () => {
    await expect(read(minimalCourse({ "html/h1.xml": `<html filename="nothere"/>` }))).rejects.toThrow(/missing html body html\/nothere\.html/);
  });

  it("warns about orphan files and does not import them", async () => {
    const c = await read(minimalCourse({ "chapter/orphan.xml": `<chapter display_name="Orphan"/>`, "problem/unused.xml": `<problem/>` }));
    expect(c.warnings.some((w) => /2 file\(s\) not reachable.*chapter\/orphan\.xml/.test(w))).toBe(true);
    expect(() => find(c, "chapter", "orphan")).toThrow();
  });

  it("keeps retired and unknown block types verbatim as unsupported", async () => {
    const c = await read(minimalCourse({
      "vertical/v1.xml": `<vertical>\n  <combinedopenended url_name="coe"/>\n  <poll_question url_name="pq" display_name="Q"><answer id="y">Yes</answer></poll_question>\n  <conditional url_name="cond" sources="i4x://A/B/poll_question/pq" poll_answer="y"><show sources="i4x://A/B/html/x"/><html url_name="shown" display_name="Shown">shown</html><problem url_name="p2"/></conditional>\n</vertical>`,
      "combinedopenended/coe.xml": `<combinedopenended max_score="1"><rubric/></combinedopenended>`,
      "problem/p2.xml": `<problem display_name="Inside conditional"/>`,
    }));
    expect(find(c, "combinedopenended", "coe").unsupportedReason).toMatch(/retired/);
    expect(find(c, "combinedopenended", "coe").definition).toBe(`<combinedopenended max_score="1"><rubric/></combinedopenended>`);
    expect(find(c, "poll_question", "pq").definition).toBe(`<poll_question display_name="Q"><answer id="y">Yes</answer></poll_question>`);
    const cond = find(c, "conditional", "cond");
    expect(cond.fields.show_tag_list).toEqual(["i4x://A/B/html/x"]);
    expect(cond.fields.sources).toBe("i4x://A/B/poll_question/pq");
    expect(cond.children.map((b) => [b.type, b.urlName])).toEqual([["html", "shown"], ["problem", "p2"]]);
    expect(cond.children[0].definition).toBe("shown");
    expect(cond.unsupportedReason).toBeUndefined(); // the LMS runs conditionals (a poll condition is never met)
    const { again } = await roundTrip(c);
    expect(strip(again)).toEqual(strip(c));
  });

  it("reads split_test group_id_to_child as JSON and its children as blocks", async () => {
    const c = await read(minimalCourse({
      "sequential/seq1.xml": `<sequential>\n  <split_test url_name="ab"/>\n</sequential>`,
      "split_test/ab.xml": `<split_test user_partition_id="7" group_id_to_child="{&quot;0&quot;: &quot;i4x://A/B/vertical/v1&quot;}">\n  <vertical url_name="v1"/>\n</split_test>`,
    }));
    const ab = find(c, "split_test", "ab");
    expect(ab.settings.group_id_to_child).toEqual({ "0": "i4x://A/B/vertical/v1" });
    expect(ab.settings.user_partition_id).toBe(7);
    expect(ab.children[0].type).toBe("vertical");
  });
});

describe("writer", () => {
  it("rejects (does not hang) when the output stream fails", async () => {
    const { Writable } = await import("node:stream");
    const c = await read(minimalCourse({ "static/big.bin": Buffer.alloc(2 * 1024 * 1024, 7) }));
    let n = 0;
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(++n > 1 ? new Error("disk full") : null);
      },
    });
    await expect(writeOlxArchive(c, out)).rejects.toThrow(/disk full/);
  });
});

describe("block-specific XML (olx.md §9)", () => {
  const files = minimalCourse({
    "vertical/v1.xml": `<vertical>\n  <video url_name="vid"/>\n  <discussion url_name="disc"/>\n</vertical>`,
    "video/vid.xml": `<video youtube="0.75:aaa,1.00:bbb" sub="bbb" html5_sources="[&quot;https://x.org/a.mp4&quot;]" transcripts="{&quot;es&quot;: &quot;es.srt&quot;}" start_time="00:00:10" download_video="true">\n  <source src="https://x.org/a.mp4"/>\n  <transcript language="es" src="es.srt"/>\n  <handout src="https://edge.edx.org/asset-v1:Other+X+Y+type@asset+block@h.pdf"/>\n</video>`,
    "discussion/disc.xml": `<discussion discussion_category="Week 1" discussion_target="Topic"/>`,
    "static/subs_bbb.srt.sjson": `{"start": [0], "end": [1000], "text": ["hi"]}`,
  });

  it("keeps the video element verbatim and decodes its JSON fields", async () => {
    const c = await read(files);
    const v = find(c, "video", "vid");
    expect(v.definition).toBe(files["video/vid.xml"]);
    expect(v.settings).toMatchObject({ youtube: "0.75:aaa,1.00:bbb", sub: "bbb", html5_sources: ["https://x.org/a.mp4"], transcripts: { es: "es.srt" }, start_time: "00:00:10", download_video: true });
    expect(c.assets.map((a) => a.path)).toContain("subs_bbb.srt.sjson");
  });

  it("reads a discussion from its own file (older exports) and writes it inline", async () => {
    const c = await read(files);
    const d = find(c, "discussion", "disc");
    expect(d.fields).toEqual({ discussion_category: "Week 1", discussion_target: "Topic" });
    expect(d.settings.discussion_id).toMatch(/^[0-9a-f]{32}$/);
    const { again } = await roundTrip(c);
    expect(strip(again)).toEqual(strip(c));
  });

  it("applies the limits to directory sources too", async () => {
    const dir = await writeTree(files);
    await expect(readOlx(dir, { maxFiles: 5 })).rejects.toThrow(/too many files \(more than 5\)/);
    await expect(readOlx(dir, { maxUnpackedBytes: 100 })).rejects.toThrow(/unpacked size exceeds/);
  });
});

describe("policies, grading and inheritance (olx.md §3–§5)", () => {
  const files = minimalCourse({
    "course/2026.xml": `<course start="2026-01-01T00:00" graceperiod="2 days 5 hours" showanswer="finished" advanced_modules="[&quot;poll&quot;]" display_name="[&quot;looks like JSON&quot;]" course_image="xml.png">\n  <chapter url_name="ch1"/>\n</course>`,
    "chapter/ch1.xml": `<chapter display_name="C" visible_to_staff_only="true" start="2026-02-01T00:00:00+00:00" hide_from_toc="true">\n  <sequential url_name="seq1"/>\n</chapter>`,
    "sequential/seq1.xml": `<sequential display_name="S" graded="true" format="Homework" due="2026-03-01T23:59:00Z" max_attempts="3" group_access="{&quot;50&quot;: [1, 2]}">\n  <vertical url_name="v1"/>\n</sequential>`,
    "vertical/v1.xml": `<vertical visible_to_staff_only="false">\n  <html url_name="h1"/>\n  <problem url_name="p1"/>\n</vertical>`,
    "html/h1.xml": `<html filename="h1" group_access="{&quot;50&quot;: [2, 3]}"/>`,
    "problem/p1.xml": `<problem max_attempts="5" weight="2.5" showanswer="never" rerandomize="always"><p>Q</p></problem>`,
    "policies/2026/policy.json": `{"course/2026": {"course_image": "policy.png", "days_early_for_beta": 2}, "sequential/seq1": {"due": "2026-03-02T00:00:00Z"}}`,
  });
  delete files["policies/2026/grading_policy.json"];

  it("lets policy.json win over XML attributes", async () => {
    const c = await read(files);
    expect(c.root.fields.course_image).toBe("policy.png");
    expect(find(c, "sequential", "seq1").settings.due).toBe("2026-03-02T00:00:00.000Z");
  });

  it("decodes attributes by field type (JSON only for List/Dict fields)", async () => {
    const c = await read(files);
    expect(c.root.settings.advanced_modules).toEqual(["poll"]);
    expect(c.root.settings.display_name).toBe(`["looks like JSON"]`);
    expect(c.root.settings.graceperiod).toBe("2 days 5 hours");
    expect(c.root.settings.start).toBe("2026-01-01T00:00:00.000Z"); // no zone → UTC
    expect(find(c, "chapter", "ch1").settings.start).toBe("2026-02-01T00:00:00.000Z");
    expect(find(c, "problem", "p1").settings.weight).toBe(2.5);
  });

  it("inherits start, due, graded, visible_to_staff_only, showanswer, max_attempts; not format, display_name, hide_from_toc", async () => {
    const c = await read(files);
    const h = find(c, "html", "h1").settings;
    expect(h).toMatchObject({
      start: "2026-02-01T00:00:00.000Z",
      due: "2026-03-02T00:00:00.000Z",
      graded: true,
      visible_to_staff_only: true, // a staff-only ancestor wins over the unit's "false"
      showanswer: "finished",
      max_attempts: 3,
      graceperiod: "2 days 5 hours",
      days_early_for_beta: 2,
    });
    expect(h.format).toBeUndefined();
    expect(h.display_name).toBeUndefined();
    expect(h.hide_from_toc).toBeUndefined();
    expect(find(c, "vertical", "v1").settings.display_name).toBeUndefined();
    const p = find(c, "problem", "p1").settings;
    expect(p).toMatchObject({ max_attempts: 5, showanswer: "never", rerandomize: "always", graded: true });
  });

  it("narrows group_access down the tree", async () => {
    const c = await read(files);
    expect(find(c, "vertical", "v1").settings.group_access).toEqual({ "50": [1, 2] });
    expect(find(c, "html", "h1").settings.group_access).toEqual({ "50": [2] });
  });

  it("leaves gradingPolicy null with a warning when grading_policy.json is missing", async () => {
    const c = await read(files);
    expect(c.gradingPolicy).toBeNull();
    expect(c.warnings.some((w) => w.includes("default grading policy"))).toBe(true);
  });

  it("reads the legacy root-level grading_policy.json, odd cutoffs and entries without counts", async () => {
    const c = await read({ ...files, "grading_policy.json": `{"GRADER": [{"type": "Homework", "name": "HW", "weight": 1}], "GRADE_CUTOFFS": {"C": 0.5999}}` });
    expect(c.gradingPolicy).toEqual({ GRADER: [{ type: "Homework", name: "HW", weight: 1 }], GRADE_CUTOFFS: { C: 0.5999 } });
  });

  it("names the file and line of invalid policy JSON", async () => {
    await expect(read({ ...files, "policies/2026/policy.json": `{\n  "course/2026": {,}\n}` })).rejects.toThrow(/policies\/2026\/policy\.json(:2)?: invalid JSON/);
  });

  it("round-trips inheritance and policies", async () => {
    const c = await read(files);
    const { again, first, second } = await roundTrip(c);
    expect(strip(again)).toEqual(strip(c));
    expect(first.equals(second)).toBe(true);
  });
});

describe("drafts, assets and documents (olx.md §6–§8)", () => {
  const files = minimalCourse({
    "sequential/seq1.xml": `<sequential due="2026-05-01T00:00:00Z">\n  <vertical url_name="v1"/>\n</sequential>`,
    "drafts/vertical/dv1.xml": `<vertical display_name="New draft unit" parent_url="block-v1:Test+T1+2026+type@sequential+block@seq1" index_in_children_list="1">\n  <html url_name="dh1"/>\n  <problem url_name="p1"/>\n</vertical>`,
    "drafts/html/dh1.xml": `<html filename="dh1" display_name="Draft text"/>`,
    "drafts/html/dh1.html": `<p>draft</p>`,
    "drafts/vertical/v1.xml": `<vertical display_name="Unit 1 (edited)" parent_url="i4x://Test/T1/sequential/seq1" index_in_children_list="0">\n  <html url_name="h1"/>\n</vertical>`,
    "drafts/problem/p1.xml": `<problem display_name="Draft Q"><p>new</p></problem>`,
    "static/images/my pic(1).png": Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    "static/handout.pdf": "%PDF-1.4",
    "static/subs_abc.srt.sjson": `{"start": [0], "end": [1], "text": ["hi"]}`,
    "policies/assets.json": JSON.stringify({ "images_my_pic_1_.png": { contentType: "image/png", locked: true, displayname: "my pic(1).png" } }),
    "about/overview.html": "<section>About</section>",
    "about/effort.html": "",
    "about/2026/short_description.html": "legacy",
    "info/updates.html": "<ol></ol>",
    "info/updates.items.json": `[{"id": 1, "date": "November 5, 2023", "content": "<p>Hi</p>", "status": "visible"}]`,
    "tabs/syllabus.html": "<p>Syllabus</p>",
  });

  it("keeps drafts apart from the published tree, with parent_url and index", async () => {
    const c = await read(files);
    expect(c.drafts.map((d) => d.urlName)).toEqual(["dv1", "v1"]);
    const [dv1, v1] = c.drafts;
    expect(dv1.isDraft).toBe(true);
    expect(dv1.fields.parent_url).toBe("block-v1:Test+T1+2026+type@sequential+block@seq1");
    expect(dv1.settings.index_in_children_list).toBe(1);
    expect(dv1.settings.due).toBe("2026-05-01T00:00:00.000Z"); // inherited from its parent
    expect(dv1.children.map((b) => [b.type, b.urlName, b.isDraft])).toEqual([["html", "dh1", true], ["problem", "p1", true]]);
    expect(dv1.children[0].definition).toBe("<p>draft</p>");
    expect(dv1.children[1].definition).toContain("Draft Q"); // children are looked up in drafts/ first
    expect(v1.fields.display_name).toBe("Unit 1 (edited)");
    // The published tree is untouched.
    expect(find(c, "vertical", "v1").fields.display_name).toBe("Unit 1");
    expect(find(c, "problem", "p1").definition).toContain("Q1");
    expect([...walkBlocks(c.root)].some(({ block }) => block.isDraft)).toBe(false);
  });

  it("reads assets with spaces, parentheses, nesting, locks and content types", async () => {
    const c = await read(files);
    const byPath = Object.fromEntries(c.assets.map((a) => [a.path, a]));
    expect(Object.keys(byPath)).toEqual(["handout.pdf", "images/my pic(1).png", "subs_abc.srt.sjson"]);
    expect(byPath["images/my pic(1).png"]).toMatchObject({ locked: true, contentType: "image/png", size: 4 });
    expect(byPath["handout.pdf"]).toMatchObject({ locked: false, contentType: "application/pdf" });
    expect(byPath["subs_abc.srt.sjson"].contentType).toBe("application/json");
  });

  it("keeps about/ (legacy run folder too), info/ and tabs/ as documents, empty ones included", async () => {
    const c = await read(files);
    expect(c.documents.map((d) => [d.path, d.kind])).toEqual([
      ["about/2026/short_description.html", "about"],
      ["about/effort.html", "about"],
      ["about/overview.html", "about"],
      ["info/updates.html", "info"],
      ["info/updates.items.json", "info"],
      ["policies/assets.json", "policy"],
      ["tabs/syllabus.html", "tab"],
    ]);
  });

  it("round-trips drafts, assets and documents byte-identically", async () => {
    const c = await read(files);
    const { again, first, second } = await roundTrip(c);
    expect(strip(again)).toEqual(strip(c));
    expect(first.equals(second)).toBe(true);
  });

  it("writes a lock for a newly locked asset into policies/assets.json", async () => {
    const c = await read(files);
    c.assets.find((a) => a.path === "handout.pdf")!.locked = true;
    const { again } = await roundTrip(c);
    expect(again.assets.find((a) => a.path === "handout.pdf")!.locked).toBe(true);
  });
});
