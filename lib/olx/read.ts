// Resolves an OLX export into the OlxCourse model, following the rules in docs/olx.md: walk from
// course.xml (or library.xml) through pointer tags and inline definitions, apply policy.json over
// XML attributes, resolve inherited settings, read html bodies, drafts, assets and documents.
// Orphan files are never imported (only warned about). Errors are OlxErrors naming file and line.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Element } from "@xmldom/xmldom";
import {
  CONTAINER_TYPES, FILE_TYPES, resolveSettings, unsupportedReasonOf,
} from "./fields";
import { loadSource, limitsOf, type DiskMember, type FileMap, type Limits, type ReadOlxOptions } from "./source";
import { courseKeyOf, OlxError, type OlxAsset, type OlxBlock, type OlxCourse, type OlxDocument } from "./types";
import {
  attributesOf, decodeText, elementChildren, hasContent, innerXml, lineOf, parseXml, serializeWithout,
} from "./xml";

type Policy = Record<string, Record<string, unknown>>;

// roots/ holds legacy copies of course.xml (olx.md §1): not blocks, not content.
const NON_BLOCK_DIRS = new Set(["about", "info", "tabs", "policies", "static", "assets", "drafts", "roots"]);

/**
 * Reads a course export (or a library export, whose root block then has type "library").
 * Assets and other non-text members stay on disk: their `file` names where, and `data` reads them
 * on use. For an archive those files live in a spill folder until the course's dispose() is called
 * (or the process exits); call it once the assets have been stored.
 */
export async function readOlx(source: string, opts?: ReadOlxOptions): Promise<OlxCourse> {
  const loaded = await loadSource(source, opts);
  try {
    const course = resolveOlx(loaded.files, limitsOf(opts), loaded.onDisk);
    // Not enumerable: a course read from a folder equals the same course read from an archive.
    Object.defineProperty(course, "dispose", { value: async () => loaded.dispose(), enumerable: false });
    return course;
  } catch (err) {
    loaded.dispose();
    throw err;
  }
}

/** Reads a v1 content library export (library.xml root). */
export async function readOlxLibrary(source: string, opts?: ReadOlxOptions): Promise<OlxCourse> {
  const lib = await readOlx(source, opts);
  if (lib.root.type !== "library") throw new OlxError("not a content library export (no library.xml)", source);
  return lib;
}

export function pathOfUrlName(urlName: string): string {
  // `:` in url_name means a subfolder (name_to_pathname).
  return urlName.replace(/:/g, "/");
}

/** url_names become file paths (`:` → `/`): no slashes, no empty, `.` or `..` segments. */
export function isSafeUrlName(urlName: string): boolean {
  if (!urlName || urlName.length > 255 || /[/\\\0]/.test(urlName)) return false;
  return urlName.split(":").every((seg) => seg !== "" && seg !== "." && seg !== "..");
}

function sha1(s: string): string {
  return createHash("sha1").update(s).digest("hex");
}

function parseJsonFile(files: FileMap, file: string): unknown {
  const text = decodeText(files.get(file)!, file);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    const line = m ? text.slice(0, Number(m[1])).split("\n").length : undefined;
    throw new OlxError(`invalid JSON: ${msg}`, file, line);
  }
}

interface Ctx {
  draft: boolean;
  /** (type/url_name) of the blocks being loaded above this one: a repeat is a cycle. */
  stack: Set<string>;
  seen: Map<string, string>;
  parentSettings: Record<string, unknown> | null;
  depth: number;
}

/** Legacy tags Open edX reads as custom-tag blocks (TranslateCustomTagBlock): `<image …>` is `<customtag impl="image" …>`. */
export const CUSTOM_TAG_ALIASES: ReadonlySet<string> = new Set(["image", "discuss", "slides", "videodev", "book"]);

