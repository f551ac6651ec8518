import "server-only";
// Courseware reads. A course version is immutable, so everything derived from it (outline tree,
// asset and document index, sanitized html, parsed video/transcripts) is cached in-process keyed
// by version id or content hash only: any stateless instance may build the same cache, and a
// publish (a new version id) never serves stale content.
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { courseAssets, courseBlocks, courseDocuments, courseVersions } from "@/lib/db/schema";
import { getContentStore } from "@/lib/content";
import { Lru } from "@/lib/lru";
import type { ThreadCursor, ThreadListEntry, ThreadPostRow } from "@/lib/db/queries/forum";
import type { BlockRow as ProblemBlockRow } from "@/lib/db/queries/problems";
import type { ProblemStaticView } from "@/lib/problems/view";
import { buildOutline, learnerView, parseOlxDate, type LearnerView, type Outline, type Viewer } from "@/lib/lms/outline";
import { parseVideoXml, type VideoModel } from "@/lib/lms/video";
import { buildAssetIndex, renderCourseHtml, type AssetIndex } from "@/lib/lms/html";
import { env } from "@/lib/env";
import { parseTranscript, type Cue } from "@/lib/lms/transcripts";
import { parseUpdateItems, type CourseUpdate } from "@/lib/lms/updates";
import { renderVariance, type RenderVariance } from "@/lib/capa/problem";

export interface AssetInfo {
  path: string;
  hash: string;
  contentType: string;
  size: number;
  locked: boolean;
}

export interface VersionData {
  versionId: number;
  courseId: number;
  outline: Outline;
  assets: Map<string, AssetInfo>;
  assetIndex: AssetIndex;
  /** document path → hash */
  documents: Map<string, string>;
  gradingPolicy: Record<string, unknown> | null;
}

const g = globalThis as unknown as {
  __lmsVersions?: Lru<Promise<VersionData | null>>;
  __lmsTexts?: Lru<string>;
  __lmsRendered?: Lru<string>;
  __lmsCues?: Lru<Cue[]>;
  __lmsDrafts?: Lru<Promise<VersionData | null>>;
  __lmsPages?: Lru<SharedPage>;
  __lmsVariance?: Lru<RenderVariance>;
  __lmsForumThreads?: Lru<Promise<ForumThreadPosts | null>>;
  __lmsForumLists?: Lru<Promise<ForumListPage | Map<string, number>>>;
  __lmsProblemBlocks?: Lru<Promise<ProblemBlockRow | null>>;
  __lmsProblemInputs?: Lru<ProblemInputs>;
  __lmsProblemViews?: Lru<Promise<ProblemStaticView>>;
};
/**
 * Byte budgets of the in-process caches (estimated: strings at one byte a character, as V8 keeps
 * ASCII text, plus a fixed overhead per object). Their sum, LMS_CACHE_BUDGET_BYTES, is what the
 * caches may hold at most per instance; the README's sizing advice adds it to Node's own baseline.
 */
const MB = 1024 * 1024;
export const LMS_CACHE_BUDGETS = {
  /** published versions: outline, asset and document indexes */
  versions: 32 * MB,
  /** Studio working copies for the unit preview */
  drafts: 8 * MB,
  /** raw blob text (html, problem and video XML, transcripts) */
  texts: 12 * MB,
  /** sanitized, rewritten html */
  rendered: 12 * MB,
  /** parsed transcript cues */
  cues: 6 * MB,
  /** parsed video definitions */
  videos: 2 * MB,
  /** learner/staff views of an outline */
  views: 2 * MB,
  /** course updates, sanitized */
  updates: 4 * MB,
  /** whole learner pages shared by an audience of one version (lib/lms/page-cache.ts) */
  pages: 24 * MB,
  /** what each problem definition's rendering varies with (lib/capa renderVariance), per content hash */
  variance: 1 * MB,
  /** course forums: a thread's posts keyed by (thread id, revision), reader-independent (lib/forum/thread-cache.ts) */
  forumThreads: 16 * MB,
  /** course forums: thread list and search pages, and thread counts per topic, keyed by the course forum's revision (lib/forum/list-cache.ts) */
  forumLists: 8 * MB,
  /** published problem block rows a submit reads (lib/problems/service.ts), keyed by version id and usage key */
  problemBlocks: 2 * MB,
  /** each problem definition's answerable input ids (lib/problems/service.ts), keyed by content hash */
  problemInputs: 1 * MB,
  /** problems whose rendering varies only with the seed, as rendered for one seed and audience (lib/problems/service.ts), keyed by version, problem and seed */
  problemViews: 4 * MB,
} as const;
/** The session module's decoded-cookie map (lib/auth/session.ts) holds at most 4,096 × ~0.6 KB ≈ 2.5 MB more. */
export const LMS_CACHE_BUDGET_BYTES = Object.values(LMS_CACHE_BUDGETS).reduce((a, b) => a + b, 0);

