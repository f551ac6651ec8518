import "server-only";
// The course forum's reads and writes (lib/db/schema/forum.ts). Reads are shaped for the JSON
// routes: the thread list is ONE query (keyset on (pinned, sort key, id) over the indexes that
// start with course_id, so page 500 costs what page 1 costs), the reader's read marker, follow and
// vote come in the same query. Writes that touch a thread's counters run in one transaction that
// first locks the thread row (the locking order: thread, then its posts), then calls `guard`
// with the locked row so the caller's rules see the state they change. Names of authors are
// returned raw here: hiding anonymous authors is the route's job (lib/forum/views.ts).
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx, type Tx } from "@/lib/db";
import {
  courses,
  forumBans,
  forumEdits,
  forumFollows,
  forumModLog,
  forumNotifications,
  forumPosts,
  forumReads,
  forumReports,
  forumRoles,
  forumThreads,
  forumVotes,
  users,
} from "@/lib/db/schema";
import type { Anonymity } from "@/lib/forum/rules";
import { courseRolesOf, sessionUserColumns, sessionUserJoin, type SessionUserRow } from "./course-access";
import { preparedQuery } from "@/lib/db/prepared";

export type ThreadRow = typeof forumThreads.$inferSelect;
export type PostRow = typeof forumPosts.$inferSelect;
export type NotificationKind = (typeof forumNotifications.$inferInsert)["kind"];

// ---------------------------------------------------------------------------------------------
// Standing of one user in one course's forum

/** What a forum request reads of the course row (only these: a forum read costs what its columns cost). */
export type ForumCourse = Pick<typeof courses.$inferSelect, "id" | "courseKey" | "publishedVersionId" | "catalogVisibility">;

// Asked by every forum request (lib/forum/service.ts loadForum): prepared (lib/db/prepared.ts).
const forumAccessQuery = preparedQuery((db) =>
  db
    .select({
      course: { id: courses.id, courseKey: courses.courseKey, publishedVersionId: courses.publishedVersionId, catalogVisibility: courses.catalogVisibility },
      user: sessionUserColumns,
      // Written out with table names: without a join, drizzle leaves ${courses.id} unqualified,
      // which inside a subquery would name the subquery's own id column.
      roles: sql<string | null>`(SELECT GROUP_CONCAT(cr.role) FROM course_roles cr WHERE cr.user_id = ${sql.placeholder("userId")} AND cr.course_id = courses.id)`,
      enrolled: sql<number | null>`(SELECT MAX(e.is_active) FROM enrollments e WHERE e.user_id = ${sql.placeholder("userId")} AND e.course_id = courses.id)`,
      ta: sql<number>`EXISTS (SELECT 1 FROM forum_roles fr WHERE fr.course_id = courses.id AND fr.user_id = ${sql.placeholder("userId")} AND fr.role = 'community_ta')`,
      banned: sql<number>`EXISTS (SELECT 1 FROM forum_bans fb WHERE fb.course_id = courses.id AND fb.user_id = ${sql.placeholder("userId")})`,
      forumRevision: sql<number | null>`(SELECT fcr.revision FROM forum_course_revisions fcr WHERE fcr.course_id = courses.id)`,
    })
    .from(courses)
    .leftJoin(users, sessionUserJoin())
    .where(eq(courses.courseKey, sql.placeholder("courseKey")))
    .limit(1)
    .prepare(),
);

/**
 * Everything a forum request needs to know about the caller and the course, in ONE round trip:
 * the course by key; the session's user (only while that session row exists and has not expired;
 * null otherwise, and always for `sid` null); and that user's staff/instructor roles, active
 * enrollment, community-TA role and ban. Null when the course does not exist. Anonymous callers
 * pass userId 0, who holds no roles.
 */
export async function getForumAccess({ courseKey, userId, sid, now = new Date(), db = getDb() }: { courseKey: string; userId: number; sid: string | null; now?: Date; db?: DbOrTx }): Promise<{
  course: ForumCourse;
  user: SessionUserRow | null;
  roles: ("staff" | "instructor")[];
  enrolled: boolean;
  communityTA: boolean;
  banned: boolean;
  /** forum_course_revisions.revision (0 before the first write): what the list cache is keyed by */
  forumRevision: number;
} | null> {
  // no user has id 0 and no session an empty sid: a caller without a session matches no user
  const rows = await forumAccessQuery(db).execute({ courseKey, userId, sid: sid ?? "", now });
  const row = rows[0];
  if (!row) return null;
  return { course: row.course, user: row.user, roles: courseRolesOf(row.roles), enrolled: Number(row.enrolled) === 1, communityTA: Number(row.ta) === 1, banned: Number(row.banned) === 1, forumRevision: Number(row.forumRevision ?? 0) };
}

/** Posts (threads + responses + comments) the user wrote in the course in each window (ms), newest windows first. */
export async function countRecentPosts({ userId, courseId, windowsMs, now = new Date() }: { userId: number; courseId: number; windowsMs: readonly number[]; now?: Date }): Promise<number[]> {
  const widest = new Date(now.getTime() - Math.max(...windowsMs));
  const [rows] = (await getDb().execute(sql`
    SELECT created_at AS at FROM forum_threads WHERE author_id = ${userId} AND course_id = ${courseId} AND created_at >= ${widest}
    UNION ALL
    SELECT created_at FROM forum_posts WHERE author_id = ${userId} AND course_id = ${courseId} AND created_at >= ${widest}`)) as unknown as [{ at: Date | string }[]];
  const times = rows.map((r) => new Date(r.at).getTime());
  return windowsMs.map((w) => times.filter((t) => t >= now.getTime() - w).length);
}

// ---------------------------------------------------------------------------------------------
// Thread list

export type ThreadFilter = "all" | "unread" | "unanswered" | "following" | "mine";
export type ThreadSort = "activity" | "votes";

export interface ThreadListRow {
  id: number;
  topicId: string;
  kind: "discussion" | "question";
  title: string;
  excerptMd: string;
  authorId: number;
  authorUsername: string;
  authorFullName: string;
  anonymity: Anonymity;
  pinned: boolean;
  closed: boolean;
  answered: boolean;
  voteCount: number;
  postCount: number;
  postSeq: number;
  lastActivityAt: Date;
  createdAt: Date;
  seenSeq: number | null;
  following: boolean;
  voted: boolean;
}

