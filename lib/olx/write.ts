// Writes an OlxCourse back in Open edX's export layout, as a streamed .tar.gz or a directory:
// course.xml pointer, course/<run>.xml, one file per structural/XModule block (pointer tags in the
// parent), pure XBlocks inline in their parent (as Studio writes them), html as .xml + .html,
// policies/<run>/{policy,grading_policy}.json, static/, about/, info/, tabs/, drafts/.
// Deterministic: files sorted, fixed mtimes, so exporting the same course twice gives the same bytes.
import { promises as fsp } from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import * as tar from "tar-stream";
import { CONTAINER_TYPES, FILE_TYPES } from "./fields";
import { assetBlockName, isSafeUrlName, pathOfUrlName } from "./read";
import { OlxError, type OlxBlock, type OlxCourse } from "./types";
import { attributesOf, escapeAttr, parseDocumentForWrite, serialize } from "./xml";

/** 2000-01-01T00:00:00Z: a fixed mtime keeps archives byte-identical across exports. */
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

/** Python json.dumps' default separators, as Open edX writes JSON inside attributes. */
export function pythonJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(", ")}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${pythonJson(x)}`).join(", ")}}`;
}

function attrString(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  return pythonJson(v);
}

interface WriteCtx {
  course: OlxCourse;
  files: Map<string, Buffer>;
  /** policy keys per "type/url_name": those fields are written to policy.json, not to XML. */
  policyKeys: Map<string, Set<string>>;
}

function put(ctx: WriteCtx, p: string, data: string | Buffer) {
  // The model may come from the database: never let a name turn into a path outside the export.
  const segs = p.split("/");
  if (p.startsWith("/") || segs.some((s) => s === "" || s === "." || s === ".." || s.includes("\\") || s.includes("\0"))) {
    throw new OlxError(`refusing to write an unsafe path: ${JSON.stringify(p)}`);
  }
  if (ctx.files.has(p)) throw new OlxError(`two blocks would be written to ${p} (duplicate url_name?)`);
  ctx.files.set(p, typeof data === "string" ? Buffer.from(data, "utf8") : data);
}

function xmlAttrsOf(ctx: WriteCtx, block: OlxBlock, skip: string[] = [], includePolicy = false): Array<[string, string]> {
  const inPolicy = includePolicy ? undefined : ctx.policyKeys.get(`${block.type}/${block.urlName}`);
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(block.fields)) {
    if (k === "url_name" || skip.includes(k) || inPolicy?.has(k) || v === undefined) continue;
    out.push([k, attrString(v)]);
  }
  return out;
}

function openTag(type: string, attrs: Array<[string, string]>): string {
  return `<${type}${attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")}`;
}

/** The leaf's definition element with its attributes brought in line with block.fields. */
function leafXml(ctx: WriteCtx, block: OlxBlock): string {
  const def = block.definition ?? `<${block.type}/>`;
  const el = parseDocumentForWrite(def, `${block.type}/${block.urlName}`);
  if (el.tagName !== block.type) {
    throw new OlxError(`definition of ${block.type}/${block.urlName} is a <${el.tagName}> element`);
  }
  const wanted = new Map(xmlAttrsOf(ctx, block));
  const inPolicy = ctx.policyKeys.get(`${block.type}/${block.urlName}`);
  for (const [k] of attributesOf(el)) {
    // Attributes the policy overrides stay as authored (policy.json wins on import anyway).
    if (!wanted.has(k) && !inPolicy?.has(k)) el.removeAttribute(k);
  }
  for (const [k, v] of wanted) if (el.getAttribute(k) !== v) el.setAttribute(k, v);
  return serialize(el);
}