const versions = (g.__lmsVersions ??= new Lru(32, LMS_CACHE_BUDGETS.versions));
const texts = (g.__lmsTexts ??= new Lru(4000, LMS_CACHE_BUDGETS.texts));
const rendered = (g.__lmsRendered ??= new Lru(4000, LMS_CACHE_BUDGETS.rendered));
const cuesCache = (g.__lmsCues ??= new Lru(500, LMS_CACHE_BUDGETS.cues));
const drafts = (g.__lmsDrafts ??= new Lru(8, LMS_CACHE_BUDGETS.drafts));

/** A learner page as rendered once for its audience (UTF-8): its HTML, or its Flight (RSC) answer to
 *  a client navigation, with the placeholder nonce it was rendered with and the byte offsets where
 *  it occurs (each answer writes its own nonce there). */
export interface SharedPage {
  body: Buffer;
  nonce: string;
  nonceOffsets: number[];
  /** response headers Next's router reads (content type, x-nextjs-*): set for Flight answers only */
  headers?: [string, string][];
}
/** The page cache's store (lib/lms/page-cache.ts owns the keys; the budget lives here with the others). */
export const sharedPages = (g.__lmsPages ??= new Lru<SharedPage>(4000, LMS_CACHE_BUDGETS.pages));

/** What lib/forum/thread-cache.ts keeps of a thread at one revision: its live posts, authors raw (views.ts decides per reader). */
export interface ForumThreadPosts {
  revision: number;
  posts: ThreadPostRow[];
}
/** The forum thread cache's store (lib/forum/thread-cache.ts owns the keys; the budget lives here with the others). */
export const forumThreadPosts = (g.__lmsForumThreads ??= new Lru<Promise<ForumThreadPosts | null>>(4000, LMS_CACHE_BUDGETS.forumThreads));

/** What lib/forum/list-cache.ts keeps of one list or search page: its threads, without the reader's parts. Its store also holds each revision's thread counts per topic (keys of their own). */
export interface ForumListPage {
  rows: ThreadListEntry[];
  next: ThreadCursor | null;
}
export const forumListPages = (g.__lmsForumLists ??= new Lru<Promise<ForumListPage | Map<string, number>>>(4000, LMS_CACHE_BUDGETS.forumLists));

/** The problem service's stores (lib/problems/service.ts owns the keys and sizes; the budgets live here with the others). */
export const problemBlockRows = (g.__lmsProblemBlocks ??= new Lru<Promise<ProblemBlockRow | null>>(4000, LMS_CACHE_BUDGETS.problemBlocks));
/** A problem definition's answerable inputs (a Python problem's are read per learner and never kept). */
export interface ProblemInputs {
  supported: boolean;
  reason?: string;
  ids: string[];
  longIds: string[];
}
export const problemInputs = (g.__lmsProblemInputs ??= new Lru<ProblemInputs>(5000, LMS_CACHE_BUDGETS.problemInputs));
/** Problems whose rendering varies only with the seed, rendered once per (version, problem, seed, audience). */
export const problemViews = (g.__lmsProblemViews ??= new Lru<Promise<ProblemStaticView>>(5000, LMS_CACHE_BUDGETS.problemViews));