/** A copy of `el` under another tag name: same attributes, the same children (moved). */
function renamed(el: Element, tag: string): Element {
  const out = el.ownerDocument!.createElement(tag);
  for (const [k, v] of attributesOf(el)) out.setAttribute(k, v);
  while (el.firstChild) out.appendChild(el.firstChild);
  const line = (el as unknown as { lineNumber?: number }).lineNumber;
  if (line !== undefined) Object.defineProperty(out, "lineNumber", { value: line });
  return out;
}

class Resolver {
  readonly used = new Set<string>();
  readonly warnings: string[] = [];
  /** Legacy forms that were read the way Open edX reads them (not problems: `olx check` notes). */
  readonly notes: string[] = [];
  private noteSeen = new Set<string>();
  policy: Policy = {};
  private warnSeen = new Set<string>();

  private blocks = 0;

  constructor(readonly files: FileMap, readonly limits: Limits, readonly onDisk: Map<string, DiskMember> = new Map()) {}

  note(msg: string) {
    if (this.noteSeen.has(msg)) return;
    this.noteSeen.add(msg);
    this.notes.push(msg);
  }

  /** The definition element of a pointer `<tag url_name="x"/>` (or the element itself). */
  private definitionOf(el: Element, file: string, ctx: Ctx): { el: Element; file: string } {
    const attrs = attributesOf(el);
    if (!(attrs.length === 1 && attrs[0][0] === "url_name" && !hasContent(el))) return { el, file };
    const found = this.findFile(`${el.tagName}/${pathOfUrlName(attrs[0][1])}.xml`, ctx.draft);
    if (!found) return { el, file };
    const def = this.xml(found);
    if (!def.getAttribute("url_name")) def.setAttribute("url_name", attrs[0][1]);
    return { el: def, file: found };
  }

  /**
   * A 2013-era `<section>` directly under a chapter (olx.md; edx-platform's legacy import): with
   * exactly one child element it is that child, the section's attributes copied onto it (the
   * child keeps its own url_name); otherwise it is a sequential. "section" is never a block type.
   */
  legacySection(el: Element, file: string, ctx: Ctx): { el: Element; file: string; overrides: Array<[string, string]> } {
    const def = this.definitionOf(el, file, ctx);
    const kids = elementChildren(def.el);
    const line = lineOf(el);
    if (kids.length === 1) {
      const child = kids[0];
      const overrides = attributesOf(def.el).filter(([k]) => k !== "url_name");
      if (!child.getAttribute("url_name") && def.el.getAttribute("url_name") && (hasContent(child) || attributesOf(child).length > 0)) {
        child.setAttribute("url_name", def.el.getAttribute("url_name")!);
      }
      this.note(`${def.file}${line ? `:${line}` : ""}: legacy <section> with one child read as its <${child.tagName}>`);
      return { el: child, file: def.file, overrides };
    }
    this.note(`${def.file}${line ? `:${line}` : ""}: legacy <section> read as a <sequential>`);
    return { el: renamed(def.el, "sequential"), file: def.file, overrides: [] };
  }

  countBlock(file: string, el: Element) {
    this.blocks += 1;
    if (this.blocks > this.limits.maxBlocks) throw new OlxError(`more than ${this.limits.maxBlocks} blocks in the course`, file, lineOf(el));
  }

  warn(msg: string) {
    if (this.warnSeen.has(msg)) return;
    this.warnSeen.add(msg);
    this.warnings.push(msg);
  }

  xml(file: string): Element {
    const data = this.files.get(file);
    if (!data) throw new OlxError("file not found", file);
    this.used.add(file);
    return parseXml(data, file, this.limits.maxDepth);
  }

  /** Looks a block file up (drafts first for draft content). */
  findFile(rel: string, draft: boolean): string | null {
    if (draft && this.files.has(`drafts/${rel}`)) return `drafts/${rel}`;
    return this.files.has(rel) ? rel : null;
  }

