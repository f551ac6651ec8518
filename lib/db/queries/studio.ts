// Studio's draft/publish storage. The draft is ONE mutable working copy per course (a version row,
// source "edit", courses.draft_version_id) edited row by row; published versions stay immutable
// (the LMS caches by their id). Publishing writes a NEW version (whole course: INSERT … SELECT of
// the draft's rows; a unit/subsection/section: the published rows with that subtree replaced, see
// lib/studio/tree.ts planPartialPublish) and swaps courses.published_version_id in the same
// transaction.
//
// Locking order, in every write transaction: the courses row (SELECT … FOR UPDATE) first, then
// the draft's rows. One lock per course serializes its authors; a deadlock is retried.
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import mysql from "mysql2";
import { getDb, type DbOrTx, type Tx } from "@/lib/db";
import { getContentStore } from "@/lib/content";
import { courseAssets, courseBlocks, courseDocuments, courseRoles, courseVersions, courses } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { DEFAULT_GRADING_POLICY, resolveSettings } from "@/lib/olx/fields";
import {
  allowedParentType,
  childrenIndex,
  computeHashes,
  contentHashOf,
  inheritedSettingsDiffer,
  newUrlName,
  planPartialPublish,
  reresolveSubtree,
  subtreeKeys,
  usageKeyFor,
  withDerivedSettings,
  type TreeRow,
} from "@/lib/studio/tree";
import { blockInsertSql, type CourseBlockRow, type CourseRow, type NewBlockRow } from "./courses";

const BLOCK_COLS =
  "usage_key, block_type, url_name, parent_usage_key, position, depth, display_name, settings, fields, definition_hash, unsupported_reason, is_draft, content_hash";

function isDeadlock(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown; errno?: unknown }).code;
    const errno = (e as { errno?: unknown }).errno;
    if (code === "ER_LOCK_DEADLOCK" || errno === 1213) return true;
  }
  return false;
}

function isDuplicate(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: unknown }).code === "ER_DUP_ENTRY") return true;
  }
  return false;
}

async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt < 3 && isDeadlock(err)) {
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 20));
        continue;
      }
      throw err;
    }
  }
}

export interface DraftCtx {
  tx: Tx;
  course: CourseRow;
  versionId: number;
  courseKey: string;
}

/** Copies every block, asset and document row of `from` into version `to` (one statement each). */
async function copyVersionRows(tx: Tx, from: number, to: number, opts: { clearDraftFlags: boolean; exceptKeys?: string[]; asWorkingCopyOfPublished?: boolean }): Promise<void> {
  const except = opts.exceptKeys?.length ? mysql.format(" AND usage_key NOT IN (?)", [opts.exceptKeys]) : "";
  await tx.execute(
    sql.raw(
      `INSERT INTO course_blocks (version_id, ${BLOCK_COLS}, published_hash) SELECT ${to}, usage_key, block_type, url_name, parent_usage_key, position, depth, display_name, settings, fields, definition_hash, unsupported_reason, ${
        opts.clearDraftFlags ? "0" : "is_draft"
      }, content_hash, ${opts.asWorkingCopyOfPublished ? "content_hash" : "NULL"} FROM course_blocks WHERE version_id = ${from}${except} ORDER BY id`,
    ),
  );
}

async function copyFiles(tx: Tx, from: number, to: number): Promise<void> {
  await tx.execute(
    sql.raw(`INSERT INTO course_assets (version_id, path, hash, content_type, size, locked, added_at) SELECT ${to}, path, hash, content_type, size, locked, added_at FROM course_assets WHERE version_id = ${from}`),
  );
  await tx.execute(sql.raw(`INSERT INTO course_documents (version_id, path, kind, hash, size) SELECT ${to}, path, kind, hash, size FROM course_documents WHERE version_id = ${from}`));
}

/**
 * Runs `fn` in one transaction on the course's working copy: locks the course row, creates the
 * working copy from the published version when there is none yet, bumps its edit counter.
 */
export async function withDraft<T>({ courseId, authorId }: { courseId: number; authorId: number | null }, fn: (d: DraftCtx) => Promise<T>): Promise<T> {
  return withRetry(() =>
    getDb().transaction(async (tx) => {
      const [course] = await tx.select().from(courses).where(eq(courses.id, courseId)).for("update").limit(1);
      if (!course) throw new AppError("not_found:course", "That course does not exist.");
      let versionId = course.draftVersionId;
      if (!versionId) {
        if (!course.publishedVersionId) throw new AppError("not_found:version", "This course has no content yet.");
        const [pub] = await tx.select().from(courseVersions).where(eq(courseVersions.id, course.publishedVersionId)).limit(1);
        const [{ id }] = await tx
          .insert(courseVersions)
          .values({ courseId, parentId: pub.id, authorId, source: "edit", rootUsageKey: pub.rootUsageKey, gradingPolicy: pub.gradingPolicy, meta: pub.meta, blockCount: pub.blockCount })
          .$returningId();
        await copyVersionRows(tx, pub.id, id, { clearDraftFlags: false, asWorkingCopyOfPublished: true });
        await copyFiles(tx, pub.id, id);
        await tx.update(courses).set({ draftVersionId: id }).where(eq(courses.id, courseId));
        versionId = id;
      }
      const out = await fn({ tx, course, versionId, courseKey: course.courseKey });
      await tx.update(courseVersions).set({ editSeq: sql`${courseVersions.editSeq} + 1` }).where(eq(courseVersions.id, versionId));
      return out;
    }),
  );
}

