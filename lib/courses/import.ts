// Imports an OLX export (directory or .tar.gz) as a new immutable course version: lib/olx reads
// and resolves it, every body (definitions, html, documents, assets) goes to the content store,
// then ONE MySQL transaction writes the course row, the version, its block index, assets and
// documents and swaps the published pointer. Blobs written before a failed transaction are
// harmless (content-addressed, unreferenced); MySQL never holds a partial import.
import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import { getContentStore, type ContentStore } from "@/lib/content";
import type { Tx } from "@/lib/db";
import {
  getUserIdByUsername,
  saveImportedCourse,
  type CatalogFields,
  type CourseRow,
  type NewAssetRow,
  type NewBlockRow,
  type NewDocumentRow,
  type NewVersion,
} from "@/lib/db/queries/courses";
import { env } from "@/lib/env";
import { readOlx, type OlxBlock, type OlxCourse } from "@/lib/olx";
import { problemUnsupportedReason } from "@/lib/courses/problem-analysis";
import { usageKey } from "@/lib/olx/types";

export type ImportStage = "cloning" | "reading" | "storing" | "writing" | "done";

export interface ImportProgress {
  stage: ImportStage;
  filesRead: number;
  blocksWritten: number;
  /** blocks to write (known once the course is read) */
  total: number;
}

export interface ImportResult {
  courseKey: string;
  versionId: number;
  draftVersionId: number | null;
  courseId: number;
  created: boolean;
  /** skipUnchanged found the published version already has this content: nothing was written */
  unchanged: boolean;
  /** blocks reachable from the course root, by type (the course itself included) */
  blocks: Record<string, number>;
  warnings: string[];
}