  /** Identity of an inline element without url_name (olx.md §1.4): slug, name, display_name, hash. */
  private inventUrlName(el: Element, type: string, seen: Map<string, string>): string {
    const clean = (s: string) => s.replace(/[^\w.-]+/g, "_").replace(/^_+|_+$/g, "");
    const hashed = `${type}_${sha1(serializeWithout(el, [])).slice(0, 12)}`;
    for (const attr of ["slug", "name", "display_name"]) {
      const v = el.getAttribute(attr);
      if (!v) continue;
      const name = attr === "slug" ? v : clean(v);
      if (name && !seen.has(`${type}/${name}`)) return name;
      break;
    }
    let name = hashed;
    for (let i = 2; seen.has(`${type}/${name}`); i++) name = `${hashed}_${i}`;
    return name;
  }

  loadBlock(el: Element, file: string, ctx: Ctx, overrides: Array<[string, string]> = []): OlxBlock {
    if (el.tagName === "section") {
      const legacy = this.legacySection(el, file, ctx);
      return this.loadBlock(legacy.el, legacy.file, ctx, [...legacy.overrides, ...overrides]);
    }
    const authoredType = el.tagName;
    const type = CUSTOM_TAG_ALIASES.has(authoredType) ? "customtag" : authoredType;
    this.countBlock(file, el);
    if (ctx.depth > this.limits.maxDepth) {
      throw new OlxError(`blocks nested deeper than ${this.limits.maxDepth} levels`, file, lineOf(el));
    }
    const attrs = attributesOf(el);
    const isPointer = attrs.length === 1 && attrs[0][0] === "url_name" && !hasContent(el);
    let element = el;
    let defFile = file;
    let urlName: string;
    let missing = false;

    if (isPointer) {
      urlName = attrs[0][1];
      if (!urlName.trim()) throw new OlxError(`<${type}> with an empty url_name`, file, lineOf(el));
      this.checkIdentity(type, urlName, file, el, ctx);
      const rel = `${authoredType}/${pathOfUrlName(urlName)}.xml`;
      const found = this.findFile(rel, ctx.draft);
      if (found) {
        element = this.xml(found);
        defFile = found;
        if (element.tagName !== authoredType) {
          // Open edX keeps the pointer's tag: the file supplies the attributes and children.
          this.note(`${found}: root <${element.tagName}> read as the pointer's <${authoredType}>`);
          element = renamed(element, authoredType);
        }
      } else if (FILE_TYPES.has(authoredType)) {
        throw new OlxError(`missing file ${rel} for <${type} url_name="${urlName}"/>`, file, lineOf(el));
      } else {
        // A bare pointer to a pure XBlock: the block exists with default settings.
        missing = true;
        this.warn(`${file}: <${authoredType} url_name="${urlName}"/> has no ${rel}; kept with default settings`);
      }
    } else {
      urlName = el.getAttribute("url_name") || this.inventUrlName(el, type, ctx.seen);
      this.checkIdentity(type, urlName, file, el, ctx);
      const legacy = el.getAttribute("filename");
      if (legacy && type !== "html" && elementChildren(el).length === 0) {
        // Legacy `filename` on any block: the definition is <tag>/<filename>.xml (olx.md §1.7).
        const rel = `${type}/${pathOfUrlName(legacy.replace(/\.xml$/, ""))}.xml`;
        const found = this.findFile(rel, ctx.draft);
        if (!found) throw new OlxError(`missing file ${rel} named by filename="${legacy}"`, file, lineOf(el));
        element = this.xml(found);
        defFile = found;
        for (const [k, v] of attrs) if (k !== "filename" && k !== "url_name") element.setAttribute(k, v);
        element.removeAttribute("filename");
      }
    }

    if (type !== authoredType) {
      this.note(`${defFile}${lineOf(el) ? `:${lineOf(el)}` : ""}: legacy <${authoredType}> read as a custom tag (customtag impl="${authoredType}")`);
      element = renamed(element, "customtag");
      if (!element.getAttribute("impl")) element.setAttribute("impl", authoredType);
    }
    const key = `${type}/${urlName}`;
    const fields: Record<string, unknown> = {};
    if (!missing) for (const [k, v] of attributesOf(element)) if (k !== "url_name") fields[k] = v;
    for (const [k, v] of overrides) fields[k] = v;
    const policyEntry = this.policy[key];
    if (policyEntry) Object.assign(fields, policyEntry);

    const block: OlxBlock = { type, urlName, fields, settings: {}, children: [], sourcePath: defFile };
    if (ctx.draft) block.isDraft = true;
    const reason = unsupportedReasonOf(type);
    if (reason) block.unsupportedReason = reason;

    const warnField = (m: string) => this.warn(`${defFile}: <${type} url_name="${urlName}">: ${m}`);
    if (type === "html") {
      block.definition = this.htmlBody(element, urlName, defFile, ctx.draft);
      delete fields.filename;
    } else if (CONTAINER_TYPES.has(type)) {
      // children below
    } else {
      block.definition = missing ? `<${type}/>` : serializeWithout(element, ["url_name"]);
    }
    block.settings = resolveSettings(ctx.parentSettings, fields, warnField);
    if (type === "discussion" && !block.settings.discussion_id) {
      // The platform derives an id when discussion_id is missing; ours is stable across imports.
      block.settings.discussion_id = sha1(`discussion/${urlName}`).slice(0, 32);
    }

    if (CONTAINER_TYPES.has(type) && !missing) {
      ctx.stack.add(key);
      const childCtx: Ctx = { ...ctx, parentSettings: block.settings, depth: ctx.depth + 1 };
      const shows: string[] = [];
      const groups: Record<string, string[]> = {};
      for (const child of elementChildren(element)) {
        // Old-style conditional: <show sources="…"/> names blocks to reveal; it is not a block
        // (ConditionalBlock keeps it as show_tag_list, and writes it back as <show> tags).
        if (type === "conditional" && child.tagName === "show") {
          shows.push(child.getAttribute("sources") ?? "");
          continue;
        }
        // Legacy <abtest>: <group>/<default> only group the blocks; their children are the blocks.
        if (type === "abtest" && (child.tagName === "group" || child.tagName === "default")) {
          const name = child.tagName === "default" ? "default" : (child.getAttribute("name") ?? String(block.children.length));
          const members: string[] = [];
          for (const member of elementChildren(child)) {
            const b = this.loadBlock(member, defFile, childCtx);
            members.push(`${b.type}/${b.urlName}`);
            block.children.push(b);
          }
          groups[name] = members;
          continue;
        }
        block.children.push(this.loadBlock(child, defFile, childCtx));
      }
      if (shows.length) {
        fields.show_tag_list = shows;
        block.settings.show_tag_list = shows;
      }
      if (Object.keys(groups).length) {
        this.note(`${defFile}: legacy <abtest url_name="${urlName}">: the blocks of its <group>/<default> elements are its children`);
        block.settings.group_content = groups;
      }
      ctx.stack.delete(key);
    }
    return block;
  }