/** Writes `block` (and its subtree) and returns the element its parent should contain. */
function writeBlock(ctx: WriteCtx, block: OlxBlock, indent: string, draft: boolean): string {
  const prefix = draft ? "drafts/" : "";
  if (!isSafeUrlName(block.urlName)) throw new OlxError(`refusing to write an unsafe url_name ${JSON.stringify(block.urlName)} (${block.type})`);
  const rel = pathOfUrlName(block.urlName);
  const pointer = `${indent}<${block.type} url_name="${escapeAttr(block.urlName)}"/>`;
  if (block.type === "html") {
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    const attrs: Array<[string, string]> = [["filename", base], ...xmlAttrsOf(ctx, block, ["filename"])];
    put(ctx, `${prefix}html/${rel}.xml`, `${openTag("html", attrs)}/>\n`);
    put(ctx, `${prefix}html/${rel}.html`, block.definition ?? "");
    return pointer;
  }
  if (CONTAINER_TYPES.has(block.type)) {
    const attrs = xmlAttrsOf(ctx, block, block.type === "conditional" ? ["show_tag_list"] : []);
    const kids = block.children.map((c) => writeBlock(ctx, c, "  ", draft));
    if (block.type === "conditional" && Array.isArray(block.fields.show_tag_list)) {
      const shows = (block.fields.show_tag_list as unknown[]).map((src) => `  <show sources="${escapeAttr(String(src))}"/>`);
      kids.unshift(...shows);
    }
    const body = kids.length ? `${openTag(block.type, attrs)}>\n${kids.join("\n")}\n</${block.type}>\n` : `${openTag(block.type, attrs)}/>\n`;
    put(ctx, `${prefix}${block.type}/${rel}.xml`, body);
    return pointer;
  }
  const xml = leafXml(ctx, block);
  if (FILE_TYPES.has(block.type)) {
    put(ctx, `${prefix}${block.type}/${rel}.xml`, `${xml}\n`);
    return pointer;
  }
  // Pure XBlocks go inline in their parent, url_name first, as Studio exports them.
  return `${indent}<${block.type} url_name="${escapeAttr(block.urlName)}"${xml.slice(block.type.length + 1)}`;
}

function policyOut(course: OlxCourse, index: Map<string, OlxBlock>): { policy: Record<string, Record<string, unknown>>; keys: Map<string, Set<string>> } {
  const source = (course.meta.policy as Record<string, Record<string, unknown>> | undefined) ?? {};
  const rootKey = `course/${course.run}`;
  const policy: Record<string, Record<string, unknown>> = {};
  const keys = new Map<string, Set<string>>();
  for (const [key, entry] of Object.entries(source)) {
    const block = index.get(key);
    if (!block) {
      policy[key] = entry; // a block we did not import (orphan): kept as it was
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(entry)) if (block.fields[k] !== undefined) out[k] = block.fields[k];
    policy[key] = out;
    keys.set(key, new Set(Object.keys(out)));
  }
  if (!(rootKey in policy)) {
    // Without an imported policy, course settings go to policy.json, as Studio writes them.
    const root = index.get(rootKey);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(root?.fields ?? {})) if (k !== "wiki_slug" && k !== "textbooks") out[k] = v;
    policy[rootKey] = out;
    keys.set(rootKey, new Set(Object.keys(out)));
  }
  return { policy, keys };
}