export class ImportError extends Error {
  constructor(
    readonly code: "invalid:owner" | "forbidden:course" | "invalid:course-key",
    message: string,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export interface ImportOptions {
  ownerUsername?: string;
  /** user id recorded as the version's author (and the course's creator when new) */
  createdBy?: number | null;
  onProgress?: (p: ImportProgress) => void;
  /** Runs inside the transaction with the locked course row (null when new); throw to refuse. */
  authorize?: (info: { courseKey: string; existing: CourseRow | null; tx: Tx }) => Promise<void> | void;
  store?: ContentStore;
  /** Recorded on the new version's meta (e.g. { git: { url, ref, folder, commit } }). */
  versionMeta?: Record<string, unknown>;
  /** Test seams: fail at precise points to prove nothing partial is left behind. */
  testHooks?: { afterBlobs?: () => Promise<void> | void; beforeCommit?: () => Promise<void> | void };
  /**
   * Write nothing when the course's published version was imported from exactly this content
   * (the same blocks, settings, grading policy, catalog fields, drafts, assets and documents):
   * re-running a set-up then leaves the version history alone. The result says `unchanged`.
   */
  skipUnchanged?: boolean;
}

/** Reads `source` (a directory or .tar.gz/.tgz) and imports it. */
export async function importCourse(opts: ImportOptions & { source: string }): Promise<ImportResult> {
  const progress: ImportProgress = { stage: "reading", filesRead: 0, blocksWritten: 0, total: 0 };
  opts.onProgress?.({ ...progress });
  const e = env();
  // Text (XML/JSON/HTML) is held in memory under a cap; assets stay on disk and are streamed into
  // the content store, so memory does not grow with the archive (see lib/olx/source.ts).
  const course = await readOlx(opts.source, {
    maxUnpackedBytes: e.IMPORT_MAX_UNPACKED_BYTES,
    maxFiles: e.IMPORT_MAX_FILES,
    maxTextBytes: e.IMPORT_MAX_TEXT_BYTES,
    maxBlocks: e.IMPORT_MAX_BLOCKS,
    onProgress: ({ filesRead }: { filesRead: number }) => {
      progress.filesRead = filesRead;
      opts.onProgress?.({ ...progress });
    },
  });
  try {
    return await importOlxCourse({ ...opts, course, filesRead: progress.filesRead, sourceName: path.basename(opts.source) });
  } finally {
    await course.dispose?.();
  }
}

// Bounded parallelism for content-store writes (each is a temp write + fsync + rename).
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const truncate = (s: string | null | undefined, n: number) => (s == null ? null : s.length > n ? s.slice(0, n) : s);

function asString(v: unknown): string | null {
  if (v == null || v === "") return null;
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null;
}

function asBool(v: unknown): boolean {
  return v === true || v === "true" || v === "True" || v === 1 || v === "1";
}

/** Open edX dates: ISO with or without a zone; no zone means UTC. Unparseable → null. */
export function parseOlxDate(v: unknown): Date | null {
  const s = asString(v)?.trim().replace(/^"|"$/g, "");
  if (!s) return null;
  let iso = s;
  if (/^\d{4}-\d\d-\d\d$/.test(s)) iso = `${s}T00:00:00Z`;
  else if (/T\d/.test(s) && !/(Z|[+-]\d\d:?\d\d)$/i.test(s)) iso = `${s}Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function setting(block: OlxBlock, name: string): unknown {
  return block.settings[name] ?? block.fields[name];
}

// Settings and fields must be plain JSON for the json() columns; anything exotic (Dates) becomes
// its JSON form once, here.
function jsonClean(v: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
}

interface FlatBlock {
  block: OlxBlock;
  parentKey: string | null;
  position: number;
  depth: number;
}

/** Pre-order walk (iterative: trees can be deep and wide). */
function flatten(root: OlxBlock): FlatBlock[] {
  const out: FlatBlock[] = [];
  const stack: FlatBlock[] = [{ block: root, parentKey: null, position: 0, depth: 0 }];
  // usage keys are computed by the caller; here we only need the parent's identity
  const keyOf = (b: OlxBlock) => `${b.type}\u0000${b.urlName}`;
  while (stack.length) {
    const item = stack.pop()!;
    out.push(item);
    const kids = item.block.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ block: kids[i], parentKey: keyOf(item.block), position: i, depth: item.depth + 1 });
  }
  return out;
}

/** Finds the (type, url_name) a draft's parent_url names: i4x://O/C/type/name or block-v1:…+type@T+block@N. */
export function parseParentUrl(url: unknown): { type: string; urlName: string } | null {
  const s = asString(url);
  if (!s) return null;
  const bv1 = /\+type@([^+]+)\+block@(.+)$/.exec(s);
  if (bv1) return { type: bv1[1], urlName: bv1[2] };
  const i4x = /^i4x:\/\/[^/]+\/[^/]+\/([^/]+)\/([^/@]+)/.exec(s);
  if (i4x) return { type: i4x[1], urlName: i4x[2] };
  return null;
}

function cloneTree(b: OlxBlock): OlxBlock {
  return { ...b, children: b.children.map(cloneTree) };
}

function markDraft(b: OlxBlock): OlxBlock {
  return { ...b, isDraft: true, children: b.children.map(markDraft) };
}

/**
 * The tree Studio sees: the published tree with drafts/ applied. A draft with the identity of a
 * published block replaces it; a new one is placed under parent_url at index_in_children_list.
 */
export function applyDrafts(root: OlxBlock, drafts: OlxBlock[], warnings: string[]): OlxBlock {
  const tree = cloneTree(root);
  const index = new Map<string, { block: OlxBlock; parent: OlxBlock | null }>();
  const indexTree = (b: OlxBlock, parent: OlxBlock | null) => {
    index.set(`${b.type}/${b.urlName}`, { block: b, parent });
    for (const c of b.children) indexTree(c, b);
  };
  indexTree(tree, null);
  const ordered = [...drafts].sort((a, b) => Number(setting(a, "index_in_children_list") ?? 0) - Number(setting(b, "index_in_children_list") ?? 0));
  for (const d of ordered) {
    const draft = markDraft(d);
    const same = index.get(`${d.type}/${d.urlName}`);
    if (same?.parent) {
      const i = same.parent.children.indexOf(same.block);
      same.parent.children[i] = draft;
      indexTree(draft, same.parent);
      continue;
    }
    const parentId = parseParentUrl(setting(d, "parent_url"));
    const parent = parentId ? index.get(`${parentId.type}/${parentId.urlName}`)?.block : undefined;
    if (!parent) {
      warnings.push(`drafts/${d.type}/${d.urlName}.xml: its parent ${String(setting(d, "parent_url") ?? "(none)")} is not in the course; the draft was kept out of the draft version`);
      continue;
    }
    const at = Math.max(0, Math.min(parent.children.length, Number(setting(d, "index_in_children_list") ?? parent.children.length) || 0));
    parent.children.splice(at, 0, draft);
    indexTree(draft, parent);
  }
  return tree;
}

function countByType(flat: FlatBlock[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of flat) counts[f.block.type] = (counts[f.block.type] ?? 0) + 1;
  return counts;
}

function catalogOf(course: OlxCourse): CatalogFields {
  const root = course.root;
  // only the two documents the catalog shows are read (a document's bytes may be on disk)
  const doc = (p: string) => course.documents.find((d) => d.path === p)?.data.toString("utf8").trim() || null;
  const visibility = asString(setting(root, "catalog_visibility"));
  const effort = doc("about/effort.html");
  return {
    displayName: truncate(asString(setting(root, "display_name")) ?? course.courseKey, 255)!,
    shortDescription: doc("about/short_description.html"),
    courseImage: truncate(asString(setting(root, "course_image")), 512),
    effort: effort ? truncate(stripTags(effort), 64) : null,
    start: parseOlxDate(setting(root, "start")),
    end: parseOlxDate(setting(root, "end")),
    enrollmentStart: parseOlxDate(setting(root, "enrollment_start")),
    enrollmentEnd: parseOlxDate(setting(root, "enrollment_end")),
    catalogVisibility: visibility && ["both", "about", "none"].includes(visibility) ? visibility : "both",
    invitationOnly: asBool(setting(root, "invitation_only")),
    selfPaced: asBool(setting(root, "self_paced")),
  };
}

/** sha256 of what an import publishes (and its drafts), in a fixed order: equal exactly when the content is. */
function contentFingerprint(c: {
  rootKey: string;
  course: OlxCourse;
  catalog: unknown;
  published: NewBlockRow[];
  draft: NewBlockRow[] | null;
  assets: NewAssetRow[];
  documents: NewDocumentRow[];
}): string {
  const byPath = <T extends { path: string }>(rows: T[]) => [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sha256(
    JSON.stringify({
      v: 1,
      root: c.rootKey,
      gradingPolicy: c.course.gradingPolicy,
      meta: jsonClean(c.course.meta),
      catalog: c.catalog,
      published: c.published,
      draft: c.draft,
      assets: byPath(c.assets),
      documents: byPath(c.documents),
    }),
  );
}

/** Imports an already-read course (the CLI/job path reads it first; tests build one directly). */
export async function importOlxCourse(
  opts: ImportOptions & { course: OlxCourse; filesRead?: number; sourceName?: string },
): Promise<ImportResult> {
  const { course } = opts;
  const store = opts.store ?? getContentStore();
  const warnings = [...course.warnings];
  const progress: ImportProgress = { stage: "storing", filesRead: opts.filesRead ?? 0, blocksWritten: 0, total: 0 };
  const report = () => opts.onProgress?.({ ...progress });

  // Refuse a bad owner before anything is written.
  let ownerUserId: number | null = null;
  if (opts.ownerUsername) {
    ownerUserId = await getUserIdByUsername({ username: opts.ownerUsername });
    if (ownerUserId === null) throw new ImportError("invalid:owner", `No user named "${opts.ownerUsername}" (--owner must be an existing username)`);
  }

  const published = flatten(course.root);
  const draftTree = course.drafts.length ? applyDrafts(course.root, course.drafts, warnings) : null;
  const draftFlat = draftTree ? flatten(draftTree) : null;
  progress.total = published.length + (draftFlat?.length ?? 0);
  report();

  // Course authors are trusted (as in Open edX): HTML that carries <script> imports as authored,
  // but whoever imports is told which components run scripts in learners' browsers.
  const scripted = new Set<string>();
  for (const f of [...published, ...(draftFlat ?? [])]) {
    const b = f.block;
    if (b.type !== "html" || b.definition == null || !/<script\b/i.test(b.definition)) continue;
    const key = usageKey(course, b.type, b.urlName);
    if (scripted.has(key)) continue;
    scripted.add(key);
    const name = asString(setting(b, "display_name"));
    warnings.push(`html component ${key}${name ? ` ("${name}")` : ""} carries <script>: imported as authored; the script runs in learners' browsers`);
  }

  // 1. Bodies → content store, deferred (one sync for the batch at flush()). Hashes are computed
  // here too, so building the rows (and analysing problems, CPU-bound) overlaps the writes.
  const meta = { courseKey: course.courseKey };
  const deferred = { deferSync: true } as const;
  const defHashes = new Map<string, string>();
  for (const f of [...published, ...(draftFlat ?? [])]) {
    const d = f.block.definition;
    if (d != null && !defHashes.has(d)) defHashes.set(d, sha256(d));
  }
  const storing = Promise.all([
    mapLimit([...defHashes.keys()], 32, (d) => store.put(d, { ...meta, kind: "definition", contentType: "text/xml; charset=utf-8" }, deferred)),
    mapLimit(course.assets, 16, async (a): Promise<NewAssetRow> => {
      const info = await store.put(a.file ? createReadStream(a.file) : a.data, { ...meta, kind: "asset", contentType: a.contentType }, deferred);
      return { path: a.path, hash: info.hash, contentType: truncate(a.contentType || "application/octet-stream", 128)!, size: info.size, locked: a.locked };
    }),
    mapLimit(course.documents, 16, async (d): Promise<NewDocumentRow> => {
      const info = await store.put(d.file ? createReadStream(d.file) : d.data, { ...meta, kind: "document" }, deferred);
      return { path: d.path, kind: d.kind, hash: info.hash, size: info.size };
    }),
  ]);
  // A rejected write must not go unobserved while the rows are being built.
  storing.catch(() => undefined);

  // 2. Block rows.
  const analysis = new Map<string, string | null>();
  const unsupportedOf = (b: OlxBlock): string | null => {
    if (b.unsupportedReason) return truncate(b.unsupportedReason, 512);
    if (b.type !== "problem" || b.definition == null) return null;
    let reason = analysis.get(b.definition);
    if (reason === undefined) {
      reason = problemUnsupportedReason(b.definition);
      analysis.set(b.definition, reason);
    }
    return reason;
  };
  const uk = (b: OlxBlock) => usageKey(course, b.type, b.urlName);
  const rowsOf = async (flat: FlatBlock[]): Promise<NewBlockRow[]> => {
    const keyOfPair = new Map<string, string>();
    const seen = new Set<string>();
    const rows: NewBlockRow[] = [];
    for (let i = 0; i < flat.length; i++) {
      // let the store's I/O callbacks run while this CPU-bound loop works through a big course
      if (i % 250 === 249) await new Promise((r) => setImmediate(r));
      const f = flat[i];
      const key = uk(f.block);
      keyOfPair.set(`${f.block.type}\u0000${f.block.urlName}`, key);
      if (seen.has(key)) {
        // lib/olx rejects duplicate url_names; a tree that still has one is a bug upstream.
        throw new Error(`Block ${key} appears twice in the course tree`);
      }
      seen.add(key);
      const displayName = asString(setting(f.block, "display_name"));
      rows.push({
        usageKey: key,
        blockType: f.block.type,
        urlName: f.block.urlName,
        parentUsageKey: f.parentKey ? keyOfPair.get(f.parentKey)! : null,
        position: f.position,
        depth: f.depth,
        displayName: truncate(displayName, 512),
        settings: jsonClean(f.block.settings),
        fields: jsonClean(f.block.fields),
        definitionHash: f.block.definition != null ? defHashes.get(f.block.definition)! : null,
        unsupportedReason: unsupportedOf(f.block),
        isDraft: f.block.isDraft === true,
      });
    }
    return rows;
  };
  const rootKey = uk(course.root);
  const versionMeta = { ...jsonClean(course.meta), org: course.org, course: course.course, run: course.run, source: opts.sourceName ?? null, warnings: warnings.length, ...jsonClean(opts.versionMeta ?? {}) };
  const publishedVersion: NewVersion = { rootUsageKey: rootKey, gradingPolicy: course.gradingPolicy, meta: versionMeta, blocks: await rowsOf(published) };
  const draftVersion: NewVersion | null = draftFlat
    ? { rootUsageKey: rootKey, gradingPolicy: course.gradingPolicy, meta: { ...versionMeta, drafts: course.drafts.length }, blocks: await rowsOf(draftFlat) }
    : null;

  const [defInfos, assets, documents] = await storing;
  const defTexts = [...defHashes.keys()];
  defInfos.forEach((info, i) => {
    if (info.hash !== defHashes.get(defTexts[i])) throw new Error("Content store returned a different hash than sha256 of the definition");
  });
  // Every blob is durable before MySQL can point at it.
  await store.flush();
  await opts.testHooks?.afterBlobs?.();
  // What this import would publish, as one hash: recorded on the versions, compared by skipUnchanged.
  const fingerprint = contentFingerprint({ rootKey, course, catalog: catalogOf(course), published: publishedVersion.blocks, draft: draftVersion?.blocks ?? null, assets, documents });
  publishedVersion.meta = { ...publishedVersion.meta, fingerprint };
  if (draftVersion) draftVersion.meta = { ...draftVersion.meta, fingerprint };

  // 3. One transaction.
  progress.stage = "writing";
  report();
  const saved = await saveImportedCourse({
    courseKey: course.courseKey,
    org: course.org,
    number: course.course,
    run: course.run,
    catalog: catalogOf(course),
    published: publishedVersion,
    draft: draftVersion,
    assets,
    documents,
    authorId: opts.createdBy ?? null,
    ownerUserId,
    authorize: opts.authorize ? (existing, tx) => opts.authorize!({ courseKey: course.courseKey, existing, tx }) : undefined,
    onBlocksWritten: (n) => {
      progress.blocksWritten = n;
      report();
    },
    beforeCommit: opts.testHooks?.beforeCommit,
    unchangedIf: opts.skipUnchanged ? fingerprint : undefined,
  });
  progress.stage = "done";
  progress.blocksWritten = progress.total;
  report();
  return {
    courseKey: course.courseKey,
    versionId: saved.versionId,
    draftVersionId: saved.draftVersionId,
    courseId: saved.courseId,
    created: saved.created,
    unchanged: saved.unchanged,
    blocks: countByType(published),
    warnings,
  };
}
