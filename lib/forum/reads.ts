import "server-only";
// The forum's reads as the JSON routes answer them: every author passes through views.ts
// (anonymous authors are dropped for readers who may not see them), every thread is checked to
// belong to the course and to a topic the reader can see (service.visibleThread). A thread's posts
// come from the per-revision cache (thread-cache.ts); the reader's own parts are queried per request,
// and only one page of its responses is built and sent (response-page.ts).
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import * as q from "@/lib/db/queries/forum";
import { learnHref } from "@/lib/lms/urls";
import { excerptOf } from "./markdown";
import { groupTopics } from "./policy";
import { isModerator, roleOf, seesAuthor } from "./rules";
import { idOf, JsonText } from "./http";
import { threadFor, visibleThread, type ForumContext } from "./service";
import { listPage, topicThreadCounts } from "./list-cache";
import { commentLimitOf, decodeCommentCursor, encodeCommentCursor, pageComments } from "./comment-page";
import { decodeResponseCursor, encodeResponseCursor, pageResponses, responseLimitOf } from "./response-page";
import { audienceOf, readerPostText, sharedPostText, type PostJson, type PostReader } from "./post-text";
import { sharedPostTexts, threadPosts } from "./thread-cache";
import { authorView, notificationText, threadSummaryView, type ThreadSummaryView } from "./views";

export interface ForumMetaJson {
  groups: { category: string; topics: { id: string; name: string; threads: number; unread: number; unitHref: string | null }[] }[];
  policy: { allowAnonymous: boolean; allowAnonymousToPeers: boolean; blackout: boolean };
  me: { username: string; role: "staff" | "community_ta" | "learner"; banned: boolean; canModerate: boolean; canManageUsers: boolean };
  openReports: number | null;
}

export async function forumMeta(f: ForumContext): Promise<ForumMetaJson> {
  // thread counts from the per-revision cache; unread = threads - those the reader has read to the end
  const [threads, read] = await Promise.all([topicThreadCounts(f.courseId, f.forumRevision), q.countReadThreadsByTopic({ courseId: f.courseId, userId: f.actor.userId })]);
  const moderator = isModerator(f.actor);
  return {
    groups: groupTopics(f.topics).map((g) => ({
      category: g.category,
      topics: g.topics.map((t) => ({
        id: t.id,
        name: t.name,
        threads: threads.get(t.id) ?? 0,
        unread: Math.max(0, (threads.get(t.id) ?? 0) - (read.get(t.id) ?? 0)),
        unitHref: t.unit ? learnHref(f.courseKey, t.unit.subsection, t.unit.unit) : null,
      })),
    })),
    policy: { allowAnonymous: f.policy.allowAnonymous, allowAnonymousToPeers: f.policy.allowAnonymousToPeers, blackout: f.moment.blackout },
    me: { username: f.user.username, role: roleOf(f.actor), banned: f.actor.banned, canModerate: moderator, canManageUsers: f.actor.isStaff },
    openReports: moderator ? await q.countOpenReports({ courseId: f.courseId }) : null,
  };
}

export interface ThreadPageJson {
  threads: ThreadSummaryView[];
  next: string | null;
}

const FILTERS = new Set<q.ThreadFilter>(["all", "unread", "unanswered", "following", "mine"]);

