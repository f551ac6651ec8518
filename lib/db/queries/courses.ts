// Courses, their immutable versions, block index, assets and documents. The only place that
// touches those tables. A version is written once (import, edit, rerun) and never changed;
// learners see whatever `courses.published_version_id` points at, so publishing a version is one
// UPDATE inside the transaction that wrote it.
import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import mysql from "mysql2";
import { getDb, type DbOrTx, type Tx } from "@/lib/db";
import { preparedQuery } from "@/lib/db/prepared";
import { computeHashes } from "@/lib/studio/tree";
import { courseAssets, courseBlocks, courseDocuments, courseRoles, courseVersions, courses, users } from "@/lib/db/schema";

export type CourseRow = typeof courses.$inferSelect;
export type CourseVersionRow = typeof courseVersions.$inferSelect;
export type CourseBlockRow = typeof courseBlocks.$inferSelect;
export type CourseAssetRow = typeof courseAssets.$inferSelect;
export type CourseDocumentRow = typeof courseDocuments.$inferSelect;

export type NewBlockRow = Omit<typeof courseBlocks.$inferInsert, "id" | "versionId">;
export type NewAssetRow = Omit<typeof courseAssets.$inferInsert, "id" | "versionId">;
export type NewDocumentRow = Omit<typeof courseDocuments.$inferInsert, "id" | "versionId">;

/** Catalog fields copied into the course row when a version is published. */
export type CatalogFields = Pick<
  typeof courses.$inferInsert,
  | "displayName"
  | "shortDescription"
  | "courseImage"
  | "effort"
  | "start"
  | "end"
  | "enrollmentStart"
  | "enrollmentEnd"
  | "catalogVisibility"
  | "invitationOnly"
  | "selfPaced"
>;

export interface NewVersion {
  rootUsageKey: string;
  gradingPolicy: Record<string, unknown> | null;
  meta: Record<string, unknown>;
  blocks: NewBlockRow[];
}

// Large courses: rows per INSERT. 20k blocks with JSON settings stay well under max_allowed_packet
// at 500 rows per statement, and ~40 round trips keep the import in seconds.
const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

// Asked by every learner page and state JSON (lib/lms/course-context.ts): prepared (lib/db/prepared.ts).
const courseByKeyQuery = preparedQuery((db) => db.select().from(courses).where(eq(courses.courseKey, sql.placeholder("courseKey"))).limit(1).prepare());

export async function getCourseByKey({ courseKey, db = getDb() }: { courseKey: string; db?: DbOrTx }): Promise<CourseRow | null> {
  const rows = await courseByKeyQuery(db).execute({ courseKey });
  return rows[0] ?? null;
}