/** Estimated bytes of a loaded version: its rows' strings plus ~200 bytes of objects per row. */
function versionBytes(v: VersionData): number {
  let n = 0;
  for (const node of v.outline.byKey.values()) {
    n += 200 + node.usageKey.length + node.urlName.length + node.displayName.length + (node.definitionHash?.length ?? 0) + JSON.stringify(node.settings ?? {}).length;
  }
  for (const a of v.assets.values()) n += 2 * (160 + a.path.length + a.hash.length + a.contentType.length);
  for (const [p, h] of v.documents) n += 100 + p.length + h.length;
  return n + JSON.stringify(v.gradingPolicy ?? null).length;
}

/** Caches a version load under its key; its size is set once it has loaded, a failure is forgotten. */
function cacheLoad(cache: Lru<Promise<VersionData | null>>, key: string, load: () => Promise<VersionData | null>): Promise<VersionData | null> {
  return cache.load(key, load, (v) => (v ? versionBytes(v) : null));
}

/** Bytes each cache holds now (for the bench and operators). */
export function lmsCacheBytes(): Record<keyof typeof LMS_CACHE_BUDGETS, number> {
  return { versions: versions.bytes, drafts: drafts.bytes, texts: texts.bytes, rendered: rendered.bytes, cues: cuesCache.bytes, videos: videos.bytes, views: views.bytes, updates: updatesCache.bytes, pages: sharedPages.bytes, variance: variances.bytes, forumThreads: forumThreadPosts.bytes, forumLists: forumListPages.bytes, problemBlocks: problemBlockRows.bytes, problemInputs: problemInputs.bytes, problemViews: problemViews.bytes };
}

async function loadVersion(versionId: number): Promise<VersionData | null> {
  const db = getDb();
  const [ver] = await db.select({ id: courseVersions.id, courseId: courseVersions.courseId, gradingPolicy: courseVersions.gradingPolicy }).from(courseVersions).where(eq(courseVersions.id, versionId)).limit(1);
  if (!ver) return null;
  const [blocks, assets, docs] = await Promise.all([
    db
      .select({
        usageKey: courseBlocks.usageKey,
        blockType: courseBlocks.blockType,
        urlName: courseBlocks.urlName,
        parentUsageKey: courseBlocks.parentUsageKey,
        position: courseBlocks.position,
        displayName: courseBlocks.displayName,
        settings: courseBlocks.settings,
        definitionHash: courseBlocks.definitionHash,
        unsupportedReason: courseBlocks.unsupportedReason,
        isDraft: courseBlocks.isDraft,
      })
      .from(courseBlocks)
      .where(eq(courseBlocks.versionId, versionId)),
    db.select({ path: courseAssets.path, hash: courseAssets.hash, contentType: courseAssets.contentType, size: courseAssets.size, locked: courseAssets.locked }).from(courseAssets).where(eq(courseAssets.versionId, versionId)),
    db.select({ path: courseDocuments.path, hash: courseDocuments.hash }).from(courseDocuments).where(eq(courseDocuments.versionId, versionId)),
  ]);
  // Drafts are Studio's pending edits: learners never see them.
  const outline = buildOutline(blocks.filter((b) => !b.isDraft));
  return {
    versionId,
    courseId: ver.courseId,
    outline,
    assets: new Map(assets.map((a) => [a.path, a])),
    assetIndex: buildAssetIndex(assets),
    documents: new Map(docs.map((d) => [d.path, d.hash])),
    gradingPolicy: ver.gradingPolicy ?? null,
  };
}

/** The version's outline, assets and documents (cached per version id). */
export function getVersionData({ versionId }: { versionId: number }): Promise<VersionData | null> {
  return cacheLoad(versions, String(versionId), () => loadVersion(versionId));
}

/**
 * Studio's working copy (the one mutable version) for the unit preview: cached on (id, editSeq),
 * which every edit bumps, so a preview never shows content older than the last edit. Never goes
 * into the published-version cache above.
 */
export function getDraftVersionData({ versionId, editSeq }: { versionId: number; editSeq: number }): Promise<VersionData | null> {
  return cacheLoad(drafts, `${versionId}:${editSeq}`, () => loadVersion(versionId));
}

