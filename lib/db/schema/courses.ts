// Courses as immutable versions: a course row points at its published and draft version; each
// version has a block index, static assets and documents (about/info/tabs/policies), all of whose
// bodies live in the content store, addressed by sha256. Publishing is one pointer swap.
import { sql } from "drizzle-orm";
import {
  bigint, boolean, char, datetime, index, int, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar,
} from "drizzle-orm/mysql-core";
import { at, createdAt, id, ref, updatedAt } from "./columns";

export const courses = mysqlTable(
  "courses",
  {
    id: id(),
    /** course-v1:Org+Number+Run */
    courseKey: varchar("course_key", { length: 255 }).notNull(),
    org: varchar("org", { length: 64 }).notNull(),
    number: varchar("number", { length: 64 }).notNull(),
    run: varchar("run", { length: 64 }).notNull(),
    // Catalog fields, copied from the published version when it is published.
    displayName: varchar("display_name", { length: 255 }).notNull(),
    shortDescription: text("short_description"),
    courseImage: varchar("course_image", { length: 512 }),
    effort: varchar("effort", { length: 64 }),
    start: at("start"),
    end: at("end"),
    enrollmentStart: at("enrollment_start"),
    enrollmentEnd: at("enrollment_end"),
    /** Open edX: both | about | none */
    catalogVisibility: varchar("catalog_visibility", { length: 16 }).notNull().default("both"),
    invitationOnly: boolean("invitation_only").notNull().default(false),
    selfPaced: boolean("self_paced").notNull().default(false),
    publishedVersionId: ref("published_version_id"),
    draftVersionId: ref("draft_version_id"),
    createdBy: ref("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("courses_key_uq").on(t.courseKey), index("courses_org_idx").on(t.org)],
);

export const courseVersions = mysqlTable(
  "course_versions",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    parentId: ref("parent_id"),
    authorId: ref("author_id"),
    source: mysqlEnum("source", ["import", "edit", "rerun"]).notNull(),
    /** usage key of the course block */
    rootUsageKey: varchar("root_usage_key", { length: 512 }).notNull(),
    /** policies/<run>/grading_policy.json as imported (GRADER, GRADE_CUTOFFS). */
    gradingPolicy: json("grading_policy").$type<Record<string, unknown>>(),
    /** Anything else about the version an exporter needs (course.xml attrs, run, extra files). */
    meta: json("meta").$type<Record<string, unknown>>(),
    blockCount: int("block_count").notNull().default(0),
    /** Studio's working copy (source "edit", courses.draft_version_id) is the one mutable version:
     *  every edit bumps this, so caches of the draft can key on (id, editSeq). Published versions never change. */
    editSeq: int("edit_seq").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("course_versions_course_idx").on(t.courseId)],
);

export const courseBlocks = mysqlTable(
  "course_blocks",
  {
    id: id(),
    versionId: ref("version_id").notNull(),
    /** block-v1:Org+Number+Run+type@T+block@NAME */
    usageKey: varchar("usage_key", { length: 512 }).notNull(),
    blockType: varchar("block_type", { length: 64 }).notNull(),
    urlName: varchar("url_name", { length: 255 }).notNull(),
    parentUsageKey: varchar("parent_usage_key", { length: 512 }),
    /** 0-based position among the parent's children */
    position: int("position").notNull().default(0),
    depth: int("depth").notNull().default(0),
    displayName: varchar("display_name", { length: 512 }),
    /** Settings with inherited values resolved (start, due, graded, format, visible_to_staff_only, ...). */
    settings: json("settings").$type<Record<string, unknown>>().notNull(),
    /** The block's own attributes/fields as authored (for export). */
    fields: json("fields").$type<Record<string, unknown>>().notNull(),
    /** sha256 of the block's OLX definition (or html body) in the content store. */
    definitionHash: char("definition_hash", { length: 64 }),
    /** Set when learners will see an "unsupported" notice; says why. */
    unsupportedReason: varchar("unsupported_reason", { length: 512 }),
    /** true for blocks that came from drafts/ */
    isDraft: boolean("is_draft").notNull().default(false),
    /** sha256 of the block's own content (type, display name, fields, definition, ordered child keys):
     *  Studio's revision token and the draft-vs-published comparison (lib/studio/tree.ts contentHashOf). */
    contentHash: char("content_hash", { length: 64 }),
    /** Working copy only: this block's content hash in the published version (null = never published),
     *  kept by Studio on every publish, so the outline's states need no join with the published rows. */
    publishedHash: char("published_hash", { length: 64 }),
  },
  (t) => [
    uniqueIndex("course_blocks_version_usage_uq").on(t.versionId, t.usageKey),
    index("course_blocks_parent_idx").on(t.versionId, t.parentUsageKey),
    index("course_blocks_type_idx").on(t.versionId, t.blockType),
  ],
);

export const courseAssets = mysqlTable(
  "course_assets",
  {
    id: id(),
    versionId: ref("version_id").notNull(),
    /** path under static/, e.g. images/logo.png */
    path: varchar("path", { length: 512 }).notNull(),
    hash: char("hash", { length: 64 }).notNull(),
    contentType: varchar("content_type", { length: 128 }).notNull(),
    size: bigint("size", { mode: "number", unsigned: true }).notNull(),
    locked: boolean("locked").notNull().default(false),
    /** When the file was first added to the course (carried along when versions are copied). */
    addedAt: datetime("added_at", { mode: "date", fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [
    uniqueIndex("course_assets_version_path_uq").on(t.versionId, t.path),
    // Studio's Files page sorts one version's files by these (paged in SQL)
    index("course_assets_version_size_idx").on(t.versionId, t.size),
    index("course_assets_version_type_idx").on(t.versionId, t.contentType),
    index("course_assets_version_added_idx").on(t.versionId, t.addedAt),
  ],
);

/** Non-block files of a version: about/*, info/*, tabs/*, policies/*, anything else kept verbatim. */
export const courseDocuments = mysqlTable(
  "course_documents",
  {
    id: id(),
    versionId: ref("version_id").notNull(),
    /** path in the OLX export, e.g. about/overview.html, info/updates.html */
    path: varchar("path", { length: 512 }).notNull(),
    kind: varchar("kind", { length: 32 }).notNull(),
    hash: char("hash", { length: 64 }).notNull(),
    size: bigint("size", { mode: "number", unsigned: true }).notNull(),
  },
  (t) => [uniqueIndex("course_documents_version_path_uq").on(t.versionId, t.path)],
);

/** Background work visible to every instance (imports, rescoring). */
export const jobs = mysqlTable(
  "jobs",
  {
    id: id(),
    kind: varchar("kind", { length: 32 }).notNull(),
    status: mysqlEnum("status", ["queued", "running", "succeeded", "failed"]).notNull().default("queued"),
    courseKey: varchar("course_key", { length: 255 }),
    payload: json("payload").$type<Record<string, unknown>>(),
    /** e.g. { stage, filesRead, blocksWritten, total } */
    progress: json("progress").$type<Record<string, unknown>>(),
    result: json("result").$type<Record<string, unknown>>(),
    error: text("error"),
    createdBy: ref("created_by"),
    createdAt: createdAt(),
    startedAt: at("started_at"),
    heartbeatAt: at("heartbeat_at"),
    finishedAt: at("finished_at"),
  },
  (t) => [index("jobs_status_idx").on(t.status, t.createdAt), index("jobs_course_idx").on(t.courseKey)],
);