/** Every file of the export, path → bytes, sorted by path. */
export function olxFiles(course: OlxCourse): Map<string, Buffer> {
  const index = new Map<string, OlxBlock>();
  const stack = [course.root];
  while (stack.length) {
    const b = stack.pop()!;
    index.set(`${b.type}/${b.urlName}`, b);
    stack.push(...b.children);
  }
  const isLibrary = course.root.type === "library";
  const { policy, keys } = isLibrary ? { policy: {}, keys: new Map<string, Set<string>>() } : policyOut(course, index);
  const ctx: WriteCtx = { course, files: new Map(), policyKeys: keys };
  const root = course.root;
  const kids = root.children.map((c) => writeBlock(ctx, c, "  ", false));

  if (isLibrary) {
    const attrs: Array<[string, string]> = [["url_name", root.urlName], ...xmlAttrsOf(ctx, root, ["org", "library"]), ["org", course.org], ["library", course.course]];
    put(ctx, "library.xml", `${openTag("library", attrs)}>\n${kids.join("\n")}${kids.length ? "\n" : ""}</library>\n`);
  } else {
    put(ctx, "course.xml", `<course url_name="${escapeAttr(course.run)}" org="${escapeAttr(course.org)}" course="${escapeAttr(course.course)}"/>\n`);
    const extra: string[] = [];
    const rootPolicy = keys.get(`course/${course.run}`);
    if (typeof root.fields.wiki_slug === "string" && !rootPolicy?.has("wiki_slug")) extra.push(`  <wiki slug="${escapeAttr(root.fields.wiki_slug)}"/>`);
    if (Array.isArray(root.fields.textbooks) && !rootPolicy?.has("textbooks")) {
      for (const t of root.fields.textbooks as Array<Record<string, unknown>>) {
        extra.push(`  ${openTag("textbook", Object.entries(t).map(([k, v]) => [k, attrString(v)]))}/>`);
      }
    }
    // Studio writes course settings both as attributes and in policy.json (policy wins on import).
    const attrs = xmlAttrsOf(ctx, root, ["wiki_slug", "textbooks", "tabs", "discussion_topics", "discussion_blackouts", "xml_attributes"], true);
    const all = [...kids, ...extra];
    put(ctx, `course/${pathOfUrlName(course.run)}.xml`, `${openTag("course", attrs)}>\n${all.join("\n")}${all.length ? "\n" : ""}</course>\n`);
    put(ctx, `policies/${course.run}/policy.json`, `${JSON.stringify(policy, null, 4)}\n`);
    if (course.gradingPolicy) put(ctx, `policies/${course.run}/grading_policy.json`, `${JSON.stringify(course.gradingPolicy, null, 4)}\n`);
  }
  for (const d of course.drafts) {
    const xml = writeBlock(ctx, d, "", true);
    if (!FILE_TYPES.has(d.type) && !CONTAINER_TYPES.has(d.type) && d.type !== "html") {
      put(ctx, `drafts/${d.type}/${pathOfUrlName(d.urlName)}.xml`, `${xml}\n`);
    }
  }
  for (const a of course.assets) put(ctx, `static/${a.path}`, a.data);
  const assets = assetsJson(course);
  if (assets) put(ctx, "policies/assets.json", assets);
  for (const doc of course.documents) {
    if (ctx.files.has(doc.path)) continue; // generated above from the model
    put(ctx, doc.path, doc.data);
  }
  return new Map([...ctx.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** policies/assets.json: the imported file when it still matches the assets, else updated. */
function assetsJson(course: OlxCourse): Buffer | null {
  const doc = course.documents.find((d) => d.path === "policies/assets.json");
  let meta: Record<string, Record<string, unknown>> = {};
  if (doc) {
    try {
      meta = JSON.parse(doc.data.toString("utf8")) as typeof meta;
    } catch {
      meta = {};
    }
  }
  let changed = false;
  for (const a of course.assets) {
    const key = assetBlockName(a.path);
    const m = meta[key] ?? meta[a.path.replace(/\//g, "_")] ?? meta[a.path];
    if (!m) {
      // Open edX derives metadata for files it has none for; only a lock must be written down.
      if (!a.locked) continue;
      meta[key] = { contentType: a.contentType, displayname: a.path.slice(a.path.lastIndexOf("/") + 1), import_path: a.path, locked: a.locked };
      changed = true;
    } else if ((m.locked === true) !== a.locked || (m.contentType !== a.contentType && m.contentType)) {
      m.locked = a.locked;
      m.contentType = a.contentType;
      changed = true;
    }
  }
  if (!changed && doc) return doc.data;
  if (!doc && Object.keys(meta).length === 0) return null;
  return Buffer.from(`${JSON.stringify(meta, null, 4)}\n`, "utf8");
}

/** Streams the export as a .tar.gz (top folder course/ or library/) into `out`. */
export async function writeOlxArchive(course: OlxCourse, out: Writable): Promise<void> {
  const files = olxFiles(course);
  const top = course.root.type === "library" ? "library" : "course";
  const pack = tar.pack();
  const gzip = zlib.createGzip({ level: 6 });
  const done = pipeline(pack, gzip, out);
  // If the output fails mid-way, the pending entry callback may never fire: race it with the pipeline.
  const failed = done.then(
    () => Promise.reject(new OlxError("the archive output closed before all files were written")),
    (err: unknown) => Promise.reject(err instanceof Error ? err : new Error(String(err))),
  );
  failed.catch(() => undefined);
  for (const [p, data] of files) {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        pack.entry(
          { name: `${top}/${p}`, size: data.length, mode: 0o644, mtime: FIXED_MTIME, uid: 0, gid: 0, uname: "", gname: "", type: "file" },
          data,
          (err) => (err ? reject(err) : resolve()),
        );
      }),
      failed,
    ]);
  }
  pack.finalize();
  await done;
}

/** Writes the export into `dir`, which must not exist yet or be empty. */
export async function writeOlxDirectory(course: OlxCourse, dir: string): Promise<void> {
  const files = olxFiles(course);
  const existing = await fsp.readdir(dir).catch(() => null);
  if (existing && existing.length) throw new OlxError("output folder is not empty", dir);
  for (const [p, data] of files) {
    const abs = path.join(dir, ...p.split("/"));
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    await fsp.writeFile(abs, data);
  }
}