  private checkIdentity(type: string, urlName: string, file: string, el: Element, ctx: Ctx) {
    if (!isSafeUrlName(urlName)) {
      throw new OlxError(`invalid url_name ${JSON.stringify(urlName.slice(0, 100))} on <${type}>`, file, lineOf(el));
    }
    if (!/^[\w.-]+$/.test(type)) throw new OlxError(`invalid block type <${type.slice(0, 100)}>`, file, lineOf(el));
    const key = `${type}/${urlName}`;
    if (ctx.stack.has(key)) {
      throw new OlxError(`cycle of pointers: <${type} url_name="${urlName}"/> contains itself`, file, lineOf(el));
    }
    const prev = ctx.seen.get(key);
    if (prev !== undefined) {
      throw new OlxError(`duplicate url_name "${urlName}" for <${type}> (also used in ${prev})`, file, lineOf(el));
    }
    ctx.seen.set(key, `${file}${lineOf(el) ? `:${lineOf(el)}` : ""}`);
  }

  /** The html body: `filename` relative to the pointer's own folder (olx.md §2), else inline. */
  private htmlBody(el: Element, urlName: string, defFile: string, draft: boolean): string {
    const filename = el.getAttribute("filename");
    if (!filename) return innerXml(el);
    const ownPath = `html/${pathOfUrlName(urlName)}.xml`;
    const dir = ownPath.slice(0, ownPath.lastIndexOf("/"));
    const candidates = [`${dir}/${filename}.html`, `${dir}/${filename}`, `html/${filename}.html`, `html/${filename}`];
    for (const c of candidates) {
      if (!c.endsWith(".html")) continue;
      const found = this.findFile(c, draft);
      if (found) {
        this.used.add(found);
        return decodeText(this.files.get(found)!, found);
      }
    }
    throw new OlxError(`missing html body ${dir}/${filename}.html`, defFile);
  }