async function getRow(tx: DbOrTx, versionId: number, usageKey: string, lock = false): Promise<CourseBlockRow | null> {
  const q = tx.select().from(courseBlocks).where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.usageKey, usageKey))).limit(1);
  const rows = lock ? await q.for("update") : await q;
  return rows[0] ?? null;
}

async function requireRow(tx: DbOrTx, versionId: number, usageKey: string): Promise<CourseBlockRow> {
  const row = await getRow(tx, versionId, usageKey, true);
  if (!row) throw new AppError("not_found:block", "That item no longer exists (another author may have deleted it).");
  return row;
}

async function childKeys(tx: DbOrTx, versionId: number, parent: string): Promise<string[]> {
  const rows = await tx
    .select({ k: courseBlocks.usageKey })
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.parentUsageKey, parent)))
    .orderBy(asc(courseBlocks.position));
  return rows.map((r) => r.k);
}

/** Recomputes and stores the content hash of one draft block; returns it. */
async function refreshHash(tx: Tx, versionId: number, usageKey: string): Promise<string> {
  const row = await requireRow(tx, versionId, usageKey);
  const hash = contentHashOf(row, await childKeys(tx, versionId, usageKey));
  if (hash !== row.contentHash) await tx.update(courseBlocks).set({ contentHash: hash }).where(eq(courseBlocks.id, row.id));
  return hash;
}

/** Renumbers a parent's children 0..n-1 in the given order (only rows whose position changes). */
async function writeOrder(tx: Tx, versionId: number, parent: string, keys: string[]): Promise<void> {
  const rows = await tx
    .select({ id: courseBlocks.id, k: courseBlocks.usageKey, p: courseBlocks.position })
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.parentUsageKey, parent)));
  const byKey = new Map(rows.map((r) => [r.k, r]));
  const changes: Array<[number, number]> = [];
  keys.forEach((k, i) => {
    const r = byKey.get(k);
    if (r && r.p !== i) changes.push([r.id, i]);
  });
  if (!changes.length) return;
  const cases = changes.map(([id, pos]) => mysql.format("WHEN ? THEN ?", [id, pos])).join(" ");
  await tx.execute(sql.raw(`UPDATE course_blocks SET position = CASE id ${cases} END WHERE id IN (${changes.map(([id]) => id).join(",")})`));
}

/** (key, parent, position) of every block of a version: the shape for subtree walks. */
async function structureOf(tx: DbOrTx, versionId: number) {
  return tx
    .select({ usageKey: courseBlocks.usageKey, parentUsageKey: courseBlocks.parentUsageKey, position: courseBlocks.position })
    .from(courseBlocks)
    .where(eq(courseBlocks.versionId, versionId));
}

async function rowsByKeys(tx: DbOrTx, versionId: number, keys: string[]): Promise<CourseBlockRow[]> {
  const out: CourseBlockRow[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    out.push(...(await tx.select().from(courseBlocks).where(and(eq(courseBlocks.versionId, versionId), inArray(courseBlocks.usageKey, keys.slice(i, i + 500))))));
  }
  return out;
}

/** Re-resolves inherited settings below (and including) `key` and writes those that changed. */
async function reresolve(tx: Tx, versionId: number, key: string, parentSettings: Record<string, unknown> | null, depthOfKey?: number): Promise<void> {
  const kids = childrenIndex(await structureOf(tx, versionId));
  const keys = subtreeKeys(kids, key);
  const rows = await rowsByKeys(tx, versionId, keys);
  const byKey = new Map(rows.map((r) => [r.usageKey, r]));
  const changed = reresolveSubtree(byKey, kids, key, parentSettings);
  const updates: Array<{ id: number; settings?: Record<string, unknown>; depth?: number }> = [];
  const depthDelta = depthOfKey === undefined ? 0 : depthOfKey - (byKey.get(key)?.depth ?? depthOfKey);
  for (const r of rows) {
    const s = changed.get(r.usageKey);
    if (s || depthDelta) updates.push({ id: r.id, ...(s ? { settings: s } : {}), ...(depthDelta ? { depth: r.depth + depthDelta } : {}) });
  }
  for (let i = 0; i < updates.length; i += 200) {
    const chunk = updates.slice(i, i + 200);
    const ids = chunk.map((u) => u.id).join(",");
    const sets: string[] = [];
    const withSettings = chunk.filter((u) => u.settings);
    if (withSettings.length) sets.push(`settings = CASE id ${withSettings.map((u) => mysql.format("WHEN ? THEN ?", [u.id, JSON.stringify(u.settings)])).join(" ")} ELSE settings END`);
    if (depthDelta) sets.push(`depth = depth + ${depthDelta}`);
    await tx.execute(sql.raw(`UPDATE course_blocks SET ${sets.join(", ")} WHERE id IN (${ids})`));
  }
}

