// Studio's Files page on one version's course_assets rows: a page of files with search and sort
// done in SQL (indexes (version_id, path | size | content_type | added_at), so a page of a
// 10,000-file course reads one index range), lock/unlock and delete in the working copy
// (callers run these inside withDraft, which locks the course row), and the html/problem/video
// blocks whose definitions may link to a file.
import "server-only";
import { aliasedTable, and, asc, count, desc, eq, inArray, like, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { courseAssets, courseBlocks } from "@/lib/db/schema";
import type { DraftCtx } from "./studio";

export type FileSort = "name" | "type" | "size" | "added";
export type SortDir = "asc" | "desc";

const SORT_COLUMN = { name: courseAssets.path, type: courseAssets.contentType, size: courseAssets.size, added: courseAssets.addedAt } as const;

/** LIKE pattern for "contains q" with % _ \ taken literally. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listAssetsPage({
  versionId,
  q,
  sort,
  dir,
  offset,
  limit,
  db = getDb(),
}: {
  versionId: number;
  q: string;
  sort: FileSort;
  dir: SortDir;
  offset: number;
  limit: number;
  db?: DbOrTx;
}) {
  const conds: SQL[] = [eq(courseAssets.versionId, versionId)];
  if (q) conds.push(like(courseAssets.path, containsPattern(q)));
  const where = and(...conds);
  const order = dir === "desc" ? desc : asc;
  const orderBy = sort === "name" ? [order(courseAssets.path)] : [order(SORT_COLUMN[sort]), order(courseAssets.path)];
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ path: courseAssets.path, contentType: courseAssets.contentType, size: courseAssets.size, locked: courseAssets.locked, addedAt: courseAssets.addedAt })
      .from(courseAssets)
      .where(where)
      .orderBy(...orderBy)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(courseAssets).where(where),
  ]);
  return { rows, total: Number(n) };
}

/** Which of `paths` exist in the version. */
export async function listExistingAssetPaths({ versionId, paths, db = getDb() }: { versionId: number; paths: string[]; db?: DbOrTx }): Promise<string[]> {
  if (!paths.length) return [];
  const rows = await db
    .select({ path: courseAssets.path })
    .from(courseAssets)
    .where(and(eq(courseAssets.versionId, versionId), inArray(courseAssets.path, paths)));
  return rows.map((r) => r.path);
}

/** Locks or unlocks one file of the working copy; false when there is no such file. */
export async function setDraftAssetLocked(d: DraftCtx, path: string, locked: boolean): Promise<boolean> {
  const [res] = await d.tx
    .update(courseAssets)
    .set({ locked })
    .where(and(eq(courseAssets.versionId, d.versionId), eq(courseAssets.path, path)));
  return res.affectedRows > 0;
}

/** Removes one file from the working copy (its blob stays: published versions may use it). */
export async function deleteDraftAsset(d: DraftCtx, path: string): Promise<boolean> {
  const [res] = await d.tx.delete(courseAssets).where(and(eq(courseAssets.versionId, d.versionId), eq(courseAssets.path, path)));
  return res.affectedRows > 0;
}

export interface LinkCandidate {
  usageKey: string;
  blockType: string;
  displayName: string | null;
  definitionHash: string | null;
  fields: unknown;
  unitUsageKey: string | null;
  unitDisplayName: string | null;
}

/** The blocks that can link to a course file (html, problem, video), with their unit. */
export async function listLinkCandidates({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<LinkCandidate[]> {
  const unit = aliasedTable(courseBlocks, "unit");
  return db
    .select({
      usageKey: courseBlocks.usageKey,
      blockType: courseBlocks.blockType,
      displayName: courseBlocks.displayName,
      definitionHash: courseBlocks.definitionHash,
      fields: courseBlocks.fields,
      unitUsageKey: unit.usageKey,
      unitDisplayName: unit.displayName,
    })
    .from(courseBlocks)
    .leftJoin(unit, and(eq(unit.versionId, courseBlocks.versionId), eq(unit.usageKey, courseBlocks.parentUsageKey)))
    .where(and(eq(courseBlocks.versionId, versionId), inArray(courseBlocks.blockType, ["html", "problem", "video"])))
    .orderBy(asc(courseBlocks.id));
}