export async function getCourseById({ id, db = getDb() }: { id: number; db?: DbOrTx }): Promise<CourseRow | null> {
  const rows = await db.select().from(courses).where(eq(courses.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listCourses({ db = getDb() }: { db?: DbOrTx } = {}): Promise<CourseRow[]> {
  return db.select().from(courses).orderBy(asc(courses.displayName), asc(courses.courseKey));
}

/** Courses on which the user holds a role (Studio's list for non-admins). */
export async function listCoursesForUser({ userId, db = getDb() }: { userId: number; db?: DbOrTx }): Promise<CourseRow[]> {
  const rows = await db
    .selectDistinct({ course: courses })
    .from(courses)
    .innerJoin(courseRoles, eq(courseRoles.courseId, courses.id))
    .where(eq(courseRoles.userId, userId))
    .orderBy(asc(courses.displayName));
  return rows.map((r) => r.course);
}

export async function getVersion({ id, db = getDb() }: { id: number; db?: DbOrTx }): Promise<CourseVersionRow | null> {
  const rows = await db.select().from(courseVersions).where(eq(courseVersions.id, id)).limit(1);
  return rows[0] ?? null;
}

export type VersionListItem = Pick<CourseVersionRow, "id" | "parentId" | "source" | "blockCount" | "createdAt" | "authorId"> & {
  authorUsername: string | null;
};

/** A course's versions, newest first, with the author's username. */
export async function listVersions({ courseId, db = getDb() }: { courseId: number; db?: DbOrTx }): Promise<VersionListItem[]> {
  return db
    .select({
      id: courseVersions.id,
      parentId: courseVersions.parentId,
      source: courseVersions.source,
      blockCount: courseVersions.blockCount,
      createdAt: courseVersions.createdAt,
      authorId: courseVersions.authorId,
      authorUsername: users.username,
    })
    .from(courseVersions)
    .leftJoin(users, eq(users.id, courseVersions.authorId))
    .where(eq(courseVersions.courseId, courseId))
    .orderBy(desc(courseVersions.id));
}

/** Every block of a version in tree order (blocks are inserted depth-first, so id order is pre-order). */
export async function listBlocks({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<CourseBlockRow[]> {
  return db.select().from(courseBlocks).where(eq(courseBlocks.versionId, versionId)).orderBy(asc(courseBlocks.id));
}

export async function getBlock({ versionId, usageKey, db = getDb() }: { versionId: number; usageKey: string; db?: DbOrTx }): Promise<CourseBlockRow | null> {
  const rows = await db
    .select()
    .from(courseBlocks)
    .where(and(eq(courseBlocks.versionId, versionId), eq(courseBlocks.usageKey, usageKey)))
    .limit(1);
  return rows[0] ?? null;
}

export async function countBlocksByType({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<Record<string, number>> {
  const rows = await db
    .select({ type: courseBlocks.blockType, n: sql<number>`count(*)` })
    .from(courseBlocks)
    .where(eq(courseBlocks.versionId, versionId))
    .groupBy(courseBlocks.blockType);
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}

export async function listAssets({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<CourseAssetRow[]> {
  return db.select().from(courseAssets).where(eq(courseAssets.versionId, versionId)).orderBy(asc(courseAssets.path));
}

export async function getAsset({ versionId, path, db = getDb() }: { versionId: number; path: string; db?: DbOrTx }): Promise<CourseAssetRow | null> {
  const rows = await db
    .select()
    .from(courseAssets)
    .where(and(eq(courseAssets.versionId, versionId), eq(courseAssets.path, path)))
    .limit(1);
  return rows[0] ?? null;
}

export async function listDocuments({ versionId, db = getDb() }: { versionId: number; db?: DbOrTx }): Promise<CourseDocumentRow[]> {
  return db.select().from(courseDocuments).where(eq(courseDocuments.versionId, versionId)).orderBy(asc(courseDocuments.path));
}

export async function getDocument({ versionId, path, db = getDb() }: { versionId: number; path: string; db?: DbOrTx }): Promise<CourseDocumentRow | null> {
  const rows = await db
    .select()
    .from(courseDocuments)
    .where(and(eq(courseDocuments.versionId, versionId), eq(courseDocuments.path, path)))
    .limit(1);
  return rows[0] ?? null;
}

export async function getUserIdByUsername({ username, db = getDb() }: { username: string; db?: DbOrTx }): Promise<number | null> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.usernameNormalized, username.trim().toLowerCase()))
    .limit(1);
  return rows[0]?.id ?? null;
}

/** Roles a user holds on a course (for authorization outside a request, e.g. import jobs). */
export async function listCourseRoles({ userId, courseId, db = getDb() }: { userId: number; courseId: number; db?: DbOrTx }) {
  const rows = await db
    .select({ role: courseRoles.role })
    .from(courseRoles)
    .where(and(eq(courseRoles.userId, userId), eq(courseRoles.courseId, courseId)));
  return rows.map((r) => r.role);
}

// Block rows are the bulk of a big import (20k rows × 13 columns); building them through the
// query builder cost more CPU than MariaDB spent storing them, so this one statement is formatted
// directly with mysql2's escaping. Column names mirror lib/db/schema/courses.ts courseBlocks.
const BLOCK_COLUMNS =
  "version_id, usage_key, block_type, url_name, parent_usage_key, position, depth, display_name, settings, fields, definition_hash, unsupported_reason, is_draft, content_hash";

export function blockInsertSql(versionId: number, rows: NewBlockRow[]): string {
  const values = rows.map((b) => [
    versionId,
    b.usageKey,
    b.blockType,
    b.urlName,
    b.parentUsageKey ?? null,
    b.position ?? 0,
    b.depth ?? 0,
    b.displayName ?? null,
    JSON.stringify(b.settings ?? {}),
    JSON.stringify(b.fields ?? {}),
    b.definitionHash ?? null,
    b.unsupportedReason ?? null,
    b.isDraft ? 1 : 0,
    b.contentHash ?? null,
  ]);
  return mysql.format(`INSERT INTO course_blocks (${BLOCK_COLUMNS}) VALUES ?`, [values]);
}

/** Writes one version (row, blocks, assets, documents) inside the caller's transaction. */
export async function insertVersion(
  tx: Tx,
  v: NewVersion & { courseId: number; parentId: number | null; authorId: number | null; source: "import" | "edit" | "rerun" },
  assets: NewAssetRow[],
  documents: NewDocumentRow[],
  onBlocksWritten?: (n: number) => void,
): Promise<number> {
  const [{ id: versionId }] = await tx
    .insert(courseVersions)
    .values({
      courseId: v.courseId,
      parentId: v.parentId,
      authorId: v.authorId,
      source: v.source,
      rootUsageKey: v.rootUsageKey,
      gradingPolicy: v.gradingPolicy,
      meta: v.meta,
      blockCount: v.blocks.length,
    })
    .$returningId();
  const hashes = computeHashes(v.blocks.map((b) => ({ ...b, parentUsageKey: b.parentUsageKey ?? null, position: b.position ?? 0, displayName: b.displayName ?? null, definitionHash: b.definitionHash ?? null })));
  for (const b of v.blocks) b.contentHash ??= hashes.get(b.usageKey) ?? null;
  let written = 0;
  await insertChunked(v.blocks, async (chunk) => {
    await tx.execute(sql.raw(blockInsertSql(versionId, chunk)));
    written += chunk.length;
    onBlocksWritten?.(written);
  });
  await insertChunked(assets, (chunk) => tx.insert(courseAssets).values(chunk.map((a) => ({ ...a, versionId }))));
  await insertChunked(documents, (chunk) => tx.insert(courseDocuments).values(chunk.map((d) => ({ ...d, versionId }))));
  return versionId;
}

export interface SaveImportInput {
  courseKey: string;
  org: string;
  number: string;
  run: string;
  catalog: CatalogFields;
  published: NewVersion;
  /** drafts/ content: a second version that Studio sees as pending changes, never published */
  draft: NewVersion | null;
  assets: NewAssetRow[];
  documents: NewDocumentRow[];
  authorId: number | null;
  ownerUserId: number | null;
  /** Called inside the transaction after each chunk of blocks; throwing aborts everything. */
  onBlocksWritten?: (n: number) => void;
  /** Called inside the transaction just before commit (tests inject failures here). */
  beforeCommit?: () => Promise<void> | void;
  /** Called inside the transaction once the course row is known (authorization, key checks). */
  authorize?: (existing: CourseRow | null, tx: Tx) => Promise<void> | void;
  /** Write nothing when the published version's meta records this content fingerprint (lib/courses/import.ts). */
  unchangedIf?: string;
}

/**
 * Writes an imported course in ONE transaction: the course row (created or locked), a new
 * immutable published version (parent = the previous published version), its blocks, assets and
 * documents, optionally a draft version, the catalog fields and the pointer swap. Any error rolls
 * all of it back, so the previous version stays exactly as it was.
 */
export async function saveImportedCourse(input: SaveImportInput): Promise<{ courseId: number; versionId: number; draftVersionId: number | null; created: boolean; unchanged: boolean }> {
  return getDb().transaction(async (tx) => {
    const locked = await tx.select().from(courses).where(eq(courses.courseKey, input.courseKey)).for("update").limit(1);
    const existing = locked[0] ?? null;
    await input.authorize?.(existing, tx);
    if (input.unchangedIf && existing?.publishedVersionId) {
      const [published] = await tx.select({ meta: courseVersions.meta }).from(courseVersions).where(eq(courseVersions.id, existing.publishedVersionId)).limit(1);
      if ((published?.meta as { fingerprint?: unknown } | null)?.fingerprint === input.unchangedIf) {
        // Nothing to write but --owner, which still makes its user an instructor.
        if (input.ownerUserId !== null) {
          await tx.insert(courseRoles).values({ userId: input.ownerUserId, courseId: existing.id, role: "instructor" }).onDuplicateKeyUpdate({ set: { role: sql`role` } });
        }
        return { courseId: existing.id, versionId: existing.publishedVersionId, draftVersionId: existing.draftVersionId, created: false, unchanged: true };
      }
    }
    let courseId: number;
    if (existing) {
      courseId = existing.id;
    } else {
      const [{ id }] = await tx
        .insert(courses)
        .values({ courseKey: input.courseKey, org: input.org, number: input.number, run: input.run, ...input.catalog, createdBy: input.authorId })
        .$returningId();
      courseId = id;
    }
    const versionId = await insertVersion(
      tx,
      { ...input.published, courseId, parentId: existing?.publishedVersionId ?? null, authorId: input.authorId, source: "import" },
      input.assets,
      input.documents,
      input.onBlocksWritten,
    );
    let draftVersionId: number | null = null;
    if (input.draft) {
      draftVersionId = await insertVersion(
        tx,
        { ...input.draft, courseId, parentId: versionId, authorId: input.authorId, source: "import" },
        input.assets,
        input.documents,
      );
    }
    if (draftVersionId) {
      // Studio's working copy knows, per block, its content hash in the published version.
      await tx.execute(
        sql.raw(
          `UPDATE course_blocks d JOIN course_blocks p ON p.version_id = ${versionId} AND p.usage_key = d.usage_key SET d.published_hash = p.content_hash WHERE d.version_id = ${draftVersionId}`,
        ),
      );
    }
    await tx
      .update(courses)
      .set({ ...input.catalog, publishedVersionId: versionId, draftVersionId, updatedAt: new Date() })
      .where(eq(courses.id, courseId));
    // --owner, and (as in Open edX Studio) whoever creates a course by importing it, become its instructors.
    const instructors = new Set<number>();
    if (input.ownerUserId !== null) instructors.add(input.ownerUserId);
    if (!existing && input.authorId !== null) instructors.add(input.authorId);
    for (const userId of instructors) {
      await tx
        .insert(courseRoles)
        .values({ userId, courseId, role: "instructor" })
        .onDuplicateKeyUpdate({ set: { role: sql`role` } });
    }
    await input.beforeCommit?.();
    return { courseId, versionId, draftVersionId, created: !existing, unchanged: false };
  });
}

/** Every blob hash a set of versions refers to (for store garbage collection and checks). */
export async function listReferencedHashes({ versionIds, db = getDb() }: { versionIds: number[]; db?: DbOrTx }): Promise<Set<string>> {
  const out = new Set<string>();
  if (versionIds.length === 0) return out;
  const b = await db.select({ h: courseBlocks.definitionHash }).from(courseBlocks).where(inArray(courseBlocks.versionId, versionIds));
  const a = await db.select({ h: courseAssets.hash }).from(courseAssets).where(inArray(courseAssets.versionId, versionIds));
  const d = await db.select({ h: courseDocuments.hash }).from(courseDocuments).where(inArray(courseDocuments.versionId, versionIds));
  for (const r of [...b, ...a, ...d]) if (r.h) out.add(r.h);
  return out;
}
