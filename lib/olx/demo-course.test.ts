// The Open edX demo course and its content library, read in place from the shared fixtures (scripts/lib/shared-fixtures.ts)
// (never copied), from the directory and from a .tar.gz made here; plus the round trip.
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import * as tar from "tar-stream";
import { promises as fsp } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOlx, countBlocks, readOlx, readOlxLibrary, walkBlocks, writeOlxArchive, writeOlxDirectory, type OlxBlock, type OlxCourse } from "./index";
import { OPENEDX_DEMO_DIR, OPENEDX_DEMO_LIBRARY_DIR } from "@/scripts/lib/shared-fixtures";
import { tempDir } from "./test-support";
import { releaseSpills } from "./source";

// archives read here leave assets in spill folders until their course is disposed
afterAll(releaseSpills);

const DEMO = OPENEDX_DEMO_DIR;
const LIBRARY = OPENEDX_DEMO_LIBRARY_DIR;

const EXPECTED = {
  course: 1, chapter: 6, sequential: 17, vertical: 58, html: 266, problem: 29, video: 11,
  openassessment: 2, lti: 2, "drag-and-drop-v2": 1, edx_sga: 1, staffgradedxblock: 1, done: 1,
  annotatable: 1, discussion: 1, poll: 1, survey: 1, library_content: 1,
};

