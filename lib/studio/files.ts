// Studio's Files page: what the actions and the page do after authorizing the caller. Every
// change (upload, replace, lock/unlock, delete) is made to the course's WORKING COPY, like every
// other Studio edit, and goes live for learners when the course is published: until then the
// published version keeps serving (and locking) its own files. Finding the components that link
// to a file scans the working copy's html/problem/video definitions for "/static/<path>"
// (definitions are content-addressed, so each distinct body is read once and cached by hash).
import "server-only";
import { getContentStore } from "@/lib/content";
import { getDraftInfo, withDraft } from "@/lib/db/queries/studio";
import { deleteDraftAsset, listAssetsPage, listExistingAssetPaths, listLinkCandidates, setDraftAssetLocked, type FileSort, type SortDir } from "@/lib/db/queries/studio-files";
import { AppError } from "@/lib/errors";
import { fileUrl, safeAssetName } from "./assets";

export const FILES_PAGE_SIZE = 50;
export const FILE_SORTS: readonly FileSort[] = ["name", "type", "size", "added"];

export interface FileListItem {
  path: string;
  url: string;
  contentType: string;
  size: number;
  locked: boolean;
  addedAt: string;
}

export interface FileListQuery {
  q?: string;
  sort?: FileSort;
  dir?: SortDir;
  page?: number;
}

export interface FilePage {
  files: FileListItem[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  q: string;
  sort: FileSort;
  dir: SortDir;
}

/** Reads loose search params into a valid query (unknown values fall back to the defaults). */
export function fileQueryOf(params: Record<string, string | string[] | undefined>): Required<FileListQuery> {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const sort = (FILE_SORTS as readonly string[]).includes(one("sort")) ? (one("sort") as FileSort) : "added";
  const dir: SortDir = one("dir") === "asc" || one("dir") === "desc" ? (one("dir") as SortDir) : sort === "added" ? "desc" : "asc";
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(one("page"), 10) || 1));
  return { q: one("q").trim().slice(0, 200), sort, dir, page };
}

/** One page of the working copy's files (the published version's while there is no working copy). */
export async function listFilePage({ courseId, query, pageSize = FILES_PAGE_SIZE }: { courseId: number; query: FileListQuery; pageSize?: number }): Promise<FilePage> {
  const { versionId } = await getDraftInfo({ courseId });
  const q = (query.q ?? "").trim().slice(0, 200);
  const sort = query.sort ?? "added";
  const dir = query.dir ?? (sort === "added" ? "desc" : "asc");
  let page = Math.max(1, query.page ?? 1);
  let r = await listAssetsPage({ versionId, q, sort, dir, offset: (page - 1) * pageSize, limit: pageSize });
  const pageCount = Math.max(1, Math.ceil(r.total / pageSize));
  if (page > pageCount) {
    page = pageCount;
    r = await listAssetsPage({ versionId, q, sort, dir, offset: (page - 1) * pageSize, limit: pageSize });
  }
  return {
    files: r.rows.map((f) => ({ path: f.path, url: fileUrl(f.path), contentType: f.contentType, size: f.size, locked: f.locked, addedAt: f.addedAt.toISOString() })),
    total: r.total,
    page,
    pageCount,
    pageSize,
    q,
    sort,
    dir,
  };
}

/** Which of these upload file names already exist (as stored, after safeAssetName). */
export async function existingFileNames({ courseId, names }: { courseId: number; names: string[] }): Promise<string[]> {
  const { versionId } = await getDraftInfo({ courseId });
  const safe = [...new Set(names.flatMap((n) => {
    try {
      return [safeAssetName(n)];
    } catch {
      return [];
    }
  }))];
  return listExistingAssetPaths({ versionId, paths: safe });
}

export async function setFileLocked({ courseId, userId, path, locked }: { courseId: number; userId: number; path: string; locked: boolean }): Promise<{ path: string; locked: boolean }> {
  return withDraft({ courseId, authorId: userId }, async (d) => {
    if (!(await setDraftAssetLocked(d, path, locked))) {
      // an unchanged value also reports 0 affected rows: tell those apart
      const exists = await listExistingAssetPaths({ versionId: d.versionId, paths: [path], db: d.tx });
      if (!exists.length) throw new AppError("not_found:file", `There is no file ${path.slice(0, 200)} in this course.`);
    }
    return { path, locked };
  });
}

export interface FileReference {
  usageKey: string;
  blockType: string;
  displayName: string;
  unitUsageKey: string | null;
  unitDisplayName: string | null;
}

// Definitions are immutable per hash: keep the most recent ones in memory between scans.
const DEFINITION_CACHE_MAX = 5000;
const definitionCache = new Map<string, string>();

async function definitionText(hash: string): Promise<string> {
  const hit = definitionCache.get(hash);
  if (hit !== undefined) return hit;
  let text = "";
  try {
    text = await getContentStore().getText(hash);
  } catch {
    text = ""; // a missing blob links to nothing
  }
  if (definitionCache.size >= DEFINITION_CACHE_MAX) definitionCache.delete(definitionCache.keys().next().value as string);
  definitionCache.set(hash, text);
  return text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Does `text` link to /static/<path> (not merely to a longer name that starts with it)? */
export function linksTo(text: string, path: string): boolean {
  if (!text.includes(`/static/${path}`)) return false;
  return new RegExp(`/static/${escapeRegExp(path)}(?![\\p{L}\\p{N}_.-])`, "u").test(text);
}

/** The working copy's html/problem/video components that link to /static/<path>. */
export async function findFileReferences({ courseId, path }: { courseId: number; path: string }): Promise<FileReference[]> {
  const { versionId } = await getDraftInfo({ courseId });
  const candidates = await listLinkCandidates({ versionId });
  const hashes = [...new Set(candidates.map((c) => c.definitionHash).filter((h): h is string => !!h))];
  const texts = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 16) {
    const chunk = hashes.slice(i, i + 16);
    const read = await Promise.all(chunk.map(definitionText));
    chunk.forEach((h, j) => texts.set(h, read[j]));
  }
  const out: FileReference[] = [];
  for (const c of candidates) {
    const body = c.definitionHash ? (texts.get(c.definitionHash) ?? "") : "";
    if (linksTo(body, path) || linksTo(JSON.stringify(c.fields ?? {}), path)) {
      out.push({ usageKey: c.usageKey, blockType: c.blockType, displayName: c.displayName || c.blockType, unitUsageKey: c.unitUsageKey, unitDisplayName: c.unitDisplayName });
    }
  }
  return out;
}

/** Deletes a file from the working copy; answers the components that still link to it. */
export async function deleteFile({ courseId, userId, path }: { courseId: number; userId: number; path: string }): Promise<{ path: string; references: FileReference[] }> {
  await withDraft({ courseId, authorId: userId }, async (d) => {
    if (!(await deleteDraftAsset(d, path))) throw new AppError("not_found:file", `There is no file ${path.slice(0, 200)} in this course.`);
  });
  return { path, references: await findFileReferences({ courseId, path }) };
}