/** The cursor of a thread list page: the last row's (pinned, sort key, id). */
export interface ThreadCursor {
  pinned: boolean;
  key: number;
  id: number;
}

export function encodeCursor(c: ThreadCursor): string {
  return Buffer.from(JSON.stringify([c.pinned ? 1 : 0, c.key, c.id])).toString("base64url");
}

/** Null for anything that is not a cursor this module made. */
export function decodeCursor(s: string | null | undefined): ThreadCursor | null {
  if (!s || s.length > 200) return null;
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === "number" && Number.isFinite(x))) return null;
    const [p, key, id] = v as number[];
    if ((p !== 0 && p !== 1) || !Number.isInteger(id) || id < 1) return null;
    return { pinned: p === 1, key, id };
  } catch {
    return null;
  }
}

/** Terms of a search box → a FULLTEXT boolean-mode query (every word required, prefix match), or null when no word is long enough. */
export function booleanQueryOf(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .slice(0, 8);
  return words.length ? words.map((w) => `+${w}*`).join(" ") : null;
}

export async function listThreads({
  courseId,
  userId,
  topicId,
  visibleTopicIds,
  filter = "all",
  sort = "activity",
  search,
  cursor,
  limit = 20,
  withReader = true,
  db = getDb(),
}: {
  courseId: number;
  userId: number;
  topicId?: string | null;
  /** learners: only threads of the topics they can see (null: staff, every topic) */
  visibleTopicIds: readonly string[] | null;
  filter?: ThreadFilter;
  sort?: ThreadSort;
  search?: string | null;
  cursor?: ThreadCursor | null;
  limit?: number;
  /** false: leave out the reader's marker/follow/vote (the list cache asks them per reader); only with filter "all" or "unanswered" */
  withReader?: boolean;
  db?: DbOrTx;
}): Promise<{ rows: ThreadListRow[]; next: ThreadCursor | null }> {
  if (!withReader && filter !== "all" && filter !== "unanswered") throw new Error(`listThreads: filter ${filter} needs the reader`);
  const where: SQL[] = [sql`t.course_id = ${courseId}`, sql`t.deleted_at IS NULL`];
  if (topicId) where.push(sql`t.topic_id = ${topicId}`);
  if (visibleTopicIds !== null) {
    if (visibleTopicIds.length === 0) return { rows: [], next: null };
    where.push(sql`t.topic_id IN (${sql.join(visibleTopicIds.map((id) => sql`${id}`), sql`, `)})`);
  }
  if (filter === "unread") where.push(sql`(r.seen_seq IS NULL OR r.seen_seq < t.post_seq)`);
  else if (filter === "unanswered") where.push(sql`t.kind = 'question' AND t.answered = 0`);
  else if (filter === "following") where.push(sql`f.id IS NOT NULL`);
  else if (filter === "mine") where.push(sql`(t.author_id = ${userId} OR EXISTS (SELECT 1 FROM forum_posts mp WHERE mp.thread_id = t.id AND mp.author_id = ${userId} AND mp.deleted_at IS NULL))`);
  const q = search?.trim();
  // Search: the matching thread ids are found once by the two FULLTEXT indexes (a derived table
  // MariaDB materializes), then joined; as `t.id IN (…)` MariaDB ran it as a dependent subquery,
  // one FULLTEXT lookup per thread (0.8 s at 10,000 threads instead of 20 ms).
  let matches = sql``;
  if (q) {
    const bq = booleanQueryOf(q);
    if (bq) {
      matches = sql`JOIN (
        SELECT st.id FROM forum_threads st WHERE st.course_id = ${courseId} AND MATCH(st.title, st.body_md) AGAINST (${bq} IN BOOLEAN MODE)
        UNION SELECT sp.thread_id FROM forum_posts sp WHERE sp.course_id = ${courseId} AND sp.deleted_at IS NULL AND MATCH(sp.body_md) AGAINST (${bq} IN BOOLEAN MODE)) m ON m.id = t.id`;
    } else {
      // only short words (FULLTEXT ignores words under 3 letters): a plain substring match on titles
      where.push(sql`t.title LIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    }
  }
  const keyCol = sort === "votes" ? sql`t.vote_count` : sql`t.last_activity_at`;
  if (cursor) {
    const key = sort === "votes" ? sql`${cursor.key}` : sql`${new Date(cursor.key)}`;
    const p = cursor.pinned ? 1 : 0;
    where.push(sql`(t.pinned < ${p} OR (t.pinned = ${p} AND (${keyCol} < ${key} OR (${keyCol} = ${key} AND t.id < ${cursor.id}))))`);
  }
  const [rows] = (await db.execute(sql`
    SELECT t.id, t.topic_id AS topicId, t.kind, t.title, LEFT(t.body_md, 400) AS excerptMd, t.author_id AS authorId,
      u.username AS authorUsername, u.full_name AS authorFullName, t.anonymity, t.pinned, t.closed, t.answered,
      t.vote_count AS voteCount, t.post_count AS postCount, t.post_seq AS postSeq, t.last_activity_at AS lastActivityAt,
      t.created_at AS createdAt${withReader ? sql`, r.seen_seq AS seenSeq, f.id IS NOT NULL AS following, v.id IS NOT NULL AS voted` : sql``}
    FROM forum_threads t
    ${matches}
    JOIN users u ON u.id = t.author_id
    ${
      withReader
        ? sql`LEFT JOIN forum_reads r ON r.user_id = ${userId} AND r.thread_id = t.id
    LEFT JOIN forum_follows f ON f.user_id = ${userId} AND f.thread_id = t.id
    LEFT JOIN forum_votes v ON v.user_id = ${userId} AND v.target_type = 'thread' AND v.target_id = t.id`
        : sql``
    }
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY t.pinned DESC, ${keyCol} DESC, t.id DESC
    LIMIT ${limit + 1}`)) as unknown as [Record<string, unknown>[]];
  const list = rows.slice(0, limit).map(threadListRowOf);
  const last = list[list.length - 1];
  const next = rows.length > limit && last ? { pinned: last.pinned, key: sort === "votes" ? last.voteCount : last.lastActivityAt.getTime(), id: last.id } : null;
  return { rows: list, next };
}

const bool = (v: unknown) => v === true || Number(v) === 1;

function threadListRowOf(r: Record<string, unknown>): ThreadListRow {
  return {
    id: Number(r.id),
    topicId: String(r.topicId),
    kind: r.kind as ThreadListRow["kind"],
    title: String(r.title),
    excerptMd: String(r.excerptMd ?? ""),
    authorId: Number(r.authorId),
    authorUsername: String(r.authorUsername),
    authorFullName: String(r.authorFullName ?? ""),
    anonymity: r.anonymity as Anonymity,
    pinned: bool(r.pinned),
    closed: bool(r.closed),
    answered: bool(r.answered),
    voteCount: Number(r.voteCount),
    postCount: Number(r.postCount),
    postSeq: Number(r.postSeq),
    lastActivityAt: new Date(r.lastActivityAt as string),
    createdAt: new Date(r.createdAt as string),
    seenSeq: r.seenSeq === null || r.seenSeq === undefined ? null : Number(r.seenSeq),
    following: bool(r.following),
    voted: bool(r.voted),
  };
}

/** A list row as every reader sees it (lib/forum/list-cache.ts adds the excerpt it made once). */
export type ThreadListEntry = Omit<ThreadListRow, "seenSeq" | "following" | "voted"> & { excerpt?: string };

/** The reader's marker, follow and vote on each of a page's threads (a page is ≤ 50 ids: unique-index lookups). */
export async function listThreadReaderStates({ userId, threadIds }: { userId: number; threadIds: number[] }): Promise<Map<number, ReaderState>> {
  if (!threadIds.length) return new Map();
  const ids = sql.join(threadIds.map((id) => sql`${id}`), sql`, `);
  const [rows] = (await getDb().execute(sql`
    SELECT t.id, r.seen_seq AS seenSeq, f.id IS NOT NULL AS following, v.id IS NOT NULL AS voted
    FROM forum_threads t
    LEFT JOIN forum_reads r ON r.user_id = ${userId} AND r.thread_id = t.id
    LEFT JOIN forum_follows f ON f.user_id = ${userId} AND f.thread_id = t.id
    LEFT JOIN forum_votes v ON v.user_id = ${userId} AND v.target_type = 'thread' AND v.target_id = t.id
    WHERE t.id IN (${ids})`)) as unknown as [Record<string, unknown>[]];
  return new Map(rows.map((r) => [Number(r.id), { seenSeq: r.seenSeq === null || r.seenSeq === undefined ? null : Number(r.seenSeq), following: bool(r.following), voted: bool(r.voted) }]));
}

/** Live threads per topic in a course (the same for every reader: lib/forum/list-cache.ts caches it by the forum's revision). */
export async function countThreadsByTopic({ courseId }: { courseId: number }): Promise<Map<string, number>> {
  const [rows] = (await getDb().execute(sql`
    SELECT topic_id AS topicId, COUNT(*) AS threads FROM forum_threads
    WHERE course_id = ${courseId} AND deleted_at IS NULL
    GROUP BY topic_id`)) as unknown as [{ topicId: string; threads: number | string }[]];
  return new Map(rows.map((r) => [r.topicId, Number(r.threads)]));
}

/**
 * Live threads per topic the reader has read up to their last post. A topic's unread count is its
 * thread count minus this: the query walks only the reader's own read markers (forum_reads by
 * user and course), not every thread of the course.
 */
export async function countReadThreadsByTopic({ courseId, userId }: { courseId: number; userId: number }): Promise<Map<string, number>> {
  const [rows] = (await getDb().execute(sql`
    SELECT t.topic_id AS topicId, COUNT(*) AS n
    FROM forum_reads r JOIN forum_threads t ON t.id = r.thread_id
    WHERE r.user_id = ${userId} AND r.course_id = ${courseId} AND t.deleted_at IS NULL AND r.seen_seq >= t.post_seq
    GROUP BY t.topic_id`)) as unknown as [{ topicId: string; n: number | string }[]];
  return new Map(rows.map((r) => [r.topicId, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// One thread

export interface AuthorCols {
  authorUsername: string;
  authorFullName: string;
}

export async function getThread({ threadId, db = getDb() }: { threadId: number; db?: DbOrTx }): Promise<(ThreadRow & AuthorCols) | null> {
  const rows = await db
    .select({ t: forumThreads, authorUsername: users.username, authorFullName: users.fullName })
    .from(forumThreads)
    .innerJoin(users, eq(users.id, forumThreads.authorId))
    .where(eq(forumThreads.id, threadId))
    .limit(1);
  return rows[0] ? { ...rows[0].t, authorUsername: rows[0].authorUsername, authorFullName: rows[0].authorFullName } : null;
}

export async function getPost({ postId, db = getDb() }: { postId: number; db?: DbOrTx }): Promise<PostRow | null> {
  const rows = await db.select().from(forumPosts).where(eq(forumPosts.id, postId)).limit(1);
  return rows[0] ?? null;
}

/** A post as every reader's view of it is built from (lib/forum/thread-cache.ts): nothing about the reader. */
export interface ThreadPostRow {
  id: number;
  parentId: number | null;
  authorId: number;
  authorUsername: string;
  authorFullName: string;
  anonymity: Anonymity;
  bodyMd: string;
  bodyHtml: string;
  isAnswer: boolean;
  endorsed: boolean;
  voteCount: number;
  editedAt: Date | null;
  createdAt: Date;
}

/**
 * The live responses and comments of a thread in posting order, with their authors, and the
 * thread's revision read by the SAME statement (one consistent snapshot), so the posts are cached
 * under the revision they belong to. Revision null: the thread does not exist.
 */
/**
 * Every live post of a thread, in posting order, with the thread's revision read in the same
 * statement. All of them: a thread holds at most FORUM_MAX_POSTS_PER_THREAD live posts (a post
 * beyond it is refused under the thread's lock, lib/forum/rules.ts canPost), so nothing is cut off.
 */
export async function listPostsOfThread({ threadId }: { threadId: number }): Promise<{ revision: number | null; posts: ThreadPostRow[] }> {
  const [rows] = (await getDb().execute(sql`
    SELECT t.revision, p.id, p.parent_id AS parentId, p.author_id AS authorId, u.username AS authorUsername, u.full_name AS authorFullName,
      p.anonymity, p.body_md AS bodyMd, p.body_html AS bodyHtml, p.is_answer AS isAnswer, p.endorsed, p.vote_count AS voteCount,
      p.edited_at AS editedAt, p.created_at AS createdAt
    FROM forum_threads t
    LEFT JOIN forum_posts p ON p.thread_id = t.id AND p.deleted_at IS NULL
    LEFT JOIN users u ON u.id = p.author_id
    WHERE t.id = ${threadId}
    ORDER BY p.id ASC`)) as unknown as [Record<string, unknown>[]];
  if (!rows.length) return { revision: null, posts: [] };
  const posts = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: Number(r.id),
      parentId: r.parentId === null ? null : Number(r.parentId),
      authorId: Number(r.authorId),
      authorUsername: String(r.authorUsername ?? ""),
      authorFullName: String(r.authorFullName ?? ""),
      anonymity: r.anonymity as Anonymity,
      bodyMd: String(r.bodyMd),
      bodyHtml: String(r.bodyHtml),
      isAnswer: bool(r.isAnswer),
      endorsed: bool(r.endorsed),
      voteCount: Number(r.voteCount),
      editedAt: r.editedAt === null ? null : new Date(r.editedAt as string),
      createdAt: new Date(r.createdAt as string),
    }));
  return { revision: Number(rows[0].revision), posts };
}

export interface ReaderState {
  seenSeq: number | null;
  following: boolean;
  voted: boolean;
}

// Asked by every thread view: prepared (lib/db/prepared.ts).
const threadForReaderQuery = preparedQuery((db) =>
  db
    .select({
      t: forumThreads,
      authorUsername: users.username,
      authorFullName: users.fullName,
      seenSeq: sql<number | null>`(SELECT r.seen_seq FROM forum_reads r WHERE r.user_id = ${sql.placeholder("userId")} AND r.thread_id = ${sql.placeholder("threadId")})`,
      following: sql<number>`EXISTS (SELECT 1 FROM forum_follows f WHERE f.user_id = ${sql.placeholder("userId")} AND f.thread_id = ${sql.placeholder("threadId")})`,
      voted: sql<number>`EXISTS (SELECT 1 FROM forum_votes v WHERE v.user_id = ${sql.placeholder("userId")} AND v.target_type = 'thread' AND v.target_id = ${sql.placeholder("threadId")})`,
      votedPosts: sql<string | null>`(SELECT GROUP_CONCAT(v.target_id) FROM forum_votes v JOIN forum_posts p ON p.id = v.target_id WHERE v.user_id = ${sql.placeholder("userId")} AND v.target_type = 'post' AND p.thread_id = ${sql.placeholder("threadId")})`,
    })
    .from(forumThreads)
    .innerJoin(users, eq(users.id, forumThreads.authorId))
    .where(eq(forumThreads.id, sql.placeholder("threadId")))
    .limit(1)
    .prepare(),
);

/**
 * One thread with its author, and the reader's marker, follow and vote on it, and the ids of its
 * posts the reader voted for: one indexed round trip (the reader's votes are few: the unique
 * (user, type, target) index, then each post's thread).
 */
export async function getThreadForReader({ threadId, userId }: { threadId: number; userId: number }): Promise<(ThreadRow & AuthorCols & { reader: ReaderState; votedPostIds: Set<number> }) | null> {
  const rows = await threadForReaderQuery(getDb()).execute({ threadId, userId });
  const r = rows[0];
  if (!r) return null;
  return {
    ...r.t,
    authorUsername: r.authorUsername,
    authorFullName: r.authorFullName,
    reader: { seenSeq: r.seenSeq === null || r.seenSeq === undefined ? null : Number(r.seenSeq), following: bool(r.following), voted: bool(r.voted) },
    votedPostIds: new Set(r.votedPosts ? String(r.votedPosts).split(",").map(Number) : []),
  };
}

/** Records that the user has read the thread up to `seq` (never moves backwards). */
export async function markThreadRead({ userId, threadId, courseId, seq, db = getDb() }: { userId: number; threadId: number; courseId: number; seq: number; db?: DbOrTx }): Promise<void> {
  await db
    .insert(forumReads)
    .values({ userId, threadId, courseId, seenSeq: seq, readAt: new Date() })
    .onDuplicateKeyUpdate({ set: { seenSeq: sql`GREATEST(${forumReads.seenSeq}, VALUES(${forumReads.seenSeq}))`, readAt: sql`VALUES(${forumReads.readAt})` } });
}

// ---------------------------------------------------------------------------------------------
// Writes (each one transaction; `guard` runs on the locked rows and throws to refuse)

async function lockThread(tx: Tx, threadId: number): Promise<ThreadRow | null> {
  const rows = await tx.select().from(forumThreads).where(eq(forumThreads.id, threadId)).for("update");
  return rows[0] ?? null;
}

/** `revision = revision + 1`: every write that changes what a thread's readers see sets it in its own transaction. */
const bumped = () => sql`${forumThreads.revision} + 1`;

async function bumpRevision(tx: Tx, threadId: number): Promise<void> {
  await tx.update(forumThreads).set({ revision: bumped() }).where(eq(forumThreads.id, threadId));
}

/**
 * Bumps the course forum's revision (forum_course_revisions): every write that changes a thread
 * list or a search's answer calls it last in its transaction (its row is always locked after the
 * thread's, never before).
 */
async function bumpCourseRevision(tx: DbOrTx, by: { courseId: number } | { threadId: number }): Promise<void> {
  const course = "courseId" in by ? sql`${by.courseId}` : sql`(SELECT ft.course_id FROM forum_threads ft WHERE ft.id = ${by.threadId})`;
  await tx.execute(sql`INSERT INTO forum_course_revisions (course_id, revision) VALUES (${course}, 1) ON DUPLICATE KEY UPDATE revision = revision + 1`);
}

export async function insertThread(values: {
  courseId: number;
  topicId: string;
  kind: "discussion" | "question";
  title: string;
  bodyMd: string;
  bodyHtml: string;
  authorId: number;
  anonymity: Anonymity;
}): Promise<number> {
  return getDb().transaction(async (tx) => {
    const [{ id }] = await tx.insert(forumThreads).values({ ...values, lastActivityAt: new Date() }).$returningId();
    // Like Open edX, the author follows their own thread (replies reach them).
    await tx.insert(forumFollows).values({ userId: values.authorId, threadId: id, courseId: values.courseId });
    await tx.insert(forumReads).values({ userId: values.authorId, threadId: id, courseId: values.courseId, seenSeq: 0 });
    await bumpCourseRevision(tx, { courseId: values.courseId });
    return id;
  });
}

export interface NewPost {
  threadId: number;
  parentId: number | null;
  authorId: number;
  bodyMd: string;
  bodyHtml: string;
  anonymity: Anonymity;
}

/**
 * A response or comment: locks the thread, lets `guard` refuse (closed, deleted, parent checks),
 * inserts the post, bumps the thread's counters and activity, notifies the thread's author, the
 * parent response's author and the followers (never the replier), makes the replier follow the
 * thread and marks it read for them up to their own post.
 */
export async function insertPost(p: NewPost, guard: (thread: ThreadRow, parent: PostRow | null) => void): Promise<{ postId: number; notified: number[] }> {
  return getDb().transaction(async (tx) => {
    const thread = await lockThread(tx, p.threadId);
    const parent = p.parentId ? ((await tx.select().from(forumPosts).where(eq(forumPosts.id, p.parentId)).limit(1))[0] ?? null) : null;
    if (!thread) throw new Error("thread vanished");
    guard(thread, parent);
    const now = new Date();
    const [{ id: postId }] = await tx.insert(forumPosts).values({ ...p, courseId: thread.courseId, createdAt: now }).$returningId();
    const seq = thread.postSeq + 1;
    await tx
      .update(forumThreads)
      .set({ postCount: sql`${forumThreads.postCount} + 1`, postSeq: seq, lastActivityAt: now, revision: bumped() })
      .where(eq(forumThreads.id, thread.id));
    const followers = await tx.select({ userId: forumFollows.userId }).from(forumFollows).where(eq(forumFollows.threadId, thread.id));
    const kinds = new Map<number, NotificationKind>();
    for (const f of followers) kinds.set(f.userId, "reply_in_followed");
    kinds.set(thread.authorId, "reply_to_my_thread");
    if (parent) kinds.set(parent.authorId, "reply_to_my_post");
    kinds.delete(p.authorId);
    if (kinds.size) {
      await tx.insert(forumNotifications).values(
        [...kinds].map(([userId, kind]) => ({ userId, courseId: thread.courseId, threadId: thread.id, postId, actorId: p.authorId, actorAnonymity: p.anonymity, kind, createdAt: now })),
      );
    }
    await tx.insert(forumFollows).values({ userId: p.authorId, threadId: thread.id, courseId: thread.courseId }).onDuplicateKeyUpdate({ set: { threadId: thread.id } });
    await markThreadRead({ userId: p.authorId, threadId: thread.id, courseId: thread.courseId, seq, db: tx });
    await bumpCourseRevision(tx, { courseId: thread.courseId });
    return { postId, notified: [...kinds.keys()] };
  });
}

/** Edits a thread (title and body) or a post (body), keeping the previous text in forum_edits. */
export async function updateThreadText({ threadId, editorId, title, bodyMd, bodyHtml }: { threadId: number; editorId: number; title: string; bodyMd: string; bodyHtml: string }, guard: (thread: ThreadRow) => void): Promise<void> {
  await getDb().transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    if (!thread) throw new Error("thread vanished");
    guard(thread);
    await tx.insert(forumEdits).values({ courseId: thread.courseId, threadId, postId: null, editorId, oldTitle: thread.title, oldBodyMd: thread.bodyMd });
    await tx.update(forumThreads).set({ title, bodyMd, bodyHtml, editedAt: new Date(), revision: bumped() }).where(eq(forumThreads.id, threadId));
    await bumpCourseRevision(tx, { courseId: thread.courseId });
  });
}

export async function updatePostText({ postId, editorId, bodyMd, bodyHtml }: { postId: number; editorId: number; bodyMd: string; bodyHtml: string }, guard: (thread: ThreadRow, post: PostRow) => void): Promise<void> {
  await getDb().transaction(async (tx) => {
    const post = (await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).limit(1))[0];
    if (!post) throw new Error("post vanished");
    const thread = await lockThread(tx, post.threadId);
    const locked = (await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).for("update"))[0];
    if (!thread || !locked) throw new Error("post vanished");
    guard(thread, locked);
    await tx.insert(forumEdits).values({ courseId: thread.courseId, threadId: thread.id, postId, editorId, oldTitle: null, oldBodyMd: locked.bodyMd });
    await tx.update(forumPosts).set({ bodyMd, bodyHtml, editedAt: new Date() }).where(eq(forumPosts.id, postId));
    await bumpRevision(tx, thread.id);
    await bumpCourseRevision(tx, { courseId: thread.courseId }); // search matches post bodies
  });
}

export async function softDeleteThread({ threadId, actorId }: { threadId: number; actorId: number }, guard: (thread: ThreadRow) => void): Promise<ThreadRow> {
  return getDb().transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    if (!thread) throw new Error("thread vanished");
    guard(thread);
    await tx.update(forumThreads).set({ deletedAt: new Date(), deletedBy: actorId, revision: bumped() }).where(eq(forumThreads.id, threadId));
    await bumpCourseRevision(tx, { courseId: thread.courseId });
    return thread;
  });
}

/** Deletes a post; a response takes its comments with it. The thread's counters and answered flag follow. */
export async function softDeletePost({ postId, actorId }: { postId: number; actorId: number }, guard: (thread: ThreadRow, post: PostRow) => void): Promise<{ thread: ThreadRow; post: PostRow }> {
  return getDb().transaction(async (tx) => {
    const first = (await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).limit(1))[0];
    if (!first) throw new Error("post vanished");
    const thread = await lockThread(tx, first.threadId);
    const post = (await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).for("update"))[0];
    if (!thread || !post) throw new Error("post vanished");
    guard(thread, post);
    const now = new Date();
    const ids = [post.id];
    if (post.parentId === null) {
      const comments = await tx.select({ id: forumPosts.id }).from(forumPosts).where(and(eq(forumPosts.threadId, thread.id), eq(forumPosts.parentId, post.id), isNull(forumPosts.deletedAt)));
      ids.push(...comments.map((c) => c.id));
    }
    await tx.update(forumPosts).set({ deletedAt: now, deletedBy: actorId, isAnswer: false }).where(inArray(forumPosts.id, ids));
    const answered = await tx.select({ id: forumPosts.id }).from(forumPosts).where(and(eq(forumPosts.threadId, thread.id), eq(forumPosts.isAnswer, true), isNull(forumPosts.deletedAt))).limit(1);
    await tx
      .update(forumThreads)
      .set({ postCount: sql`GREATEST(${forumThreads.postCount} - ${ids.length}, 0)`, answered: answered.length > 0, revision: bumped() })
      .where(eq(forumThreads.id, thread.id));
    await bumpCourseRevision(tx, { courseId: thread.courseId });
    return { thread, post };
  });
}

/** Adds or removes the user's vote; the count moves only when the vote row did. */
export async function setVote({ userId, targetType, targetId, on }: { userId: number; targetType: "thread" | "post"; targetId: number; on: boolean }): Promise<number> {
  return getDb().transaction(async (tx) => {
    const table = targetType === "thread" ? forumThreads : forumPosts;
    // A post's thread is locked (and its revision bumped) before the post: the locking order of
    // every other write (thread, then its posts). A vote that changes nothing costs one cache miss.
    if (targetType === "post") {
      await tx.execute(sql`UPDATE forum_threads SET revision = revision + 1 WHERE id = (SELECT p.thread_id FROM forum_posts p WHERE p.id = ${targetId})`);
    }
    const [target] = await tx.select({ voteCount: table.voteCount }).from(table).where(eq(table.id, targetId)).for("update");
    if (!target) throw new Error("vote target vanished");
    const existing = await tx
      .select({ id: forumVotes.id })
      .from(forumVotes)
      .where(and(eq(forumVotes.userId, userId), eq(forumVotes.targetType, targetType), eq(forumVotes.targetId, targetId)))
      .limit(1);
    let delta = 0;
    if (on && existing.length === 0) {
      await tx.insert(forumVotes).values({ userId, targetType, targetId });
      delta = 1;
    } else if (!on && existing.length > 0) {
      await tx.delete(forumVotes).where(eq(forumVotes.id, existing[0].id));
      delta = -1;
    }
    if (delta !== 0) {
      if (targetType === "thread") {
        await tx.update(forumThreads).set({ voteCount: sql`${forumThreads.voteCount} + ${delta}`, revision: bumped() }).where(eq(forumThreads.id, targetId));
        await bumpCourseRevision(tx, { threadId: targetId }); // the list shows (and sorts by) a thread's votes
      }
      else await tx.update(forumPosts).set({ voteCount: sql`${forumPosts.voteCount} + ${delta}` }).where(eq(forumPosts.id, targetId));
    }
    return target.voteCount + delta;
  });
}

export async function setFollow({ userId, threadId, courseId, on }: { userId: number; threadId: number; courseId: number; on: boolean }): Promise<void> {
  if (on) await getDb().insert(forumFollows).values({ userId, threadId, courseId }).onDuplicateKeyUpdate({ set: { threadId } });
  else await getDb().delete(forumFollows).where(and(eq(forumFollows.userId, userId), eq(forumFollows.threadId, threadId)));
}

/** Marks (or unmarks) a response as the answer; the thread's answered flag follows; the response's author is told. */
export async function setAnswer({ postId, actorId, on }: { postId: number; actorId: number; on: boolean }, guard: (thread: ThreadRow, post: PostRow) => void): Promise<void> {
  await getDb().transaction(async (tx) => {
    const first = (await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).limit(1))[0];
    if (!first) throw new Error("post vanished");
    const thread = await lockThread(tx, first.threadId);
    if (!thread) throw new Error("thread vanished");
    guard(thread, first);
    await tx.update(forumPosts).set({ isAnswer: on }).where(eq(forumPosts.id, postId));
    const answered = await tx.select({ id: forumPosts.id }).from(forumPosts).where(and(eq(forumPosts.threadId, thread.id), eq(forumPosts.isAnswer, true), isNull(forumPosts.deletedAt))).limit(1);
    await tx.update(forumThreads).set({ answered: answered.length > 0, revision: bumped() }).where(eq(forumThreads.id, thread.id));
    await bumpCourseRevision(tx, { courseId: thread.courseId });
    if (on && !first.isAnswer && first.authorId !== actorId) {
      await tx.insert(forumNotifications).values({ userId: first.authorId, courseId: thread.courseId, threadId: thread.id, postId, actorId, actorAnonymity: actorId === thread.authorId ? thread.anonymity : "none", kind: "answer_marked" });
    }
  });
}

export async function setEndorsed({ postId, actorId, on }: { postId: number; actorId: number; on: boolean }, guard: (thread: ThreadRow, post: PostRow) => void): Promise<void> {
  await getDb().transaction(async (tx) => {
    const first = (await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).limit(1))[0];
    if (!first) throw new Error("post vanished");
    const thread = await lockThread(tx, first.threadId);
    if (!thread) throw new Error("thread vanished");
    guard(thread, first);
    await tx.update(forumPosts).set({ endorsed: on, endorsedBy: on ? actorId : null }).where(eq(forumPosts.id, postId));
    await bumpRevision(tx, thread.id);
    if (on && !first.endorsed && first.authorId !== actorId) {
      await tx.insert(forumNotifications).values({ userId: first.authorId, courseId: thread.courseId, threadId: thread.id, postId, actorId, kind: "endorsed" });
    }
  });
}

export async function setThreadFlag({ threadId, flag, on }: { threadId: number; flag: "pinned" | "closed"; on: boolean }): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx
      .update(forumThreads)
      .set({ [flag]: on, revision: bumped() })
      .where(eq(forumThreads.id, threadId));
    await bumpCourseRevision(tx, { threadId });
  });
}

export async function logModeration(entry: typeof forumModLog.$inferInsert, db: DbOrTx = getDb()): Promise<void> {
  await db.insert(forumModLog).values(entry);
}

// ---------------------------------------------------------------------------------------------
// Reports, edit history, bans, roles

/** Files a report; false when this user already reported this thread or post. */
export async function insertReport(r: { courseId: number; threadId: number; postId: number | null; reporterId: number; reason: string }): Promise<boolean> {
  const [res] = await getDb()
    .insert(forumReports)
    .ignore()
    .values({ ...r, postKey: r.postId ?? 0 });
  return (res as { affectedRows?: number }).affectedRows === 1;
}

export interface ReportQueueRow {
  id: number;
  threadId: number;
  postId: number | null;
  reason: string;
  createdAt: Date;
  reporterUsername: string;
  threadTitle: string;
  targetBodyMd: string;
  targetAuthorId: number;
  targetAuthorUsername: string;
  targetAnonymity: Anonymity;
  targetDeleted: boolean;
}

/** Open reports of a course, oldest first. */
export async function listOpenReports({ courseId, limit = 100 }: { courseId: number; limit?: number }): Promise<ReportQueueRow[]> {
  const [rows] = (await getDb().execute(sql`
    SELECT rp.id, rp.thread_id AS threadId, rp.post_id AS postId, rp.reason, rp.created_at AS createdAt, ru.username AS reporterUsername,
      t.title AS threadTitle, COALESCE(p.body_md, t.body_md) AS targetBodyMd, COALESCE(p.author_id, t.author_id) AS targetAuthorId,
      au.username AS targetAuthorUsername, COALESCE(p.anonymity, t.anonymity) AS targetAnonymity,
      (t.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL) AS targetDeleted
    FROM forum_reports rp
    JOIN users ru ON ru.id = rp.reporter_id
    JOIN forum_threads t ON t.id = rp.thread_id
    LEFT JOIN forum_posts p ON p.id = rp.post_id
    JOIN users au ON au.id = COALESCE(p.author_id, t.author_id)
    WHERE rp.course_id = ${courseId} AND rp.resolved_at IS NULL
    ORDER BY rp.id ASC LIMIT ${limit}`)) as unknown as [Record<string, unknown>[]];
  return rows.map((r) => ({
    id: Number(r.id),
    threadId: Number(r.threadId),
    postId: r.postId === null ? null : Number(r.postId),
    reason: String(r.reason),
    createdAt: new Date(r.createdAt as string),
    reporterUsername: String(r.reporterUsername),
    threadTitle: String(r.threadTitle),
    targetBodyMd: String(r.targetBodyMd),
    targetAuthorId: Number(r.targetAuthorId),
    targetAuthorUsername: String(r.targetAuthorUsername),
    targetAnonymity: r.targetAnonymity as Anonymity,
    targetDeleted: bool(r.targetDeleted),
  }));
}

export async function countOpenReports({ courseId }: { courseId: number }): Promise<number> {
  const [r] = await getDb().select({ n: sql<number>`COUNT(*)` }).from(forumReports).where(and(eq(forumReports.courseId, courseId), isNull(forumReports.resolvedAt)));
  return Number(r?.n ?? 0);
}

export async function getReport({ reportId }: { reportId: number }) {
  const rows = await getDb().select().from(forumReports).where(eq(forumReports.id, reportId)).limit(1);
  return rows[0] ?? null;
}

/** Resolves every open report on the same thread/post at once (one decision per post). */
export async function resolveReports({ courseId, threadId, postId, resolvedBy, resolution }: { courseId: number; threadId: number; postId: number | null; resolvedBy: number; resolution: "dismissed" | "removed" }): Promise<number> {
  const [res] = await getDb()
    .update(forumReports)
    .set({ resolvedAt: new Date(), resolvedBy, resolution })
    .where(and(eq(forumReports.courseId, courseId), eq(forumReports.threadId, threadId), eq(forumReports.postKey, postId ?? 0), isNull(forumReports.resolvedAt)));
  return (res as { affectedRows?: number }).affectedRows ?? 0;
}

export async function listEdits({ threadId, postId }: { threadId: number; postId: number | null }) {
  return getDb()
    .select({ id: forumEdits.id, oldTitle: forumEdits.oldTitle, oldBodyMd: forumEdits.oldBodyMd, createdAt: forumEdits.createdAt, editorUsername: users.username })
    .from(forumEdits)
    .innerJoin(users, eq(users.id, forumEdits.editorId))
    .where(and(eq(forumEdits.threadId, threadId), postId === null ? isNull(forumEdits.postId) : eq(forumEdits.postId, postId)))
    .orderBy(desc(forumEdits.id))
    .limit(100);
}

export async function addBan({ courseId, userId, bannedBy, reason }: { courseId: number; userId: number; bannedBy: number; reason: string }): Promise<boolean> {
  const [res] = await getDb().insert(forumBans).ignore().values({ courseId, userId, bannedBy, reason });
  return (res as { affectedRows?: number }).affectedRows === 1;
}

export async function removeBan({ courseId, userId }: { courseId: number; userId: number }): Promise<boolean> {
  const [res] = await getDb().delete(forumBans).where(and(eq(forumBans.courseId, courseId), eq(forumBans.userId, userId)));
  return (res as { affectedRows?: number }).affectedRows === 1;
}

export async function listBans({ courseId }: { courseId: number }) {
  return getDb()
    .select({ userId: forumBans.userId, username: users.username, fullName: users.fullName, reason: forumBans.reason, createdAt: forumBans.createdAt })
    .from(forumBans)
    .innerJoin(users, eq(users.id, forumBans.userId))
    .where(eq(forumBans.courseId, courseId))
    .orderBy(asc(users.username));
}

export async function addCommunityTA({ courseId, userId, grantedBy }: { courseId: number; userId: number; grantedBy: number }): Promise<boolean> {
  const [res] = await getDb().insert(forumRoles).ignore().values({ courseId, userId, role: "community_ta", grantedBy });
  return (res as { affectedRows?: number }).affectedRows === 1;
}

export async function removeCommunityTA({ courseId, userId }: { courseId: number; userId: number }): Promise<boolean> {
  const [res] = await getDb().delete(forumRoles).where(and(eq(forumRoles.courseId, courseId), eq(forumRoles.userId, userId), eq(forumRoles.role, "community_ta")));
  return (res as { affectedRows?: number }).affectedRows === 1;
}

export async function listCommunityTAs({ courseId }: { courseId: number }) {
  return getDb()
    .select({ userId: forumRoles.userId, username: users.username, fullName: users.fullName, createdAt: forumRoles.createdAt })
    .from(forumRoles)
    .innerJoin(users, eq(users.id, forumRoles.userId))
    .where(and(eq(forumRoles.courseId, courseId), eq(forumRoles.role, "community_ta")))
    .orderBy(asc(users.username));
}

export async function listModLog({ courseId, limit = 50 }: { courseId: number; limit?: number }) {
  const target = sql<string | null>`(SELECT username FROM users tu WHERE tu.id = ${forumModLog.targetUserId})`;
  return getDb()
    .select({ id: forumModLog.id, action: forumModLog.action, detail: forumModLog.detail, createdAt: forumModLog.createdAt, actorUsername: users.username, targetUsername: target, threadId: forumModLog.threadId })
    .from(forumModLog)
    .leftJoin(users, eq(users.id, forumModLog.actorId))
    .where(eq(forumModLog.courseId, courseId))
    .orderBy(desc(forumModLog.id))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Notifications

export interface NotificationRow {
  id: number;
  kind: NotificationKind;
  threadId: number;
  postId: number | null;
  threadTitle: string;
  actorId: number;
  actorUsername: string;
  actorFullName: string;
  actorAnonymity: Anonymity;
  readAt: Date | null;
  createdAt: Date;
}

/** The user's notifications in a course, newest first (deleted threads left out), and how many are unread. */
export async function listNotifications({ userId, courseId, limit = 30, beforeId }: { userId: number; courseId: number; limit?: number; beforeId?: number | null }): Promise<{ rows: NotificationRow[]; unread: number }> {
  const rows = await getDb()
    .select({
      id: forumNotifications.id,
      kind: forumNotifications.kind,
      threadId: forumNotifications.threadId,
      postId: forumNotifications.postId,
      threadTitle: forumThreads.title,
      actorId: forumNotifications.actorId,
      actorUsername: users.username,
      actorFullName: users.fullName,
      actorAnonymity: forumNotifications.actorAnonymity,
      readAt: forumNotifications.readAt,
      createdAt: forumNotifications.createdAt,
    })
    .from(forumNotifications)
    .innerJoin(forumThreads, eq(forumThreads.id, forumNotifications.threadId))
    .innerJoin(users, eq(users.id, forumNotifications.actorId))
    .where(and(eq(forumNotifications.userId, userId), eq(forumNotifications.courseId, courseId), isNull(forumThreads.deletedAt), beforeId ? sql`${forumNotifications.id} < ${beforeId}` : undefined))
    .orderBy(desc(forumNotifications.id))
    .limit(limit);
  const [u] = await getDb()
    .select({ n: sql<number>`COUNT(*)` })
    .from(forumNotifications)
    .where(and(eq(forumNotifications.userId, userId), eq(forumNotifications.courseId, courseId), isNull(forumNotifications.readAt)));
  return { rows, unread: Number(u?.n ?? 0) };
}

export async function markNotificationsRead({ userId, courseId, ids }: { userId: number; courseId: number; ids: number[] | "all" }): Promise<void> {
  await getDb()
    .update(forumNotifications)
    .set({ readAt: new Date() })
    .where(and(eq(forumNotifications.userId, userId), eq(forumNotifications.courseId, courseId), isNull(forumNotifications.readAt), ids === "all" ? undefined : inArray(forumNotifications.id, ids.length ? ids : [0])));
}

export interface DigestRow {
  id: number;
  userId: number;
  email: string;
  username: string;
  fullName: string;
  courseKey: string;
  courseName: string;
  kind: NotificationKind;
  threadId: number;
  threadTitle: string;
  actorUsername: string;
  actorFullName: string;
  actorAnonymity: Anonymity;
  createdAt: Date;
}

/** Unread notifications never e-mailed, created before `before`, for the digest job (oldest first). */
export async function listDigestNotifications({ before, limit = 5000 }: { before: Date; limit?: number }): Promise<DigestRow[]> {
  const [rows] = (await getDb().execute(sql`
    SELECT n.id, n.user_id AS userId, u.email, u.username, u.full_name AS fullName, c.course_key AS courseKey, c.display_name AS courseName,
      n.kind, n.thread_id AS threadId, t.title AS threadTitle, a.username AS actorUsername, a.full_name AS actorFullName, n.actor_anonymity AS actorAnonymity, n.created_at AS createdAt
    FROM forum_notifications n
    JOIN users u ON u.id = n.user_id AND u.is_active = 1
    JOIN users a ON a.id = n.actor_id
    JOIN forum_threads t ON t.id = n.thread_id AND t.deleted_at IS NULL
    JOIN courses c ON c.id = n.course_id
    WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND n.created_at < ${before}
    ORDER BY n.user_id, n.id LIMIT ${limit}`)) as unknown as [Record<string, unknown>[]];
  return rows.map((r) => ({ ...(r as unknown as DigestRow), id: Number(r.id), userId: Number(r.userId), threadId: Number(r.threadId), createdAt: new Date(r.createdAt as string) }));
}

export async function markNotificationsEmailed({ ids }: { ids: number[] }): Promise<void> {
  if (!ids.length) return;
  await getDb().update(forumNotifications).set({ emailedAt: new Date() }).where(inArray(forumNotifications.id, ids));
}

/** Users by id (for moderation screens): username and name. */
export async function getUsernames({ ids }: { ids: number[] }): Promise<Map<number, { username: string; fullName: string }>> {
  if (!ids.length) return new Map();
  const rows = await getDb().select({ id: users.id, username: users.username, fullName: users.fullName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, { username: r.username, fullName: r.fullName }]));
}