/** Packs a directory into <tmp>/<name>.tar.gz under a top folder, as Open edX exports do. */
async function tarGzOf(dir: string, top: string): Promise<string> {
  const out = path.join(tempDir("olx-demo-"), `${top}.tar.gz`);
  const pack = tar.pack();
  const done = pipeline(pack, zlib.createGzip(), createWriteStream(out));
  const walk = async (rel: string) => {
    for (const e of (await fsp.readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else {
        const data = await fsp.readFile(path.join(dir, r));
        await new Promise<void>((res, rej) => pack.entry({ name: `${top}/${r}`, size: data.length }, data, (err) => (err ? rej(err) : res())));
      }
    }
  };
  await walk("");
  pack.finalize();
  await done;
  return out;
}

function find(root: OlxBlock, type: string, urlName: string): OlxBlock {
  for (const { block } of walkBlocks(root)) if (block.type === type && block.urlName === urlName) return block;
  throw new Error(`${type}/${urlName} not found`);
}

function parentOf(root: OlxBlock, child: OlxBlock): OlxBlock | null {
  for (const { block, parent } of walkBlocks(root)) if (block === child) return parent;
  return null;
}

/** Everything the round trip must keep, per block, in tree order. */
function snapshot(c: OlxCourse) {
  return {
    key: c.courseKey,
    blocks: [...walkBlocks(c.root)].map(({ block: b, depth, position }) => ({
      type: b.type, urlName: b.urlName, depth, position, fields: b.fields, settings: b.settings,
      definition: b.definition, unsupportedReason: b.unsupportedReason, isDraft: b.isDraft,
    })),
    gradingPolicy: c.gradingPolicy,
    assets: c.assets.map((a) => ({ path: a.path, size: a.size, contentType: a.contentType, locked: a.locked, sha: createHash("sha256").update(a.data).digest("hex") })),
    documents: c.documents.map((d) => ({ path: d.path, kind: d.kind, sha: createHash("sha256").update(d.data).digest("hex") })),
  };
}

describe("Open edX demo course", () => {
  let demo: OlxCourse;
  beforeAll(async () => {
    demo = await readOlx(DEMO);
  });

  it("reads the directory with the README's reachable counts", () => {
    expect(demo.courseKey).toBe("course-v1:OpenedX+DemoX+DemoCourse");
    expect(countBlocks(demo.root)).toEqual(EXPECTED);
    expect(demo.drafts).toEqual([]);
  });

  it("reads the same course from a .tar.gz with a top folder", async () => {
    const archive = await tarGzOf(DEMO, "course");
    const progress: number[] = [];
    const fromTar = await readOlx(archive, { onProgress: (p) => progress.push(p.filesRead) });
    expect(countBlocks(fromTar.root)).toEqual(EXPECTED);
    expect(snapshot(fromTar)).toEqual(snapshot(demo));
    expect(progress.at(-1)).toBeGreaterThan(700);
  });

  it("applies policy.json over XML attributes and keeps wiki as a course setting", () => {
    const s = demo.root.settings;
    expect(demo.root.fields.course_image).toBe("DemoX-Course-Card.png"); // XML says thumbnail_demox.jpeg
    expect(s.wiki_slug).toBe("OpenedX.DemoX.DemoCourse");
    expect(demo.root.children.every((c) => c.type === "chapter")).toBe(true);
    expect(s.start).toBe("2020-01-01T00:00:00.000Z");
    expect(s.self_paced).toBe(true);
    expect(s.graceperiod).toBe("");
    expect(s.advanced_modules).toContain("library_content");
    expect(Array.isArray(s.user_partitions)).toBe(true);
    expect(demo.gradingPolicy?.GRADE_CUTOFFS).toEqual({ Pass: 0.5 });
  });

  it("resolves graded subsections and inherits start/self_paced down to leaves", () => {
    const graded = [...walkBlocks(demo.root)].filter(({ block }) => block.type === "sequential" && block.settings.graded === true);
    expect(graded).toHaveLength(3);
    for (const { block } of graded) {
      expect(typeof block.settings.format).toBe("string");
      for (const { block: d } of walkBlocks(block)) {
        expect(d.settings.graded).toBe(true);
        expect(d.settings.start).toBe("2020-01-01T00:00:00.000Z");
        expect(d.settings.self_paced).toBe(true);
        if (d !== block) expect(d.settings.format).toBeUndefined(); // format is not inherited
      }
    }
  });

  it("keeps html group_access and reads html bodies from filename", () => {
    const withGroups = [...walkBlocks(demo.root)].filter(({ block }) => block.type === "html" && block.fields.group_access);
    expect(withGroups).toHaveLength(2);
    expect(typeof withGroups[0].block.settings.group_access).toBe("object");
    const h = find(demo.root, "html", "013c611e421e43d6a10857ea388bf510");
    expect(h.definition).toBe(readFileSync(path.join(DEMO, "html/013c611e421e43d6a10857ea388bf510.html"), "utf8"));
    expect(h.fields).toEqual({ display_name: "Try It: Import a Library" });
    expect(h.unsupportedReason).toBeUndefined();
  });

  it("keeps leaf XML verbatim without url_name, inline XBlocks included", () => {
    const v = find(demo.root, "video", "078de40d92a54047b951a2e7a8e2a348");
    expect(v.definition).toMatch(/^<video youtube="1.00:AOUEsgFrYeg" sub=""/);
    expect(v.definition).not.toContain("url_name");
    expect(v.definition).toContain("<video_asset");
    expect(v.settings.transcripts).toEqual({
      en: "48c991fb-083c-45e1-adad-930d2b11b11e-en.srt",
      es: "48c991fb-083c-45e1-adad-930d2b11b11e-es.srt",
    });
    const dnd = find(demo.root, "drag-and-drop-v2", "1feb18be7d7c481bb075d943ffb04893");
    expect(dnd.definition).toMatch(/^<drag-and-drop-v2 xblock-family="xblock.v1" display_name="Drag and Drop"/);
    expect(dnd.unsupportedReason).toMatch(/not supported yet/);
    expect(typeof dnd.fields.data).toBe("string");
    expect(dnd.settings.max_attempts).toBeNull();
    expect(find(demo.root, "problem", (find(demo.root, "library_content", parentless(demo)).children[0]).urlName).type).toBe("problem");
  });

  it("gives the discussion a stable derived discussion_id", async () => {
    const d = [...walkBlocks(demo.root)].find(({ block }) => block.type === "discussion")!.block;
    expect(d.unsupportedReason).toBeUndefined();
    expect(d.settings.discussion_id).toMatch(/^[0-9a-f]{32}$/);
    const again = await readOlx(DEMO);
    expect(find(again.root, "discussion", d.urlName).settings.discussion_id).toBe(d.settings.discussion_id);
  });

  it("lists library_content children as course-local problem copies", () => {
    const lc = [...walkBlocks(demo.root)].find(({ block }) => block.type === "library_content")!.block;
    expect(lc.children.map((c) => c.type)).toEqual(Array(6).fill("problem"));
    expect(lc.fields.source_library_id).toBe("library-v1:OpenedX+DemoRespiratoryQuestions");
    expect(lc.settings.max_count).toBe(2);
    expect(parentOf(demo.root, lc)?.type).toBe("vertical");
  });

  it("reads static assets with content types and documents from about/ and info/", () => {
    expect(demo.assets).toHaveLength(107);
    const png = demo.assets.find((a) => a.path === "Abacus.png")!;
    expect(png.contentType).toBe("image/png");
    expect(png.locked).toBe(false);
    expect(png.size).toBe(png.data.length);
    const paths = demo.documents.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["about/overview.html", "about/short_description.html", "info/updates.html", "info/updates.items.json", "info/handouts.html", "policies/assets.json"]));
    expect(demo.documents.find((d) => d.path === "about/overview.html")!.kind).toBe("about");
    expect(demo.documents.find((d) => d.path === "info/handouts.html")!.kind).toBe("info");
    expect(paths).not.toContain("policies/DemoCourse/policy.json");
  });

  it("round-trips: read → write .tar.gz → read gives the same course; re-export is byte-identical", async () => {
    const dir = tempDir("olx-rt-");
    const first = path.join(dir, "first.tar.gz");
    await writeOlxArchive(demo, createWriteStream(first));
    const again = await readOlx(first);
    expect(again.warnings).toEqual([]);
    expect(countBlocks(again.root)).toEqual(EXPECTED);
    expect(snapshot(again)).toEqual(snapshot(demo));
    const second = path.join(dir, "second.tar.gz");
    await writeOlxArchive(again, createWriteStream(second));
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  });

  it("writes the Open edX layout (directory form)", async () => {
    const out = path.join(tempDir("olx-dir-"), "export");
    await writeOlxDirectory(demo, out);
    expect(readFileSync(path.join(out, "course.xml"), "utf8")).toBe(`<course url_name="DemoCourse" org="OpenedX" course="DemoX"/>\n`);
    const courseXml = readFileSync(path.join(out, "course/DemoCourse.xml"), "utf8");
    expect(courseXml).toContain(`<chapter url_name="30b3fbb840024953b2d4b2e700a53002"/>`);
    expect(courseXml).toContain(`<wiki slug="OpenedX.DemoX.DemoCourse"/>`);
    for (const p of ["policies/DemoCourse/policy.json", "policies/DemoCourse/grading_policy.json", "policies/assets.json", "html/013c611e421e43d6a10857ea388bf510.xml", "html/013c611e421e43d6a10857ea388bf510.html", "video/078de40d92a54047b951a2e7a8e2a348.xml", "library_content/34a4d5e71d974c029cbde1956bd7c820.xml", "lti/8e71d278e94f4913bc564cc6141fde53.xml", "static/Abacus.png", "about/overview.html", "info/updates.items.json"]) {
      expect(existsSync(path.join(out, p)), p).toBe(true);
    }
    expect(readFileSync(path.join(out, "html/013c611e421e43d6a10857ea388bf510.xml"), "utf8")).toBe(`<html filename="013c611e421e43d6a10857ea388bf510" display_name="Try It: Import a Library"/>\n`);
    // Pure XBlocks stay inline in their unit, as Studio writes them.
    expect(readFileSync(path.join(out, "vertical/86854570ab8b4eb3b3dc8d4a5de311f8.xml"), "utf8")).toContain(`<drag-and-drop-v2 url_name="1feb18be7d7c481bb075d943ffb04893" xblock-family="xblock.v1"`);
    const policy = JSON.parse(readFileSync(path.join(out, "policies/DemoCourse/policy.json"), "utf8")) as Record<string, Record<string, unknown>>;
    expect(policy["course/DemoCourse"].course_image).toBe("DemoX-Course-Card.png");
    await expect(writeOlxDirectory(demo, out)).rejects.toThrow(/not empty/);
  });

  it("checkOlx summarises without writing", async () => {
    const res = await checkOlx(DEMO);
    expect(res.ok).toBe(true);
    expect(res.course?.blocks).toEqual(EXPECTED);
    expect(res.course?.unsupported).toEqual({ openassessment: 2, lti: 2, "drag-and-drop-v2": 1, edx_sga: 1, staffgradedxblock: 1, done: 1, annotatable: 1, poll: 1, survey: 1 });
    expect(res.errors).toEqual([]);
  });
});

function parentless(c: OlxCourse): string {
  return [...walkBlocks(c.root)].find(({ block }) => block.type === "library_content")!.block.urlName;
}

describe("Open edX demo content library", () => {
  it("reads library.xml as a library root", async () => {
    const lib = await readOlxLibrary(LIBRARY);
    expect(lib.courseKey).toBe("library-v1:OpenedX+DemoRespiratoryQuestions");
    expect(lib.root.type).toBe("library");
    expect(lib.root.fields.display_name).toBe("Respiratory System Question Bank 1");
    expect(countBlocks(lib.root)).toEqual({ library: 1, problem: 6 });
    expect(lib.root.children[0].definition).toMatch(/^<problem/);
  });

  it("round-trips the library", async () => {
    const lib = await readOlxLibrary(LIBRARY);
    const out = path.join(tempDir("olx-lib-"), "lib.tar.gz");
    await writeOlxArchive(lib, createWriteStream(out));
    const again = await readOlxLibrary(out);
    expect(snapshot(again)).toEqual(snapshot(lib));
  });

  it("readOlxLibrary refuses a course", async () => {
    await expect(readOlxLibrary(DEMO)).rejects.toThrow(/not a content library/);
  });
});