  readPolicy(run: string, meta: Record<string, unknown>) {
    const candidates = [`policies/${run}/policy.json`, `policies/${run}.json`];
    const found = candidates.find((c) => this.files.has(c));
    if (!found) {
      this.warn(`no policies/${run}/policy.json: course settings come from course/${run}.xml only`);
      return;
    }
    this.used.add(found);
    const data = parseJsonFile(this.files, found);
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new OlxError("policy must be a JSON object", found);
    for (const [k, v] of Object.entries(data)) {
      if (!v || typeof v !== "object" || Array.isArray(v)) throw new OlxError(`policy entry "${k}" must be an object`, found);
    }
    this.policy = data as Policy;
    meta.policy = data;
    meta.policyPath = found;
  }

  readGradingPolicy(run: string, meta: Record<string, unknown>): Record<string, unknown> | null {
    const found = [`policies/${run}/grading_policy.json`, "grading_policy.json"].find((c) => this.files.has(c));
    if (!found) {
      this.warn(`no policies/${run}/grading_policy.json: Open edX's default grading policy applies`);
      return null;
    }
    this.used.add(found);
    const data = parseJsonFile(this.files, found);
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new OlxError("grading policy must be a JSON object", found);
    const gp = data as Record<string, unknown>;
    if (gp.GRADER !== undefined && !Array.isArray(gp.GRADER)) throw new OlxError("GRADER must be a list", found);
    meta.gradingPolicyPath = found;
    return gp;
  }
}