/** Text of a blob from the content store (immutable by hash). */
export async function getBlobText({ hash }: { hash: string }): Promise<string> {
  const hit = texts.get(hash);
  if (hit !== undefined) return hit;
  const text = await getContentStore().getText(hash);
  texts.set(hash, text, text.length);
  return text;
}

const variances = (g.__lmsVariance ??= new Lru<RenderVariance>(20_000, LMS_CACHE_BUDGETS.variance));

/**
 * What the rendering of the problem stored under this hash varies with (lib/capa renderVariance):
 * "none" — the same for every learner, so it is rendered into the unit page, which is rendered once
 * per course version; otherwise it is rendered per learner and reaches them with their state.
 * Cached by content hash (definitions never change under a hash).
 */
export async function problemRenderVariance({ hash }: { hash: string }): Promise<RenderVariance> {
  const hit = variances.get(hash);
  if (hit !== undefined) return hit;
  const value = renderVariance(await getBlobText({ hash }));
  variances.set(hash, value, 56 + hash.length);
  return value;
}

/** A document of the version (about/overview.html, info/updates.html, ...), or null if absent. */
export async function getDocumentText({ version, path }: { version: VersionData; path: string }): Promise<string | null> {
  const hash = version.documents.get(path);
  if (!hash) return null;
  try {
    return await getBlobText({ hash });
  } catch {
    return null;
  }
}

/** Rewritten and sanitized html for a block or document body (cached per course key + version + hash). */
export async function getRenderedHtml({ version, courseKey, hash }: { version: VersionData; courseKey: string; hash: string }): Promise<string> {
  const key = `${courseKey}\u0000${version.versionId}\u0000${hash}`;
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const raw = await getBlobText({ hash });
  const html = renderCourseHtml(raw, { courseKey, assets: version.assetIndex, iframeOrigins: env().COURSE_IFRAME_ORIGINS });
  rendered.set(key, html, html.length);
  return html;
}

/** Renders a document (about/info) through the same rewriter; null if missing or empty. */
export async function getRenderedDocument({ version, courseKey, path }: { version: VersionData; courseKey: string; path: string }): Promise<string | null> {
  const hash = version.documents.get(path);
  if (!hash) return null;
  try {
    const html = await getRenderedHtml({ version, courseKey, hash });
    return html.trim() ? html : null;
  } catch {
    return null;
  }
}

