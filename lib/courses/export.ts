// Rebuilds an OlxCourse from a stored version (block index in MySQL + bodies in the content store)
// and streams it as an Open edX export through lib/olx's writer. Nothing is re-parsed.
import "server-only";
import type { Writable } from "node:stream";
import { getContentStore, type ContentStore } from "@/lib/content";
import {
  getCourseByKey,
  getVersion,
  listAssets,
  listBlocks,
  listDocuments,
  type CourseBlockRow,
  type CourseRow,
  type CourseVersionRow,
} from "@/lib/db/queries/courses";
import { writeOlxArchive, type OlxBlock, type OlxCourse, type OlxDocument } from "@/lib/olx";

export class ExportError extends Error {
  constructor(
    readonly code: "not_found:course" | "not_found:version",
    message: string,
  ) {
    super(message);
    this.name = "ExportError";
  }
}

const DOC_KINDS = new Set<OlxDocument["kind"]>(["about", "info", "tab", "policy", "other"]);

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/** Builds the block tree of a version; returns the root and (for a draft version) its draft-only subtrees. */
async function treeOf(rows: CourseBlockRow[], rootKey: string, store: ContentStore): Promise<{ root: OlxBlock; byKey: Map<string, OlxBlock> }> {
  const texts = new Map<string, string>();
  const hashes = [...new Set(rows.map((r) => r.definitionHash).filter((h): h is string => !!h))];
  await mapLimit(hashes, 32, async (h) => texts.set(h, await store.getText(h)));
  const byKey = new Map<string, OlxBlock>();
  for (const r of rows) {
    byKey.set(r.usageKey, {
      type: r.blockType,
      urlName: r.urlName,
      fields: r.fields ?? {},
      settings: r.settings ?? {},
      children: [],
      ...(r.definitionHash ? { definition: texts.get(r.definitionHash)! } : {}),
      ...(r.isDraft ? { isDraft: true } : {}),
      ...(r.unsupportedReason ? { unsupportedReason: r.unsupportedReason } : {}),
    });
  }
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  for (const r of sorted) {
    if (!r.parentUsageKey) continue;
    byKey.get(r.parentUsageKey)?.children.push(byKey.get(r.usageKey)!);
  }
  const root = byKey.get(rootKey);
  if (!root) throw new Error(`Version is missing its root block ${rootKey}`);
  return { root, byKey };
}

type DraftRow = Pick<CourseBlockRow, "usageKey" | "parentUsageKey" | "blockType" | "contentHash" | "publishedHash">;

/**
 * The blocks of a working copy that an export writes under drafts/ (each with its subtree):
 * the top of every never-published subtree (its parent is published), and every published unit
 * with unpublished changes — its own content or anything below it differs from the published
 * hash. (Open edX keeps drafts only at unit level and below; a change to a section or subsection
 * itself, such as a moved unit, has no drafts/ form and waits for publish.)
 */
export function draftExportRoots(rows: readonly DraftRow[]): Set<string> {
  const byKey = new Map(rows.map((r) => [r.usageKey, r]));
  const unpublished = (r: DraftRow) => r.publishedHash === null;
  const out = new Set<string>();
  for (const r of rows) {
    if (r.contentHash && r.contentHash === r.publishedHash) continue;
    const path: DraftRow[] = []; // r and its ancestors, up to the course
    for (let cur: DraftRow | undefined = r; cur && path.length < 64; cur = cur.parentUsageKey ? byKey.get(cur.parentUsageKey) : undefined) path.push(cur);
    const unitAt = path.findIndex((p) => p.blockType === "vertical");
    if (unitAt >= 0 && !path.slice(unitAt).some(unpublished)) {
      out.add(path[unitAt].usageKey); // a published unit with changes: the whole unit, as it is now
      continue;
    }
    const top = path.findLast(unpublished); // the top of a never-published subtree
    if (top) out.add(top.usageKey);
  }
  return out;
}

/** Reconstructs the OlxCourse of a version (the published one by default). */
export async function loadOlxCourse({
  course,
  version,
  store = getContentStore(),
}: {
  course: CourseRow;
  version: CourseVersionRow;
  store?: ContentStore;
}): Promise<OlxCourse> {
  const [rows, assetRows, docRows] = await Promise.all([
    listBlocks({ versionId: version.id }),
    listAssets({ versionId: version.id }),
    listDocuments({ versionId: version.id }),
  ]);
  const { root } = await treeOf(rows, version.rootUsageKey, store);

  // drafts/: when exporting the published version, the course's working copy contributes what
  // Open edX Studio would write there: every never-published subtree (a draft whose parent is not
  // itself a draft) and every published unit with unpublished changes (the unit and its components
  // as they are in the working copy), each with parent_url and index_in_children_list.
  const drafts: OlxBlock[] = [];
  if (course.draftVersionId && course.draftVersionId !== version.id && version.id === course.publishedVersionId) {
    const draftVersion = await getVersion({ id: course.draftVersionId });
    if (draftVersion) {
      const draftRows = await listBlocks({ versionId: draftVersion.id });
      const { byKey } = await treeOf(draftRows, draftVersion.rootUsageKey, store);
      const roots = draftExportRoots(draftRows);
      for (const r of draftRows) {
        if (!roots.has(r.usageKey)) continue;
        const b = byKey.get(r.usageKey)!;
        drafts.push({ ...b, fields: { ...b.fields, parent_url: r.parentUsageKey, index_in_children_list: String(r.position) } });
      }
    }
  }

  const assets = await mapLimit(assetRows, 16, async (a) => ({
    path: a.path,
    size: a.size,
    contentType: a.contentType,
    locked: a.locked,
    data: await store.getBuffer(a.hash),
  }));
  const documents = await mapLimit(docRows, 16, async (d) => ({
    path: d.path,
    kind: (DOC_KINDS.has(d.kind as OlxDocument["kind"]) ? d.kind : "other") as OlxDocument["kind"],
    data: await store.getBuffer(d.hash),
  }));
  const meta = (version.meta ?? {}) as Record<string, unknown>;
  return {
    org: course.org,
    course: course.number,
    run: course.run,
    courseKey: course.courseKey,
    root,
    drafts,
    gradingPolicy: (version.gradingPolicy as Record<string, unknown> | null) ?? null,
    meta,
    assets,
    documents,
    warnings: [],
  };
}

/** Streams the course (published version unless versionId is given) as an Open edX .tar.gz. */
export async function exportCourse({
  courseKey,
  out,
  versionId,
  store,
}: {
  courseKey: string;
  out: Writable;
  versionId?: number;
  store?: ContentStore;
}): Promise<{ versionId: number }> {
  const course = await getCourseByKey({ courseKey });
  if (!course) throw new ExportError("not_found:course", `No course ${courseKey}`);
  const id = versionId ?? course.publishedVersionId;
  if (!id) throw new ExportError("not_found:version", `${courseKey} has no published version to export`);
  const version = await getVersion({ id });
  if (!version || version.courseId !== course.id) throw new ExportError("not_found:version", `Version ${id} is not a version of ${courseKey}`);
  const olx = await loadOlxCourse({ course, version, store });
  await writeOlxArchive(olx, out);
  return { versionId: version.id };
}