export function resolveOlx(files: FileMap, limits: Limits, onDisk: Map<string, DiskMember> = new Map()): OlxCourse {
  const r = new Resolver(files, limits, onDisk);
  const meta: Record<string, unknown> = {};
  let org: string;
  let courseNum: string;
  let run: string;
  let courseEl: Element;
  let courseFile: string;
  let courseKey: string;
  let rootType: "course" | "library";

  if (files.has("course.xml")) {
    const el = r.xml("course.xml");
    if (el.tagName !== "course") throw new OlxError(`root element must be <course>, found <${el.tagName}>`, "course.xml", lineOf(el));
    const attrs = Object.fromEntries(attributesOf(el));
    // Legacy pointers name the run with `slug` instead of url_name (olx.md §1.1).
    const pointer = !hasContent(el) && Object.keys(attrs).every((k) => k === "url_name" || k === "org" || k === "course" || k === "slug");
    org = attrs.org ?? "";
    courseNum = attrs.course ?? "";
    run = attrs.url_name || attrs.slug || "";
    if (!org || !courseNum || !run) {
      throw new OlxError("course.xml must name org, course and url_name (the run)", "course.xml", lineOf(el));
    }
    if (!isSafeUrlName(run)) throw new OlxError(`invalid run ${JSON.stringify(run.slice(0, 100))}`, "course.xml", lineOf(el));
    meta.courseXml = attrs;
    if (pointer) {
      courseFile = `course/${pathOfUrlName(run)}.xml`;
      if (!files.has(courseFile)) throw new OlxError(`missing ${courseFile} named by course.xml`, "course.xml", lineOf(el));
      courseEl = r.xml(courseFile);
      if (courseEl.tagName !== "course") throw new OlxError(`expected <course>, found <${courseEl.tagName}>`, courseFile);
    } else {
      // Legacy: the whole course inline in course.xml (2013-era test courses).
      courseEl = el;
      courseFile = "course.xml";
      meta.inlineRoot = true;
    }
    courseKey = courseKeyOf(org, courseNum, run);
    rootType = "course";
  } else if (files.has("library.xml")) {
    courseEl = r.xml("library.xml");
    courseFile = "library.xml";
    if (courseEl.tagName !== "library") throw new OlxError(`root element must be <library>, found <${courseEl.tagName}>`, "library.xml");
    org = courseEl.getAttribute("org") ?? "";
    courseNum = courseEl.getAttribute("library") ?? "";
    run = courseEl.getAttribute("url_name") || "library";
    if (!isSafeUrlName(run)) throw new OlxError(`invalid url_name ${JSON.stringify(run.slice(0, 100))}`, "library.xml");
    if (!org || !courseNum) throw new OlxError("library.xml must name org and library", "library.xml", lineOf(courseEl));
    courseKey = `library-v1:${org}+${courseNum}`;
    rootType = "library";
    meta.libraryXml = Object.fromEntries(attributesOf(courseEl));
  } else {
    throw new OlxError("no course.xml or library.xml at the root of the export");
  }
  meta.rootType = rootType;
  meta.run = run;

  if (rootType === "course") r.readPolicy(run, meta);
  const gradingPolicy = rootType === "course" ? r.readGradingPolicy(run, meta) : null;

  // The root block: attributes + policy["course/<run>"]; <wiki> and <textbook> are course fields.
  const rootFields: Record<string, unknown> = {};
  const dropRootAttrs = rootType === "course" ? ["url_name", "org", "course", "slug"] : ["url_name", "org", "library"];
  for (const [k, v] of attributesOf(courseEl)) if (!dropRootAttrs.includes(k)) rootFields[k] = v;
  const blockChildren: Element[] = [];
  const textbooks: Array<Record<string, string>> = [];
  for (const child of elementChildren(courseEl)) {
    if (rootType === "course" && child.tagName === "wiki") {
      rootFields.wiki_slug = child.getAttribute("slug") ?? "";
    } else if (rootType === "course" && child.tagName === "textbook") {
      textbooks.push(Object.fromEntries(attributesOf(child)));
    } else {
      blockChildren.push(child);
    }
  }
  if (textbooks.length) rootFields.textbooks = textbooks;
  Object.assign(rootFields, r.policy[`course/${run}`] ?? {});
  const warnRoot = (m: string) => r.warn(`${courseFile}: ${m}`);
  const root: OlxBlock = {
    type: rootType,
    urlName: run,
    fields: rootFields,
    settings: resolveSettings(null, rootFields, warnRoot),
    children: [],
    sourcePath: courseFile,
  };
  const reason = unsupportedReasonOf(rootType);
  if (reason && rootType !== "library") root.unsupportedReason = reason;
  const seen = new Map<string, string>([[`${rootType}/${run}`, courseFile]]);
  const ctx: Ctx = { draft: false, stack: new Set([`${rootType}/${run}`]), seen, parentSettings: root.settings, depth: 1 };
  for (const child of blockChildren) root.children.push(r.loadBlock(child, courseFile, ctx));

  const drafts = readDrafts(r, root);
  const assets = readAssets(r);
  const documents = readDocuments(r);
  warnOrphans(r);

  return {
    org,
    course: courseNum,
    run,
    courseKey,
    root,
    drafts,
    gradingPolicy,
    meta,
    assets,
    documents,
    warnings: r.warnings,
    notes: r.notes,
  };
}

/** Index of the published tree by type/url_name, for placing drafts under their parents. */
function indexTree(root: OlxBlock): Map<string, OlxBlock> {
  const idx = new Map<string, OlxBlock>();
  const stack = [root];
  while (stack.length) {
    const b = stack.pop()!;
    idx.set(`${b.type}/${b.urlName}`, b);
    stack.push(...b.children);
  }
  return idx;
}