function parseOlxDate(v: unknown): Date | null {
  if (typeof v !== "string" || !v) return null;
  const d = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(v) || !v.includes("T") ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

// ─── Courses ────────────────────────────────────────────────────────────────────────────────

export interface CreateCourseInput {
  org: string;
  number: string;
  run: string;
  displayName: string;
  start: Date;
  userId: number;
}

/** A new course: its row, an empty working copy (the course block) and the creator as instructor. */
export async function createStudioCourse(input: CreateCourseInput): Promise<{ courseId: number; courseKey: string; versionId: number }> {
  const courseKey = `course-v1:${input.org}+${input.number}+${input.run}`;
  const rootKey = usageKeyFor(courseKey, "course", input.run);
  const startIso = input.start.toISOString().replace(/\.\d{3}Z$/, "Z");
  const fields: Record<string, unknown> = { display_name: input.displayName, start: startIso };
  try {
    return await getDb().transaction(async (tx) => {
      const [{ id: courseId }] = await tx
        .insert(courses)
        .values({ courseKey, org: input.org, number: input.number, run: input.run, displayName: input.displayName, start: input.start, createdBy: input.userId })
        .$returningId();
      const [{ id: versionId }] = await tx
        .insert(courseVersions)
        .values({
          courseId,
          authorId: input.userId,
          source: "edit",
          rootUsageKey: rootKey,
          gradingPolicy: JSON.parse(JSON.stringify(DEFAULT_GRADING_POLICY)) as Record<string, unknown>,
          meta: { url_name: input.run, org: input.org, course: input.number },
          blockCount: 1,
        })
        .$returningId();
      const root: NewBlockRow = {
        usageKey: rootKey,
        blockType: "course",
        urlName: input.run,
        parentUsageKey: null,
        position: 0,
        depth: 0,
        displayName: input.displayName,
        settings: resolveSettings(null, fields),
        fields,
        definitionHash: null,
        contentHash: contentHashOf({ blockType: "course", displayName: input.displayName, fields, definitionHash: null }, []),
      };
      await tx.execute(sql.raw(blockInsertSql(versionId, [root])));
      await tx.update(courses).set({ draftVersionId: versionId }).where(eq(courses.id, courseId));
      await tx.insert(courseRoles).values({ userId: input.userId, courseId, role: "instructor" });
      return { courseId, courseKey, versionId };
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError("conflict:course", `A course with the key ${courseKey} already exists.`, { fieldErrors: { run: "This organization, number and run are already used." } });
    throw err;
  }
}

// ─── Reads ──────────────────────────────────────────────────────────────────────────────────

export interface DraftInfo {
  course: CourseRow;
  versionId: number;
  rootUsageKey: string;
  gradingPolicy: Record<string, unknown> | null;
  editSeq: number;
}

/** The working copy if there is one, else the published version (which the first edit copies). */
export async function getDraftInfo({ courseId, db = getDb() }: { courseId: number; db?: DbOrTx }): Promise<DraftInfo> {
  const [course] = await db.select().from(courses).where(eq(courses.id, courseId)).limit(1);
  if (!course) throw new AppError("not_found:course", "That course does not exist.");
  const id = course.draftVersionId ?? course.publishedVersionId;
  if (!id) throw new AppError("not_found:version", "This course has no content yet.");
  const [v] = await db.select().from(courseVersions).where(eq(courseVersions.id, id)).limit(1);
  return { course, versionId: id, rootUsageKey: v.rootUsageKey, gradingPolicy: (v.gradingPolicy as Record<string, unknown> | null) ?? null, editSeq: v.editSeq };
}

const OUTLINE_TYPES = ["course", "chapter", "sequential", "vertical"];

/** Full rows of the outline blocks (course, sections, subsections, units) of a version. */
export async function listOutlineRows({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<TreeRow[]> {
  return db
    .select({
      usageKey: courseBlocks.usageKey,
      blockType: courseBlocks.blockType,
      urlName: courseBlocks.urlName,
      parentUsageKey: courseBlocks.parentUsageKey,
      position: courseBlocks.position,
      depth: courseBlocks.depth,
      displayName: courseBlocks.displayName,
      settings: courseBlocks.settings,
      fields: courseBlocks.fields,
      definitionHash: courseBlocks.definitionHash,
      contentHash: courseBlocks.contentHash,
    })
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, versionId), inArray(courseBlocks.blockType, OUTLINE_TYPES)));
}

/** The resolved settings the Studio outline reads (lib/studio/tree.ts buildStudioOutline). */
const OUTLINE_SETTINGS = ["start", "due", "format", "graded", "visible_to_staff_only"] as const;

export interface OutlineStateData {
  /** outline rows of the draft (fields left empty), each with whether the published version has it and its hash there */
  rows: Array<TreeRow & { inPublished: boolean; publishedHash: string | null }>;
  /** components per unit */
  componentCounts: Map<string, number>;
  /** usage keys of outline rows (units, usually) with a component that is new or changed in the draft */
  dirtyContainers: Set<string>;
}

/**
 * What the Studio outline needs, without shipping every component row to Node: the outline rows
 * joined with their published hashes; components only as counts per unit and as the (few) ones
 * that differ from the published version, walked up to their unit.
 */
/** `isPublished`: the version IS the published one (a course without a working copy yet): everything is published. */
export async function getOutlineStateData({ versionId, isPublished, db = getDb() }: { versionId: number; isPublished: boolean; db?: DbOrTx }): Promise<OutlineStateData> {
  const types = mysql.format("(?)", [OUTLINE_TYPES]);
  const [outlineRes, countRes] = await Promise.all([
    db.execute(
      sql.raw(
        // only the settings the outline shows, extracted in SQL (a block's resolved settings can be large)
        `SELECT usage_key, block_type, url_name, parent_usage_key, position, depth, display_name, ${OUTLINE_SETTINGS.map((k) => `JSON_EXTRACT(settings, '$.${k}') AS \`s_${k}\``).join(", ")}, content_hash, published_hash FROM course_blocks WHERE version_id = ${versionId} AND block_type IN ${types}`,
      ),
    ),
    // per parent: its components, and how many of them differ from the published version
    db.execute(
      sql.raw(
        `SELECT parent_usage_key AS k, COUNT(*) AS n, SUM(CASE WHEN published_hash IS NULL OR NOT (published_hash <=> content_hash) THEN 1 ELSE 0 END) AS dirty FROM course_blocks WHERE version_id = ${versionId} AND block_type NOT IN ${types} GROUP BY parent_usage_key`,
      ),
    ),
  ]);
  type Raw = Record<string, unknown>;
  const rowsOf = (r: unknown) => (r as [Raw[], unknown])[0];
  const outlineSettingsOf = (r: Raw): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const k of OUTLINE_SETTINGS) {
      const v = r[`s_${k}`];
      if (v === null || v === undefined) continue;
      // MariaDB answers JSON text ('"2026-01-01…"', 'true'); MySQL 8 a value mysql2 already parsed
      try {
        out[k] = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
      } catch {
        out[k] = v;
      }
    }
    return out;
  };
  const rows = rowsOf(outlineRes).map((r) => ({
    usageKey: String(r.usage_key),
    blockType: String(r.block_type),
    urlName: String(r.url_name),
    parentUsageKey: (r.parent_usage_key as string | null) ?? null,
    position: Number(r.position),
    depth: Number(r.depth),
    displayName: (r.display_name as string | null) ?? null,
    settings: outlineSettingsOf(r),
    fields: {}, // not needed by the outline (its settings carry the resolved values)
    definitionHash: null, // not needed by the outline
    contentHash: (r.content_hash as string | null) ?? null,
    inPublished: isPublished || r.published_hash != null,
    publishedHash: isPublished ? ((r.content_hash as string | null) ?? null) : ((r.published_hash as string | null) ?? null),
  }));
  const outlineKeys = new Set(rows.map((r) => r.usageKey));
  const componentCounts = new Map<string, number>();
  const dirtyParents: string[] = [];
  for (const r of rowsOf(countRes)) {
    if (!r.k) continue;
    const k = String(r.k);
    if (outlineKeys.has(k)) componentCounts.set(k, Number(r.n));
    if (!isPublished && Number(r.dirty) > 0) dirtyParents.push(k);
  }
  const dirtyContainers = new Set<string>();
  const nested = dirtyParents.filter((k) => !outlineKeys.has(k));
  for (const k of dirtyParents) if (outlineKeys.has(k)) dirtyContainers.add(k);
  if (nested.length) {
    // changes inside components that hold components (split_test, library_content): walk up to their unit
    const all = await db.select({ k: courseBlocks.usageKey, p: courseBlocks.parentUsageKey }).from(courseBlocks).where(eq(courseBlocks.versionId, versionId));
    const parentOf = new Map(all.map((r) => [r.k, r.p]));
    for (const k of nested) {
      let p: string | null = k;
      for (let i = 0; p && !outlineKeys.has(p) && i < 50; i++) p = parentOf.get(p) ?? null;
      if (p) dirtyContainers.add(p);
    }
  }
  return { rows, componentCounts, dirtyContainers };
}

export interface StateRow {
  usageKey: string;
  blockType: string;
  parentUsageKey: string | null;
  position: number;
  contentHash: string | null;
}

/** Key, parent, position and content hash of every block of a version (hashes filled in if missing). */
export async function listStateRows({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<StateRow[]> {
  const rows = await db
    .select({
      usageKey: courseBlocks.usageKey,
      blockType: courseBlocks.blockType,
      parentUsageKey: courseBlocks.parentUsageKey,
      position: courseBlocks.position,
      contentHash: courseBlocks.contentHash,
    })
    .from(courseBlocks)
    .where(eq(courseBlocks.versionId, versionId));
  if (rows.every((r) => r.contentHash)) return rows;
  // Versions written before content hashes existed: compute them (not stored: versions are immutable).
  const full = await db.select().from(courseBlocks).where(eq(courseBlocks.versionId, versionId));
  const hashes = computeHashes(full);
  return rows.map((r) => ({ ...r, contentHash: r.contentHash ?? hashes.get(r.usageKey) ?? null }));
}

export async function getDraftBlock({ versionId, usageKey, db = getDb() }: { versionId: number; usageKey: string; db?: DbOrTx }): Promise<CourseBlockRow | null> {
  return getRow(db, versionId, usageKey);
}

export async function listChildRows({ versionId, parentUsageKey, db = getDb() }: { versionId: number; parentUsageKey: string; db?: DbOrTx }): Promise<CourseBlockRow[]> {
  return db
    .select()
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.parentUsageKey, parentUsageKey)))
    .orderBy(asc(courseBlocks.position));
}

// ─── Edits (all inside withDraft) ──────────────────────────────────────────────────────────

export interface NewChild {
  blockType: string;
  displayName: string | null;
  fields: Record<string, unknown>;
  definitionHash: string | null;
  unsupportedReason?: string | null;
  position?: number;
}

/** Adds a block under `parentUsageKey` at `position` (default: last). */
export async function insertDraftBlock(d: DraftCtx, parentUsageKey: string, child: NewChild): Promise<{ usageKey: string; revision: string }> {
  const parent = await requireRow(d.tx, d.versionId, parentUsageKey);
  if (parent.blockType !== allowedParentType(child.blockType)) {
    throw new AppError("invalid:parent", `A ${child.blockType} cannot be placed inside a ${parent.blockType}.`);
  }
  const siblings = await childKeys(d.tx, d.versionId, parentUsageKey);
  const pos = Math.max(0, Math.min(siblings.length, child.position ?? siblings.length));
  const urlName = newUrlName();
  const usageKey = usageKeyFor(d.courseKey, child.blockType, urlName);
  const settings = withDerivedSettings(child.blockType, urlName, resolveSettings(parent.settings, child.fields));
  const contentHash = contentHashOf({ blockType: child.blockType, displayName: child.displayName, fields: child.fields, definitionHash: child.definitionHash }, []);
  const row: NewBlockRow = {
    usageKey,
    blockType: child.blockType,
    urlName,
    parentUsageKey,
    position: pos,
    depth: parent.depth + 1,
    displayName: child.displayName,
    settings,
    fields: child.fields,
    definitionHash: child.definitionHash,
    unsupportedReason: child.unsupportedReason ?? null,
    contentHash,
  };
  siblings.splice(pos, 0, usageKey);
  await writeOrderAfterInsert(d, parentUsageKey, siblings, async () => {
    await d.tx.execute(sql.raw(blockInsertSql(d.versionId, [row])));
  });
  await refreshHash(d.tx, d.versionId, parentUsageKey);
  return { usageKey, revision: contentHash };
}

async function writeOrderAfterInsert(d: DraftCtx, parent: string, order: string[], insert: () => Promise<void>): Promise<void> {
  await insert();
  await writeOrder(d.tx, d.versionId, parent, order);
}

/** Changes a block's authored fields/display name/definition; checks `baseRevision` when given. */
export async function updateDraftBlock(
  d: DraftCtx,
  usageKey: string,
  change: { displayName?: string; fields?: Record<string, unknown>; definitionHash?: string | null; unsupportedReason?: string | null; baseRevision?: string },
): Promise<{ revision: string; row: CourseBlockRow }> {
  const row = await requireRow(d.tx, d.versionId, usageKey);
  const kids = await childKeys(d.tx, d.versionId, usageKey);
  const current = row.contentHash ?? contentHashOf(row, kids);
  if (change.baseRevision !== undefined && change.baseRevision !== current) {
    throw new AppError("conflict:block", "Another author saved this item after you opened it. Reload to see their version, then make your change again.");
  }
  const fields = { ...(change.fields ?? row.fields) };
  let displayName = row.displayName;
  if (change.displayName !== undefined) {
    displayName = change.displayName;
    fields.display_name = change.displayName;
  } else if (change.fields) {
    displayName = typeof fields.display_name === "string" ? fields.display_name : null;
  }
  const next = {
    displayName,
    fields,
    definitionHash: change.definitionHash !== undefined ? change.definitionHash : row.definitionHash,
    unsupportedReason: change.unsupportedReason !== undefined ? change.unsupportedReason : row.unsupportedReason,
  };
  const revision = contentHashOf({ blockType: row.blockType, ...next }, kids);
  const parentSettings = row.parentUsageKey ? ((await getRow(d.tx, d.versionId, row.parentUsageKey))?.settings ?? null) : null;
  const settings = resolveSettings(parentSettings, fields);
  for (const [k, v] of Object.entries(row.settings ?? {})) if (!(k in settings) && k === "discussion_id") settings[k] = v;
  await d.tx
    .update(courseBlocks)
    .set({ ...next, settings, contentHash: revision })
    .where(eq(courseBlocks.id, row.id));
  if (kids.length && inheritedSettingsDiffer(settings, row.settings ?? {})) await reresolve(d.tx, d.versionId, usageKey, parentSettings);
  return { revision, row: { ...row, ...next, settings, contentHash: revision } };
}

/** Removes a block and everything inside it. */
export async function deleteDraftBlock(d: DraftCtx, usageKey: string): Promise<{ removed: number }> {
  const row = await requireRow(d.tx, d.versionId, usageKey);
  if (!row.parentUsageKey) throw new AppError("invalid:block", "The course itself cannot be deleted.");
  const keys = subtreeKeys(childrenIndex(await structureOf(d.tx, d.versionId)), usageKey);
  for (let i = 0; i < keys.length; i += 500) {
    await d.tx.delete(courseBlocks).where(and(eq(courseBlocks.versionId, d.versionId), inArray(courseBlocks.usageKey, keys.slice(i, i + 500))));
  }
  await writeOrder(d.tx, d.versionId, row.parentUsageKey, await childKeys(d.tx, d.versionId, row.parentUsageKey));
  await refreshHash(d.tx, d.versionId, row.parentUsageKey);
  return { removed: keys.length };
}

/** Copies a block and its subtree (new url_names) right after the original. */
export async function duplicateDraftBlock(d: DraftCtx, usageKey: string): Promise<{ usageKey: string }> {
  const row = await requireRow(d.tx, d.versionId, usageKey);
  if (!row.parentUsageKey) throw new AppError("invalid:block", "The course itself cannot be duplicated.");
  const kids = childrenIndex(await structureOf(d.tx, d.versionId));
  const keys = subtreeKeys(kids, usageKey);
  const rows = new Map((await rowsByKeys(d.tx, d.versionId, keys)).map((r) => [r.usageKey, r]));
  const rename = new Map<string, string>();
  for (const k of keys) {
    const r = rows.get(k)!;
    rename.set(k, usageKeyFor(d.courseKey, r.blockType, newUrlName()));
  }
  const copies: NewBlockRow[] = keys.map((k) => {
    const r = rows.get(k)!;
    const nk = rename.get(k)!;
    const displayName = k === usageKey && r.displayName ? `Duplicate of '${r.displayName}'` : r.displayName;
    const fields = k === usageKey && r.displayName ? { ...r.fields, display_name: displayName } : { ...r.fields };
    const settings: Record<string, unknown> = { ...r.settings, ...(k === usageKey && r.displayName ? { display_name: displayName } : {}) };
    if (r.blockType === "discussion" && !(r.fields as Record<string, unknown>).discussion_id) delete settings.discussion_id;
    withDerivedSettings(r.blockType, nk.slice(nk.lastIndexOf("@") + 1), settings);
    return {
      usageKey: nk,
      blockType: r.blockType,
      urlName: nk.slice(nk.lastIndexOf("@") + 1),
      parentUsageKey: k === usageKey ? r.parentUsageKey : rename.get(r.parentUsageKey!)!,
      position: k === usageKey ? r.position + 1 : r.position,
      depth: r.depth,
      displayName,
      settings,
      fields,
      definitionHash: r.definitionHash,
      unsupportedReason: r.unsupportedReason,
      isDraft: false,
      contentHash: null,
    };
  });
  const hashes = computeHashes(copies.map((c) => ({ ...c, parentUsageKey: c.parentUsageKey ?? null, position: c.position ?? 0, displayName: c.displayName ?? null, definitionHash: c.definitionHash ?? null, fields: c.fields })));
  for (const c of copies) c.contentHash = hashes.get(c.usageKey)!;
  const order = await childKeys(d.tx, d.versionId, row.parentUsageKey);
  order.splice(order.indexOf(usageKey) + 1, 0, rename.get(usageKey)!);
  for (let i = 0; i < copies.length; i += 500) await d.tx.execute(sql.raw(blockInsertSql(d.versionId, copies.slice(i, i + 500))));
  await writeOrder(d.tx, d.versionId, row.parentUsageKey, order);
  await refreshHash(d.tx, d.versionId, row.parentUsageKey);
  return { usageKey: rename.get(usageKey)! };
}

/** Moves a block (and its subtree) under `parentUsageKey` at `position`; re-resolves inherited settings. */
export async function moveDraftBlock(d: DraftCtx, usageKey: string, parentUsageKey: string, position: number): Promise<void> {
  const row = await requireRow(d.tx, d.versionId, usageKey);
  if (!row.parentUsageKey) throw new AppError("invalid:block", "The course itself cannot be moved.");
  const parent = await requireRow(d.tx, d.versionId, parentUsageKey);
  if (parent.blockType !== allowedParentType(row.blockType)) throw new AppError("invalid:parent", `A ${row.blockType} cannot be placed inside a ${parent.blockType}.`);
  const oldParent = row.parentUsageKey;
  const target = (await childKeys(d.tx, d.versionId, parentUsageKey)).filter((k) => k !== usageKey);
  const pos = Math.max(0, Math.min(target.length, position));
  target.splice(pos, 0, usageKey);
  if (oldParent !== parentUsageKey) {
    await d.tx.update(courseBlocks).set({ parentUsageKey }).where(eq(courseBlocks.id, row.id));
    await writeOrder(d.tx, d.versionId, oldParent, await childKeys(d.tx, d.versionId, oldParent));
  }
  await writeOrder(d.tx, d.versionId, parentUsageKey, target);
  if (oldParent !== parentUsageKey) {
    await refreshHash(d.tx, d.versionId, oldParent);
    await reresolve(d.tx, d.versionId, usageKey, parent.settings, parent.depth + 1);
  }
  await refreshHash(d.tx, d.versionId, parentUsageKey);
}

/** Returns a unit (and its components) to the published state; its place in the outline stays. */
export async function discardDraftUnit(d: DraftCtx, usageKey: string): Promise<void> {
  const pubId = d.course.publishedVersionId;
  const pub = pubId ? await getRow(d.tx, pubId, usageKey) : null;
  if (!pubId || !pub) throw new AppError("invalid:block", "This unit has never been published, so there are no changes to discard.");
  const row = await requireRow(d.tx, d.versionId, usageKey);
  const draftKids = childrenIndex(await structureOf(d.tx, d.versionId));
  const pubKids = childrenIndex(await structureOf(d.tx, pubId));
  const pubSub = subtreeKeys(pubKids, usageKey).slice(1);
  // drop the draft's components, and the published ones that moved elsewhere in the draft
  const drop = new Set([...subtreeKeys(draftKids, usageKey).slice(1), ...pubSub]);
  const dropList = [...drop];
  for (let i = 0; i < dropList.length; i += 500) {
    await d.tx.delete(courseBlocks).where(and(eq(courseBlocks.versionId, d.versionId), inArray(courseBlocks.usageKey, dropList.slice(i, i + 500))));
  }
  // (old parents of components that were moved away lose a child: renumber and rehash them)
  const formerParents = new Set<string>();
  for (const k of pubSub) {
    for (const [p, list] of draftKids) if (p !== usageKey && list.includes(k) && !drop.has(p)) formerParents.add(p);
  }
  if (pubSub.length) {
    await d.tx.execute(
      sql.raw(
        `INSERT INTO course_blocks (version_id, ${BLOCK_COLS}, published_hash) SELECT ${d.versionId}, ${BLOCK_COLS}, content_hash FROM course_blocks WHERE version_id = ${pubId} AND ${mysql.format("usage_key IN (?)", [pubSub])} ORDER BY id`,
      ),
    );
  }
  await d.tx
    .update(courseBlocks)
    .set({ displayName: pub.displayName, fields: pub.fields, definitionHash: pub.definitionHash, unsupportedReason: pub.unsupportedReason, isDraft: false })
    .where(eq(courseBlocks.id, row.id));
  const parentSettings = row.parentUsageKey ? ((await getRow(d.tx, d.versionId, row.parentUsageKey))?.settings ?? null) : null;
  await reresolve(d.tx, d.versionId, usageKey, parentSettings, row.depth);
  await refreshHash(d.tx, d.versionId, usageKey);
  for (const p of formerParents) {
    await writeOrder(d.tx, d.versionId, p, await childKeys(d.tx, d.versionId, p));
    await refreshHash(d.tx, d.versionId, p);
  }
}

/** Adds or replaces a file in the working copy's static files. */
export async function putDraftAsset(d: DraftCtx, a: { path: string; hash: string; contentType: string; size: number }): Promise<void> {
  await d.tx
    .insert(courseAssets)
    .values({ versionId: d.versionId, ...a, locked: false })
    .onDuplicateKeyUpdate({ set: { hash: a.hash, contentType: a.contentType, size: a.size, addedAt: new Date() } });
}

export async function listDraftAssets({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }) {
  return db.select().from(courseAssets).where(eq(courseAssets.versionId, versionId)).orderBy(asc(courseAssets.path));
}

// ─── Publish ────────────────────────────────────────────────────────────────────────────────

function fullTreeRow(r: CourseBlockRow): TreeRow & { unsupportedReason: string | null } {
  return {
    usageKey: r.usageKey,
    blockType: r.blockType,
    urlName: r.urlName,
    parentUsageKey: r.parentUsageKey,
    position: r.position,
    depth: r.depth,
    displayName: r.displayName,
    settings: r.settings,
    fields: r.fields,
    definitionHash: r.definitionHash,
    contentHash: r.contentHash,
    unsupportedReason: r.unsupportedReason,
  };
}

/**
 * Publishes the whole working copy (usageKey null) or one unit/subsection/section of it: a new
 * immutable version and the pointer swap, in the caller's transaction (withDraft).
 */
export async function publishDraft(d: DraftCtx, usageKey: string | null, authorId: number | null): Promise<{ versionId: number }> {
  const [draftV] = await d.tx.select().from(courseVersions).where(eq(courseVersions.id, d.versionId)).limit(1);
  const pubId = d.course.publishedVersionId;
  const [{ id: newId }] = await d.tx
    .insert(courseVersions)
    .values({ courseId: d.course.id, parentId: pubId, authorId, source: "edit", rootUsageKey: draftV.rootUsageKey, gradingPolicy: draftV.gradingPolicy, meta: draftV.meta, blockCount: 0 })
    .$returningId();
  if (usageKey === null || !pubId) {
    if (usageKey !== null && !pubId) {
      // first publish of a part of a never-published course: start from the course block alone
      return publishPartial(d, usageKey, newId, null);
    }
    await copyVersionRows(d.tx, d.versionId, newId, { clearDraftFlags: true });
    await d.tx.execute(sql.raw(`UPDATE course_blocks SET is_draft = 0, published_hash = content_hash WHERE version_id = ${d.versionId}`));
  } else {
    return publishPartial(d, usageKey, newId, pubId);
  }
  return finishPublish(d, newId);
}

async function publishPartial(d: DraftCtx, usageKey: string, newId: number, pubId: number | null): Promise<{ versionId: number }> {
  const target = await getRow(d.tx, d.versionId, usageKey);
  if (!target) throw new AppError("not_found:block", "That item no longer exists.");
  if (!["chapter", "sequential", "vertical"].includes(target.blockType)) throw new AppError("invalid:block", "Publish a unit, a subsection, a section or the whole course.");
  const draftRows = (await d.tx.select().from(courseBlocks).where(eq(courseBlocks.versionId, d.versionId))).map(fullTreeRow);
  const pubRows = pubId ? (await d.tx.select().from(courseBlocks).where(eq(courseBlocks.versionId, pubId))).map(fullTreeRow) : [];
  const plan = planPartialPublish(draftRows, pubRows, usageKey);
  if (pubId) await copyVersionRows(d.tx, pubId, newId, { clearDraftFlags: true, exceptKeys: [...plan.dropKeys] });
  const unsupported = new Map(draftRows.map((r) => [r.usageKey, r.unsupportedReason]));
  const pubUnsupported = new Map(pubRows.map((r) => [r.usageKey, r.unsupportedReason]));
  const rows: NewBlockRow[] = plan.rows.map((r) => ({ ...r, unsupportedReason: unsupported.get(r.usageKey) ?? pubUnsupported.get(r.usageKey) ?? null, isDraft: false }));
  for (let i = 0; i < rows.length; i += 500) await d.tx.execute(sql.raw(blockInsertSql(newId, rows.slice(i, i + 500))));
  // the published subtree is no longer "draft-only" content in the working copy, and every row
  // written to the new version records its published hash in the working copy
  const published = subtreeKeys(childrenIndex(draftRows), usageKey);
  for (let i = 0; i < published.length; i += 500) {
    await d.tx.update(courseBlocks).set({ isDraft: false }).where(and(eq(courseBlocks.versionId, d.versionId), inArray(courseBlocks.usageKey, published.slice(i, i + 500))));
  }
  const writtenKeys = plan.rows.map((r) => r.usageKey);
  for (let i = 0; i < writtenKeys.length; i += 500) {
    await d.tx.execute(
      sql.raw(
        `UPDATE course_blocks d JOIN course_blocks n ON n.version_id = ${newId} AND n.usage_key = d.usage_key SET d.published_hash = n.content_hash WHERE d.version_id = ${d.versionId} AND ${mysql.format("d.usage_key IN (?)", [writtenKeys.slice(i, i + 500)])}`,
      ),
    );
  }
  return finishPublish(d, newId);
}

async function finishPublish(d: DraftCtx, newId: number): Promise<{ versionId: number }> {
  await d.tx.execute(sql.raw(`INSERT INTO course_assets (version_id, path, hash, content_type, size, locked, added_at) SELECT ${newId}, path, hash, content_type, size, locked, added_at FROM course_assets WHERE version_id = ${d.versionId}`));
  await d.tx.execute(sql.raw(`INSERT INTO course_documents (version_id, path, kind, hash, size) SELECT ${newId}, path, kind, hash, size FROM course_documents WHERE version_id = ${d.versionId}`));
  const [{ n }] = await d.tx.select({ n: sql<number>`count(*)` }).from(courseBlocks).where(eq(courseBlocks.versionId, newId));
  await d.tx.update(courseVersions).set({ blockCount: Number(n) }).where(eq(courseVersions.id, newId));
  const [v] = await d.tx.select({ root: courseVersions.rootUsageKey }).from(courseVersions).where(eq(courseVersions.id, newId));
  const root = await getRow(d.tx, newId, v.root);
  const s = root?.settings ?? {};
  // The catalog columns follow the published version, as an import sets them (lib/courses/import.ts catalogOf).
  const docs = new Map((await listVersionDocuments({ versionId: newId, db: d.tx })).map((r) => [r.path, r.hash]));
  const docText = async (path: string): Promise<string | null> => {
    const hash = docs.get(path);
    if (!hash) return null;
    try {
      return (await getContentStore().getText(hash)).trim() || null;
    } catch {
      return null;
    }
  };
  const [shortDescription, effortDoc] = [await docText("about/short_description.html"), await docText("about/effort.html")];
  const visibility = typeof s.catalog_visibility === "string" && ["both", "about", "none"].includes(s.catalog_visibility) ? s.catalog_visibility : "both";
  const image = typeof s.course_image === "string" && s.course_image.trim() ? s.course_image.trim().slice(0, 512) : null;
  await d.tx
    .update(courses)
    .set({
      publishedVersionId: newId,
      displayName: (root?.displayName ?? d.course.displayName).slice(0, 255),
      start: parseOlxDate(s.start) ?? d.course.start,
      end: parseOlxDate(s.end),
      enrollmentStart: parseOlxDate(s.enrollment_start),
      enrollmentEnd: parseOlxDate(s.enrollment_end),
      selfPaced: s.self_paced === true || s.self_paced === "true",
      invitationOnly: s.invitation_only === true || s.invitation_only === "true",
      catalogVisibility: visibility,
      courseImage: image,
      shortDescription,
      effort: effortDoc ? effortDoc.replace(/<[^>]*>/g, "").trim().slice(0, 64) || null : null,
      updatedAt: new Date(),
    })
    .where(eq(courses.id, d.course.id));
  return { versionId: newId };
}

/** Published content hashes of a course (empty when it was never published). */
export async function getPublishedHashes({ course, db = getDb() }: { course: CourseRow; db?: DbOrTx }): Promise<Map<string, string | null>> {
  if (!course.publishedVersionId) return new Map();
  const rows = await listStateRows({ versionId: course.publishedVersionId, db });
  return new Map(rows.map((r) => [r.usageKey, r.contentHash]));
}


/** Does the working copy differ from the published version anywhere (an edit, an addition, a move or a deletion)? */
export async function hasUnpublishedChanges({ course, db = getDb() }: { course: Pick<CourseRow, "draftVersionId" | "publishedVersionId">; db?: DbOrTx }): Promise<boolean> {
  if (!course.draftVersionId || course.draftVersionId === course.publishedVersionId) return false;
  // every change alters some block's own hash: its content, or its parent's ordered child list
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, course.draftVersionId), sql`NOT (${courseBlocks.publishedHash} <=> ${courseBlocks.contentHash})`))
    .limit(1);
  return rows.length > 0;
}

// ─── Course settings (Schedule & details, Grading) ─────────────────────────────────────────

/** The documents (about/*, info/* …) of a version: path → content hash. */
export async function listVersionDocuments({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }) {
  return db.select({ path: courseDocuments.path, hash: courseDocuments.hash, kind: courseDocuments.kind }).from(courseDocuments).where(eq(courseDocuments.versionId, versionId));
}

/** Adds or replaces a document (e.g. about/overview.html) of the working copy. */
export async function putDraftDocument(d: DraftCtx, doc: { path: string; kind: string; hash: string; size: number }): Promise<void> {
  await d.tx
    .insert(courseDocuments)
    .values({ versionId: d.versionId, ...doc })
    .onDuplicateKeyUpdate({ set: { hash: doc.hash, size: doc.size, kind: doc.kind } });
}

export async function deleteDraftDocument(d: DraftCtx, path: string): Promise<void> {
  await d.tx.delete(courseDocuments).where(and(eq(courseDocuments.versionId, d.versionId), eq(courseDocuments.path, path)));
}

/** Replaces the working copy's grading_policy.json. */
export async function setDraftGradingPolicy(d: DraftCtx, policy: Record<string, unknown>): Promise<void> {
  await d.tx.update(courseVersions).set({ gradingPolicy: policy }).where(eq(courseVersions.id, d.versionId));
}

/** What a course grade depends on besides the learners' scores: the policy and each subsection's graded-as and due. */
export async function getGradingFacts({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<{ gradingPolicy: unknown; subsections: string }> {
  const [v] = await db.select({ gp: courseVersions.gradingPolicy }).from(courseVersions).where(eq(courseVersions.id, versionId)).limit(1);
  const rows = await db
    .select({ k: courseBlocks.usageKey, s: courseBlocks.settings, f: courseBlocks.fields })
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.blockType, "sequential")))
    .orderBy(asc(courseBlocks.usageKey));
  const subsections = JSON.stringify(rows.map((r) => [r.k, r.f?.format ?? null, String(r.f?.graded ?? ""), r.s?.due ?? null]));
  return { gradingPolicy: v?.gp ?? null, subsections };
}