export async function threadPage(f: ForumContext, sp: URLSearchParams): Promise<ThreadPageJson> {
  const topicId = sp.get("topic")?.slice(0, 255) || null;
  if (topicId && f.visibleTopicIds !== null && !f.visibleTopicIds.includes(topicId)) throw new AppError("not_found:topic", "That topic does not exist.");
  const filter = (FILTERS.has(sp.get("filter") as q.ThreadFilter) ? sp.get("filter") : "all") as q.ThreadFilter;
  const sort: q.ThreadSort = sp.get("sort") === "votes" ? "votes" : "activity";
  const limit = Math.min(Math.max(Number(sp.get("limit")) || 20, 1), 50);
  const cursor = q.decodeCursor(sp.get("cursor"));
  if (sp.get("cursor") && !cursor) throw new AppError("invalid:cursor", "That page link is not valid any more; start from the first page.");
  const search = sp.get("q")?.slice(0, 200).trim() || null;
  if (filter === "all" || filter === "unanswered") {
    // the same page for everyone of this audience: cached by the course forum's revision (list-cache.ts)
    const page = await listPage({ courseId: f.courseId, revision: f.forumRevision, visibleTopicIds: f.visibleTopicIds, topicId, filter, sort, search, cursor, limit });
    const states = await q.listThreadReaderStates({ userId: f.actor.userId, threadIds: page.rows.map((r) => r.id) });
    const none = { seenSeq: null, following: false, voted: false };
    return { threads: page.rows.map((r) => threadSummaryView(f.actor, { ...r, ...(states.get(r.id) ?? none) })), next: page.next ? q.encodeCursor(page.next) : null };
  }
  const { rows, next } = await q.listThreads({ courseId: f.courseId, userId: f.actor.userId, topicId, visibleTopicIds: f.visibleTopicIds, filter, sort, search, cursor, limit });
  return { threads: rows.map((r) => threadSummaryView(f.actor, r)), next: next ? q.encodeCursor(next) : null };
}

export type { PostJson } from "./post-text";

/** One page of a response's comments (`?response=<id>[&afterComment=<cursor>]`). */
export interface CommentPageJson {
  responseId: number;
  /** oldest first */
  comments: PostJson[];
  /** the cursor of the next page (`afterComment=`), null on the last page */
  nextComments: string | null;
  /** every live comment of the response */
  commentCount: number;
}

/** One page of a thread's responses (`?after=<cursor>`): no thread summary, the first page has it. */
export interface ResponsePageJson {
  /** in display order: the answer, then endorsed responses, then posting order; each with its first comments */
  responses: PostJson[];
  /** the cursor of the next page (`?after=`), null on the last page */
  nextResponses: string | null;
  /** every response of the thread (comments not counted) */
  responseCount: number;
}

/** The thread and the first page of its responses. */
export interface ThreadJson extends ResponsePageJson {
  thread: ThreadSummaryView & {
    bodyHtml: string;
    bodyMd?: string;
    edited: boolean;
    canEdit: boolean;
    canDelete: boolean;
    topicName: string;
    unitHref: string | null;
    /** the thread holds FORUM_MAX_POSTS_PER_THREAD live posts: it takes no more (lib/forum/rules.ts canPost) */
    full: boolean;
  };
  /** the reader's read marker before this visit, over the whole thread (new posts are those with this id or a higher one); may be on a later page */
  firstUnreadPostId: number | null;
  /** the response firstUnreadPostId is, or is a comment of (it may be beyond that response's first comments) */
  firstUnreadResponseId: number | null;
  postSeq: number;
}

/**
 * The thread as this reader may see it (visibleThread's checks: nothing is sent unless it passes),
 * its live posts from the per-revision cache, and how one post is sent to this reader
 * (lib/forum/post-text.ts): the audience's shared text of each post, cached with the posts, and
 * the reader's vote; their own posts built for them whole.
 */
async function readerPosts(f: ForumContext, threadId: number) {
  // The thread with the reader's marker/follow/vote and the reader's votes on its posts, in one
  // query; the posts themselves come from the per-revision cache (lib/forum/thread-cache.ts).
  const row = await q.getThreadForReader({ threadId, userId: f.actor.userId });
  const t = visibleThread(f, row);
  const entry = await threadPosts(threadId, t.revision);
  const reader: PostReader = { ...f.actor, moderator: isModerator(f.actor), blackout: f.moment.blackout, voted: t.votedPostIds };
  const shared = sharedPostTexts(threadId, entry, audienceOf(reader), (p) => sharedPostText(reader, p));
  /** a comment's text, or a response's without its comments: open JSON text (the caller closes it) */
  const postText = (p: q.ThreadPostRow) => readerPostText(reader, shared, p);
  return { t, posts: entry.posts, postText, reader };
}