/** parent_url: block-v1:…+type@sequential+block@<id>, or i4x://org/course/sequential/<id>. */
export function parseParentUrl(url: string): { type: string; urlName: string } | null {
  const v1 = /type@([^+]+)\+block@(.+)$/.exec(url);
  if (v1) return { type: v1[1], urlName: v1[2] };
  const i4x = /^i4x:\/\/[^/]+\/[^/]+\/([^/]+)\/([^/@]+)/.exec(url);
  if (i4x) return { type: i4x[1], urlName: i4x[2] };
  return null;
}

function readDrafts(r: Resolver, root: OlxBlock): OlxBlock[] {
  const draftFiles = [...r.files.keys()].filter((p) => p.startsWith("drafts/") && p.endsWith(".xml")).sort();
  if (draftFiles.length === 0) return [];
  // A draft file referenced by another draft container is that draft's child, not a top-level draft.
  const referenced = new Set<string>();
  const parsed = new Map<string, Element>();
  for (const f of draftFiles) {
    const el = parseXml(r.files.get(f)!, f, r.limits.maxDepth);
    parsed.set(f, el);
    if (CONTAINER_TYPES.has(el.tagName)) {
      for (const c of elementChildren(el)) {
        const u = c.getAttribute("url_name");
        if (u) referenced.add(`drafts/${c.tagName}/${pathOfUrlName(u)}.xml`);
      }
    }
  }
  const idx = indexTree(root);
  const seen = new Map<string, string>();
  const out: OlxBlock[] = [];
  for (const f of draftFiles) {
    if (referenced.has(f)) continue;
    const rel = f.slice("drafts/".length);
    const slash = rel.indexOf("/");
    if (slash < 0) {
      r.warn(`${f}: not in drafts/<category>/, ignored`);
      continue;
    }
    const type = rel.slice(0, slash);
    const urlName = rel.slice(slash + 1, -".xml".length).replace(/\//g, ":");
    const el = parsed.get(f)!;
    if (el.tagName !== type) throw new OlxError(`expected a <${type}> element, found <${el.tagName}>`, f, lineOf(el));
    const parentUrl = el.getAttribute("parent_url");
    const parentRef = parentUrl ? parseParentUrl(parentUrl) : null;
    const parent = parentRef ? idx.get(`${parentRef.type}/${parentRef.urlName}`) : undefined;
    if (!parent) r.warn(`${f}: draft parent ${parentUrl ?? "(no parent_url)"} is not in the course; inheriting from the course`);
    const pointer = el.ownerDocument!.createElement(type);
    pointer.setAttribute("url_name", urlName);
    const ctx: Ctx = {
      draft: true,
      stack: new Set(),
      seen,
      parentSettings: (parent ?? root).settings,
      depth: 1,
    };
    out.push(r.loadBlock(pointer, f, ctx));
  }
  return out;
}

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", svg: "image/svg+xml",
  webp: "image/webp", ico: "image/vnd.microsoft.icon", bmp: "image/bmp", tif: "image/tiff", tiff: "image/tiff",
  pdf: "application/pdf", html: "text/html", htm: "text/html", css: "text/css", js: "text/javascript",
  json: "application/json", xml: "application/xml", txt: "text/plain", csv: "text/csv", md: "text/markdown",
  srt: "application/x-subrip", sjson: "application/json", vtt: "text/vtt", mp4: "video/mp4", webm: "video/webm",
  ogv: "video/ogg", mp3: "audio/mpeg", wav: "audio/wav", ogg: "audio/ogg", m4a: "audio/mp4",
  woff: "font/woff", woff2: "font/woff2", ttf: "font/ttf", otf: "font/otf", eot: "application/vnd.ms-fontobject",
  zip: "application/zip", gz: "application/gzip", tgz: "application/gzip", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  doc: "application/msword", xls: "application/vnd.ms-excel", ppt: "application/vnd.ms-powerpoint",
  py: "text/x-python", ipynb: "application/x-ipynb+json", m: "text/plain",
};

