// The course forum (issue 13): threads, their responses and comments (one table, `parent_id`),
// votes, follows, per-reader read markers, reports, edit history, bans, the community-TA role,
// the moderation log and in-app notifications. Topics are NOT stored: they are derived from the
// published course version (the course's discussion_topics policy and its inline discussion
// blocks), so a thread only carries its topic's stable id (discussion_id / the policy's "id").
// Bodies are stored twice: the author's Markdown (for editing and search) and the sanitized HTML
// rendered from it on write (lib/forum/markdown.ts), so reads never render.
import { sql } from "drizzle-orm";
import { boolean, index, int, mediumtext, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { at, createdAt, id, ref } from "./columns";

/** none: named; anonymous: hidden from everyone but course staff; peers: hidden from learners (staff and community TAs see it). */
export const ANONYMITY = ["none", "anonymous", "peers"] as const;

export const forumThreads = mysqlTable(
  "forum_threads",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    /** the topic's stable id: a discussion block's discussion_id or a course-wide topic's policy id */
    topicId: varchar("topic_id", { length: 255 }).notNull(),
    kind: mysqlEnum("kind", ["discussion", "question"]).notNull(),
    title: varchar("title", { length: 300 }).notNull(),
    bodyMd: mediumtext("body_md").notNull(),
    bodyHtml: mediumtext("body_html").notNull(),
    authorId: ref("author_id").notNull(),
    anonymity: mysqlEnum("anonymity", ANONYMITY).notNull().default("none"),
    pinned: boolean("pinned").notNull().default(false),
    closed: boolean("closed").notNull().default(false),
    /** a question whose author (or a moderator) marked a response as the answer */
    answered: boolean("answered").notNull().default(false),
    voteCount: int("vote_count").notNull().default(0),
    /** live (not deleted) responses and comments */
    postCount: int("post_count").notNull().default(0),
    /** bumped by every new response or comment, never decreased: read markers compare against it */
    postSeq: int("post_seq").notNull().default(0),
    /**
     * bumped, in the same transaction, by every write that changes what a reader of the thread is
     * sent (a post added, edited or deleted, a vote, an answer mark, an endorsement, pin/close): the
     * in-process cache of a thread's posts (lib/forum/thread-cache.ts) is keyed by (id, revision)
     */
    revision: int("revision").notNull().default(0),
    lastActivityAt: at("last_activity_at").notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    editedAt: at("edited_at"),
    deletedAt: at("deleted_at"),
    deletedBy: ref("deleted_by"),
    createdAt: createdAt(),
  },
  (t) => [
    // keyset pagination: (pinned, sort key, id) inside a course, and inside a topic
    index("forum_threads_activity_idx").on(t.courseId, t.pinned, t.lastActivityAt, t.id),
    index("forum_threads_votes_idx").on(t.courseId, t.pinned, t.voteCount, t.id),
    index("forum_threads_topic_activity_idx").on(t.courseId, t.topicId, t.pinned, t.lastActivityAt, t.id),
    index("forum_threads_topic_votes_idx").on(t.courseId, t.topicId, t.pinned, t.voteCount, t.id),
    // "my posts" and the per-user rate limit
    index("forum_threads_author_idx").on(t.authorId, t.courseId, t.createdAt),
  ],
);