const jsonArray = (items: string[]) => `[${items.join(",")}]`;

/** `?response=<id>[&afterComment=<cursor>]`: the next page of one response's comments, oldest first. */
async function commentPage(f: ForumContext, threadId: number, sp: URLSearchParams): Promise<JsonText<CommentPageJson>> {
  const responseId = idOf(sp.get("response"));
  const raw = sp.get("afterComment");
  const after = decodeCommentCursor(raw);
  if (raw && !after) throw new AppError("invalid:cursor", "That link to more comments is not valid any more; open the thread again.");
  if (after && responseId !== null && after.responseId !== responseId) throw new AppError("invalid:cursor", "That link to more comments belongs to another response; open the thread again.");
  // the thread's checks come first: a thread the reader may not see says nothing about its posts
  const { posts, postText } = await readerPosts(f, threadId);
  const response = responseId === null ? undefined : posts.find((p) => p.id === responseId && p.parentId === null);
  if (!response) throw new AppError("not_found:post", "That response does not exist.");
  const pg = pageComments(
    response.id,
    posts.filter((p) => p.parentId === response.id),
    after?.afterId ?? null,
    commentLimitOf(sp.get("limit")),
  );
  const comments = jsonArray(pg.comments.map((c) => `${postText(c)}}`));
  return new JsonText(`{"responseId":${response.id},"comments":${comments},"nextComments":${JSON.stringify(pg.next ? encodeCommentCursor(pg.next) : null)},"commentCount":${pg.total}}`);
}

/**
 * GET …/threads/<id>[?limit=1..50][&after=<cursor>][&comments=1..50]: without `after`, the thread
 * and its first page of responses (ThreadJson); with it, the next page only (ResponsePageJson).
 * Each response carries its first `comments` comments (COMMENT_PAGE_SIZE by default),
 * `commentCount` and `nextComments`.
 * GET …/threads/<id>?response=<id>[&afterComment=<cursor>][&limit=1..50]: one page of that
 * response's comments (CommentPageJson), 10 by default; 404 for a response not in the thread.
 * A cursor that does not decode is a 400. Only the page's posts are built and sent, as JSON text
 * from the audience's cached texts and the reader's own parts (readerPosts).
 */