/** Parsed transcript cues of an asset file (cached per content hash). */
export async function getTranscriptCues({ version, fileName }: { version: VersionData; fileName: string }): Promise<{ cues: Cue[]; asset: AssetInfo } | null> {
  const asset = version.assets.get(fileName) ?? version.assets.get(fileName.replace(/^\/?static\//, ""));
  if (!asset) return null;
  let cues = cuesCache.get(asset.hash);
  if (!cues) {
    try {
      cues = parseTranscript(asset.path, await getBlobText({ hash: asset.hash }));
    } catch {
      return null;
    }
    cuesCache.set(asset.hash, cues, cues.reduce((n, c) => n + 64 + c.text.length, 64));
  }
  return { cues, asset };
}

const g2 = globalThis as unknown as { __lmsViews?: Lru<{ view: LearnerView; validUntil: number }>; __lmsVideos?: Lru<VideoModel>; __lmsUpdates?: Lru<CourseUpdate[] | null> };
const views = (g2.__lmsViews ??= new Lru(64, LMS_CACHE_BUDGETS.views));
const videos = (g2.__lmsVideos ??= new Lru(2000, LMS_CACHE_BUDGETS.videos));
const updatesCache = (g2.__lmsUpdates ??= new Lru(256, LMS_CACHE_BUDGETS.updates));

/**
 * The course's updates (info/updates.items.json), each rewritten and sanitized, cached per course
 * key + version: the course home used to sanitize every item on every request. null when the
 * version has no items file (the page falls back to info/updates.html).
 */
export async function getRenderedUpdates({ version, courseKey }: { version: VersionData; courseKey: string }): Promise<CourseUpdate[] | null> {
  const key = `${courseKey}\u0000${version.versionId}`;
  const hit = updatesCache.get(key);
  if (hit !== undefined) return hit;
  const json = await getDocumentText({ version, path: "info/updates.items.json" });
  const items = json ? parseUpdateItems(json) : null;
  const out = items?.map((u) => ({ ...u, html: renderCourseHtml(u.html, { courseKey, assets: version.assetIndex, iframeOrigins: env().COURSE_IFRAME_ORIGINS }) })) ?? null;
  updatesCache.set(key, out, 64 + (out ?? []).reduce((n, u) => n + 64 + u.id.length + u.date.length + u.html.length, 0));
  return out;
}

/** The earliest release date after `now` anywhere in the version: a cached learner view is valid until then. */
function nextReleaseAfter(version: VersionData, now: number): number {
  let next = Infinity;
  for (const node of version.outline.byKey.values()) {
    const t = parseOlxDate(node.start)?.getTime();
    if (t !== undefined && t > now && t < next) next = t;
  }
  return next;
}

/** The visible outline for staff or learners, cached per version until the next release date passes. */
export function getLearnerView({ version, viewer }: { version: VersionData; viewer: Viewer }): LearnerView {
  const key = `${version.versionId}:${viewer.staff ? "staff" : "learner"}`;
  const now = viewer.now.getTime();
  const hit = views.get(key);
  if (hit && now < hit.validUntil) return hit.view;
  const view = learnerView(version.outline, viewer);
  // The view's arrays point at the version's nodes: ~48 bytes a visible unit and section.
  views.set(key, { view, validUntil: viewer.staff ? Infinity : nextReleaseAfter(version, now) }, 256 + 48 * (view.units.length + view.sections.length));
  return view;
}

/** The parsed <video> definition (cached per content hash). */
export async function getVideoModel({ hash }: { hash: string }): Promise<VideoModel> {
  const hit = videos.get(hash);
  if (hit) return hit;
  const model = parseVideoXml(await getBlobText({ hash }));
  videos.set(hash, model, 128 + JSON.stringify(model).length);
  return model;
}

export interface LearnerState {
  roles: ("staff" | "instructor")[];
  enrolled: boolean;
  lastUnitKey: string | null;
  completed: Set<string>;
  bookmarks: Set<string>;
}

/**
 * Everything about one user in one course that a courseware page needs (roles, enrollment,
 * completions, bookmarks), in ONE round trip: the unit page is the hottest page of the LMS.
 * Each branch is converted to one explicit collation so the UNION works whatever the
 * database's default collation is (MariaDB refuses to mix collations in a UNION).
 */
export async function getLearnerState({ userId, courseId }: { userId: number; courseId: number }): Promise<LearnerState> {
  const [rows] = (await getDb().execute(sql`
    SELECT 'r' AS k, CONVERT(role USING utf8mb4) COLLATE utf8mb4_bin AS v FROM course_roles WHERE user_id = ${userId} AND course_id = ${courseId}
    UNION ALL SELECT 'e', CONVERT(CONCAT(is_active, ':', COALESCE(last_unit_key, '')) USING utf8mb4) COLLATE utf8mb4_bin FROM enrollments WHERE user_id = ${userId} AND course_id = ${courseId}
    UNION ALL SELECT 'c', CONVERT(usage_key USING utf8mb4) COLLATE utf8mb4_bin FROM completions WHERE user_id = ${userId} AND course_id = ${courseId}
    UNION ALL SELECT 'b', CONVERT(usage_key USING utf8mb4) COLLATE utf8mb4_bin FROM bookmarks WHERE user_id = ${userId} AND course_id = ${courseId}`)) as unknown as [{ k: string; v: string }[]];
  const state: LearnerState = { roles: [], enrolled: false, lastUnitKey: null, completed: new Set(), bookmarks: new Set() };
  for (const { k, v } of rows) {
    if (k === "r" && (v === "staff" || v === "instructor")) state.roles.push(v);
    else if (k === "e") {
      const i = v.indexOf(":");
      state.enrolled = v.slice(0, i) === "1";
      state.lastUnitKey = v.slice(i + 1) || null;
    } else if (k === "c") state.completed.add(v);
    else if (k === "b") state.bookmarks.add(v);
  }
  return state;
}