/** Responses (parent_id null) and comments on a response (parent_id = the response). */
export const forumPosts = mysqlTable(
  "forum_posts",
  {
    id: id(),
    threadId: ref("thread_id").notNull(),
    courseId: ref("course_id").notNull(),
    parentId: ref("parent_id"),
    authorId: ref("author_id").notNull(),
    bodyMd: mediumtext("body_md").notNull(),
    bodyHtml: mediumtext("body_html").notNull(),
    anonymity: mysqlEnum("anonymity", ANONYMITY).notNull().default("none"),
    /** marked as the answer by the question's author (or a moderator) */
    isAnswer: boolean("is_answer").notNull().default(false),
    /** endorsed by course staff or a community TA */
    endorsed: boolean("endorsed").notNull().default(false),
    endorsedBy: ref("endorsed_by"),
    voteCount: int("vote_count").notNull().default(0),
    editedAt: at("edited_at"),
    deletedAt: at("deleted_at"),
    deletedBy: ref("deleted_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("forum_posts_thread_idx").on(t.threadId, t.parentId, t.id),
    index("forum_posts_author_idx").on(t.authorId, t.courseId, t.createdAt),
    index("forum_posts_course_idx").on(t.courseId, t.id),
  ],
);

/** One up-vote per user and thread or post. */
export const forumVotes = mysqlTable(
  "forum_votes",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    targetType: mysqlEnum("target_type", ["thread", "post"]).notNull(),
    targetId: ref("target_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("forum_votes_uq").on(t.userId, t.targetType, t.targetId)],
);

export const forumFollows = mysqlTable(
  "forum_follows",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    threadId: ref("thread_id").notNull(),
    courseId: ref("course_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("forum_follows_uq").on(t.userId, t.threadId), index("forum_follows_thread_idx").on(t.threadId)],
);

/** What a reader has seen of a thread: the thread's post_seq when they last opened it. */
export const forumReads = mysqlTable(
  "forum_reads",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    threadId: ref("thread_id").notNull(),
    courseId: ref("course_id").notNull(),
    seenSeq: int("seen_seq").notNull().default(0),
    readAt: at("read_at").notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [uniqueIndex("forum_reads_uq").on(t.userId, t.threadId), index("forum_reads_user_course_idx").on(t.userId, t.courseId)],
);

/** A learner's report of a thread or post; open until a moderator resolves it. */
export const forumReports = mysqlTable(
  "forum_reports",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    threadId: ref("thread_id").notNull(),
    /** null: the thread itself */
    postId: ref("post_id"),
    /** 0 for the thread itself, so the unique index below holds */
    postKey: ref("post_key").notNull().default(0),
    reporterId: ref("reporter_id").notNull(),
    reason: varchar("reason", { length: 500 }).notNull(),
    resolvedAt: at("resolved_at"),
    resolvedBy: ref("resolved_by"),
    resolution: mysqlEnum("resolution", ["dismissed", "removed"]),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("forum_reports_uq").on(t.reporterId, t.threadId, t.postKey), index("forum_reports_queue_idx").on(t.courseId, t.resolvedAt, t.id)],
);

/** The previous text of a thread or post before each edit (moderators read it). */
export const forumEdits = mysqlTable(
  "forum_edits",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    threadId: ref("thread_id").notNull(),
    postId: ref("post_id"),
    editorId: ref("editor_id").notNull(),
    oldTitle: varchar("old_title", { length: 300 }),
    oldBodyMd: mediumtext("old_body_md").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("forum_edits_target_idx").on(t.threadId, t.postId, t.id)],
);

/**
 * One number per course forum, bumped in the same transaction by every write that changes a thread
 * list or a search's answer (a thread or post added, edited or deleted, a thread's vote, answered
 * flag, pin or close): the in-process cache of list pages (lib/forum/list-cache.ts) is keyed by it.
 * A row of its own, not a column of `courses`, so forum writes never lock the course row.
 */
export const forumCourseRevisions = mysqlTable("forum_course_revisions", {
  courseId: ref("course_id").primaryKey(),
  revision: int("revision").notNull().default(0),
});

/** A user barred from posting in one course's forum (reading stays allowed). */
export const forumBans = mysqlTable(
  "forum_bans",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    userId: ref("user_id").notNull(),
    bannedBy: ref("banned_by").notNull(),
    reason: varchar("reason", { length: 500 }).notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("forum_bans_uq").on(t.courseId, t.userId)],
);

/** Per-course forum roles beyond the course team: the community TA (a learner who moderates). */
export const forumRoles = mysqlTable(
  "forum_roles",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    userId: ref("user_id").notNull(),
    role: mysqlEnum("role", ["community_ta"]).notNull(),
    grantedBy: ref("granted_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("forum_roles_uq").on(t.courseId, t.userId, t.role)],
);

/** Every moderation act and forum-role change: who did what to which user or post, when. */
export const forumModLog = mysqlTable(
  "forum_mod_log",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    actorId: ref("actor_id"),
    action: varchar("action", { length: 32 }).notNull(),
    targetUserId: ref("target_user_id"),
    threadId: ref("thread_id"),
    postId: ref("post_id"),
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [index("forum_mod_log_course_idx").on(t.courseId, t.id)],
);

/** In-app notifications, written in the same transaction as the reply that causes them. */
export const forumNotifications = mysqlTable(
  "forum_notifications",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    threadId: ref("thread_id").notNull(),
    postId: ref("post_id"),
    /** the replier; shown only as "someone" when the reply is anonymous to the recipient */
    actorId: ref("actor_id").notNull(),
    actorAnonymity: mysqlEnum("actor_anonymity", ANONYMITY).notNull().default("none"),
    kind: mysqlEnum("kind", ["reply_to_my_thread", "reply_to_my_post", "reply_in_followed", "answer_marked", "endorsed"]).notNull(),
    readAt: at("read_at"),
    emailedAt: at("emailed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("forum_notifications_user_idx").on(t.userId, t.id), index("forum_notifications_digest_idx").on(t.emailedAt, t.userId)],
);