export async function threadDetail(f: ForumContext, threadId: number, sp: URLSearchParams = new URLSearchParams()): Promise<JsonText<ThreadJson | ResponsePageJson | CommentPageJson>> {
  if (sp.has("response")) return commentPage(f, threadId, sp);
  const limit = responseLimitOf(sp.get("limit"));
  const commentsEach = commentLimitOf(sp.get("comments"));
  const after = decodeResponseCursor(sp.get("after"));
  if (sp.get("after") && !after) throw new AppError("invalid:cursor", "That link to more responses is not valid any more; open the thread again.");
  const { t, posts, postText, reader } = await readerPosts(f, threadId);
  // the answer first, then endorsed responses, then the rest in posting order (as Open edX shows a question)
  const pg = pageResponses(posts, after, limit);
  const responses = pg.responses.map(({ response, comments }) => {
    const cp = pageComments(response.id, comments, null, commentsEach);
    const next = JSON.stringify(cp.next ? encodeCommentCursor(cp.next) : null);
    return `${postText(response)},"comments":${jsonArray(cp.comments.map((c) => `${postText(c)}}`))},"commentCount":${cp.total},"nextComments":${next}}`;
  });
  // ResponsePageJson's members, as text
  const page = `"responses":${jsonArray(responses)},"nextResponses":${JSON.stringify(pg.next ? encodeResponseCursor(pg.next) : null)},"responseCount":${pg.total}`;
  if (after) return new JsonText(`{${page}}`);
  const mine = t.authorId === f.actor.userId;
  const topic = f.topics.find((x) => x.id === t.topicId);
  // the posts this reader has not seen: the last (postSeq - seenSeq) posted, by id (posts are in id order)
  const unseen = t.reader.seenSeq === null ? 0 : Math.max(0, t.postSeq - t.reader.seenSeq);
  const firstUnreadPost = unseen > 0 && posts.length ? posts[Math.max(0, posts.length - unseen)] : undefined;
  const summary = threadSummaryView(f.actor, {
    ...t,
    excerptMd: t.bodyMd.slice(0, 400),
    authorUsername: t.authorUsername,
    authorFullName: t.authorFullName,
    seenSeq: t.reader.seenSeq,
    following: t.reader.following,
    voted: t.reader.voted,
  });
  const thread: ThreadJson["thread"] = {
    ...summary,
    bodyHtml: t.bodyHtml,
    ...(mine || reader.moderator ? { bodyMd: t.bodyMd } : {}),
    edited: t.editedAt !== null,
    canEdit: (mine && !f.actor.banned && !f.moment.blackout) || reader.moderator,
    canDelete: mine || reader.moderator,
    topicName: topic?.name ?? "Unknown topic",
    unitHref: topic?.unit ? learnHref(f.courseKey, topic.unit.subsection, topic.unit.unit) : null,
    full: t.postCount >= env().FORUM_MAX_POSTS_PER_THREAD,
  };
  const rest: Pick<ThreadJson, "firstUnreadPostId" | "firstUnreadResponseId" | "postSeq"> = {
    firstUnreadPostId: firstUnreadPost?.id ?? null,
    firstUnreadResponseId: firstUnreadPost ? (firstUnreadPost.parentId ?? firstUnreadPost.id) : null,
    postSeq: t.postSeq,
  };
  return new JsonText(`{"thread":${JSON.stringify(thread)},${page},${JSON.stringify(rest).slice(1)}`);
}

export interface NotificationJson {
  id: number;
  text: string;
  threadId: number;
  threadTitle: string;
  postId: number | null;
  read: boolean;
  createdAt: string;
}

export async function notificationsOf(f: ForumContext, sp: URLSearchParams): Promise<{ notifications: NotificationJson[]; unread: number }> {
  const before = Number(sp.get("before")) || null;
  const { rows, unread } = await q.listNotifications({ userId: f.actor.userId, courseId: f.courseId, beforeId: before, limit: 30 });
  return {
    unread,
    notifications: rows.map((n) => {
      const actor = seesAuthor(f.actor, { authorId: n.actorId, anonymity: n.actorAnonymity }) ? n.actorFullName.trim() || n.actorUsername : "Someone";
      return { id: n.id, text: notificationText(n.kind, actor), threadId: n.threadId, threadTitle: n.threadTitle, postId: n.postId, read: n.readAt !== null, createdAt: n.createdAt.toISOString() };
    }),
  };
}

export async function reportQueue(f: ForumContext) {
  const rows = await q.listOpenReports({ courseId: f.courseId });
  return {
    reports: rows.map((r) => ({
      id: r.id,
      threadId: r.threadId,
      postId: r.postId,
      reason: r.reason,
      reporter: r.reporterUsername,
      threadTitle: r.threadTitle,
      excerpt: excerptOf(r.targetBodyMd, 300),
      author: authorView(f.actor, { authorId: r.targetAuthorId, anonymity: r.targetAnonymity, username: r.targetAuthorUsername, fullName: r.targetAuthorUsername }),
      deleted: r.targetDeleted,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export async function editHistory(f: ForumContext, threadId: number, postId: number | null) {
  const t = await threadFor(f, threadId);
  if (postId !== null) {
    const p = await q.getPost({ postId });
    if (!p || p.threadId !== t.id) throw new AppError("not_found:post", "That post does not exist.");
  }
  const rows = await q.listEdits({ threadId, postId });
  return { edits: rows.map((e) => ({ id: e.id, oldTitle: e.oldTitle, oldBodyMd: e.oldBodyMd, editor: e.editorUsername, createdAt: e.createdAt.toISOString() })) };
}
