// Helpers for `npm run bench -- import`: a parse-only pass (read + XML/JSON parse every file, no
// resolution) to compare the importer against, and a generator of large synthetic OLX courses.
import { promises as fsp } from "node:fs";
import path from "node:path";
import { loadSource, limitsOf, type ReadOlxOptions } from "./source";
import { decodeText, parseXml } from "./xml";

export async function parseOnly(source: string, opts?: ReadOlxOptions): Promise<{ files: number; xmlFiles: number; bytes: number }> {
  const limits = limitsOf(opts);
  const loaded = await loadSource(source, opts);
  const files = loaded.files;
  let xmlFiles = 0;
  let bytes = 0;
  for (const m of loaded.onDisk.values()) bytes += m.size;
  loaded.dispose();
  for (const [p, data] of files) {
    bytes += data.length;
    if (p.startsWith("static/")) continue;
    if (p.endsWith(".xml")) {
      parseXml(data, p, limits.maxDepth);
      xmlFiles++;
    } else if (p.endsWith(".json")) {
      JSON.parse(decodeText(data, p));
    } else if (p.endsWith(".html")) {
      decodeText(data, p);
    }
  }
  return { files: files.size + loaded.onDisk.size, xmlFiles, bytes };
}

const LEAVES_PER_UNIT = 6;
const UNITS_PER_SUBSECTION = 5;
const SUBSECTIONS_PER_SECTION = 5;

/**
 * Writes a synthetic course of exactly `blocks` blocks (course included) into `out` (created;
 * must be empty): chapters of 5 sequentials of 5 verticals of up to 6 leaves (html, problem,
 * video). Returns the counts by type. Deterministic for a given size.
 */
export async function generateCourse({ blocks, out, org = "Bench", course = "GEN", run = "2026" }: {
  blocks: number;
  out: string;
  org?: string;
  course?: string;
  run?: string;
}): Promise<Record<string, number>> {
  if (!Number.isInteger(blocks) || blocks < 5) throw new Error("generateCourse needs at least 5 blocks");
  const existing = await fsp.readdir(out).catch(() => null);
  if (existing && existing.length) throw new Error(`${out} is not empty`);
  const files = new Map<string, string>();
  const counts: Record<string, number> = { course: 1 };
  let total = 1;
  const add = (t: string) => {
    counts[t] = (counts[t] ?? 0) + 1;
    total++;
    return `${t}${String(counts[t]).padStart(6, "0")}`;
  };
  type Node = { type: string; id: string; kids: Node[] };
  const chapters: Node[] = [];
  let chapter: Node | null = null;
  let seq: Node | null = null;
  let vert: Node | null = null;
  let n = 0;
  while (total < blocks) {
    const left = blocks - total;
    if (!chapter || (chapter.kids.length >= SUBSECTIONS_PER_SECTION && seq!.kids.length >= UNITS_PER_SUBSECTION && vert!.kids.length >= LEAVES_PER_UNIT)) {
      if (left < 4 && chapter) break;
      chapter = { type: "chapter", id: add("chapter"), kids: [] };
      chapters.push(chapter);
      seq = null;
      vert = null;
      continue;
    }
    if (!seq || (seq.kids.length >= UNITS_PER_SUBSECTION && vert!.kids.length >= LEAVES_PER_UNIT)) {
      if (left < 3 && seq) break;
      seq = { type: "sequential", id: add("sequential"), kids: [] };
      chapter.kids.push(seq);
      vert = null;
      continue;
    }
    if (!vert || vert.kids.length >= LEAVES_PER_UNIT) {
      if (left < 2 && vert) break;
      vert = { type: "vertical", id: add("vertical"), kids: [] };
      seq.kids.push(vert);
      continue;
    }
    const kind = ["html", "problem", "html", "video", "html", "problem"][n++ % 6];
    vert.kids.push({ type: kind, id: add(kind), kids: [] });
  }
  // Fill any remainder (tiny sizes) with html leaves in the last unit.
  while (total < blocks && vert) vert.kids.push({ type: "html", id: add("html"), kids: [] });

  const ptr = (k: Node) => `  <${k.type} url_name="${k.id}"/>`;
  files.set("course.xml", `<course url_name="${run}" org="${org}" course="${course}"/>\n`);
  files.set(`course/${run}.xml`, `<course display_name="Generated course (${blocks} blocks)" start="2020-01-01T00:00:00Z">\n${chapters.map(ptr).join("\n")}\n</course>\n`);
  const walk = (node: Node, i: number) => {
    if (node.type === "html") {
      files.set(`html/${node.id}.xml`, `<html filename="${node.id}" display_name="Text ${i}"/>\n`);
      files.set(`html/${node.id}.html`, `<p>Generated text block ${node.id}. <a href="/static/img.png">image</a></p>\n`);
    } else if (node.type === "problem") {
      files.set(`problem/${node.id}.xml`, `<problem display_name="Question ${i}" max_attempts="2">\n  <multiplechoiceresponse>\n    <label>Pick the right one (${node.id})</label>\n    <choicegroup type="MultipleChoice">\n      <choice correct="true">right</choice>\n      <choice correct="false">wrong</choice>\n    </choicegroup>\n  </multiplechoiceresponse>\n</problem>\n`);
    } else if (node.type === "video") {
      files.set(`video/${node.id}.xml`, `<video display_name="Video ${i}" youtube_id_1_0="abcdefghijk" html5_sources="[]"/>\n`);
    } else {
      const graded = node.type === "sequential" && i % 3 === 0 ? ` graded="true" format="Homework"` : "";
      files.set(`${node.type}/${node.id}.xml`, `<${node.type} display_name="${node.type} ${i}"${graded}>\n${node.kids.map(ptr).join("\n")}\n</${node.type}>\n`);
      node.kids.forEach((k, j) => walk(k, j + 1));
    }
  };
  chapters.forEach((c, i) => walk(c, i + 1));
  files.set(`policies/${run}/policy.json`, `${JSON.stringify({ [`course/${run}`]: { display_name: `Generated course (${blocks} blocks)` } }, null, 4)}\n`);
  files.set(`policies/${run}/grading_policy.json`, `${JSON.stringify({ GRADER: [{ type: "Homework", min_count: 1, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: { Pass: 0.5 } }, null, 4)}\n`);
  for (const [p, text] of files) {
    const abs = path.join(out, ...p.split("/"));
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    await fsp.writeFile(abs, text);
  }
  return counts;
}