/**
 * The asset's block name in asset keys and policies/assets.json: `/` in subpaths becomes `_`
 * (olx.md §6), and characters a location may not hold (spaces, parentheses...) become `_` too.
 */
export function assetBlockName(p: string): string {
  return p.replace(/\//g, "_").replace(/[^\w.%-]/g, "_");
}

export function guessContentType(p: string): string {
  const dot = p.lastIndexOf(".");
  const ext = dot < 0 ? "" : p.slice(dot + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}

/** Every member of the export: text in memory, the rest on disk. */
function membersOf(r: Resolver): Array<[string, { data: Buffer } | DiskMember]> {
  const out: Array<[string, { data: Buffer } | DiskMember]> = [];
  for (const [p, data] of r.files) out.push([p, { data }]);
  for (const [p, m] of r.onDisk) out.push([p, m]);
  return out;
}

/** `data` of an asset/document: in hand, or read from disk when asked (importers stream `file`). */
function withBytes<T extends object>(base: T, m: { data: Buffer } | DiskMember): T & { data: Buffer; file?: string } {
  if ("data" in m) return { ...base, data: m.data };
  const file = m.file;
  const out = { ...base, file } as T & { data: Buffer; file?: string };
  Object.defineProperty(out, "data", { get: () => readFileSync(file), enumerable: true });
  return out;
}

function readAssets(r: Resolver): OlxAsset[] {
  let meta: Record<string, Record<string, unknown>> = {};
  if (r.files.has("policies/assets.json")) {
    const data = parseJsonFile(r.files, "policies/assets.json");
    if (data && typeof data === "object" && !Array.isArray(data)) meta = data as typeof meta;
    else r.warn("policies/assets.json is not a JSON object; ignored");
  }
  const out: OlxAsset[] = [];
  for (const [p, member] of membersOf(r)) {
    if (!p.startsWith("static/")) continue;
    const path = p.slice("static/".length);
    r.used.add(p);
    // assets.json is keyed by the asset's block name: subfolder `/` becomes `_` (olx.md §6).
    const m = meta[assetBlockName(path)] ?? meta[path.replace(/\//g, "_")] ?? meta[path];
    const ct = typeof m?.contentType === "string" && m.contentType ? m.contentType : guessContentType(path);
    const size = "data" in member ? member.data.length : member.size;
    out.push(withBytes({ path, size, contentType: ct, locked: m?.locked === true || m?.locked === "true" }, member));
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function readDocuments(r: Resolver): OlxDocument[] {
  const out: OlxDocument[] = [];
  for (const [p, member] of membersOf(r)) {
    if (r.used.has(p) && p !== "policies/assets.json") continue;
    const top = p.includes("/") ? p.slice(0, p.indexOf("/")) : "";
    let kind: OlxDocument["kind"] | null = null;
    if (top === "about") kind = "about";
    else if (top === "info") kind = "info";
    else if (top === "tabs") kind = "tab";
    else if (top === "policies") kind = "policy";
    else if (top === "assets" || top === "") kind = "other";
    if (!kind) continue;
    r.used.add(p);
    out.push(withBytes({ path: p, kind }, member));
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function warnOrphans(r: Resolver) {
  const paths = [...r.files.keys(), ...r.onDisk.keys()];
  const orphans = paths.filter((p) => !r.used.has(p) && !NON_BLOCK_DIRS.has(p.split("/")[0])).sort();
  const draftOrphans = paths.filter((p) => p.startsWith("drafts/") && !r.used.has(p)).sort();
  const all = [...orphans, ...draftOrphans];
  if (all.length) {
    const shown = all.slice(0, 10).join(", ");
    r.warn(`${all.length} file(s) not reachable from the course root were ignored: ${shown}${all.length > 10 ? ", …" : ""}`);
  }
}

