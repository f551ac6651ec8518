// How one post of a thread is sent to one reader, as an object (postJson) and as JSON text built
// from parts every reader of an audience shares (PURE). A thread page is mostly its posts' bodies,
// the same for every reader of one audience: lib/forum/thread-cache.ts keeps each post's shared
// text per (thread, revision, audience) once a reader has been sent it, and a request adds only
// what is the reader's own — their vote, and their own posts whole. The text parses to exactly
// postJson's object (post-text.test.ts).
//
// An audience is what decides the shared parts for a post the reader did not write: whether the
// reader is course staff or a community TA (seesAuthor: who sees an anonymous author) and whether
// they moderate (may edit and delete it, and get its Markdown). A post's author is never part of a
// shared text's audience: the texts are built for a reader id that matches nobody, so an anonymous
// author's name is not shared with the audience through their own first read.
import type { ThreadPostRow } from "@/lib/db/queries/forum";
import { roleOf, type ForumActor } from "./rules";
import { authorView, type AuthorView } from "./views";

/** A post as one reader is sent it (and a response's first comments, in its page). */
export interface PostJson {
  id: number;
  parentId: number | null;
  bodyHtml: string;
  author: AuthorView;
  isAnswer: boolean;
  endorsed: boolean;
  votes: number;
  voted: boolean;
  edited: boolean;
  createdAt: string;
  /** the reader may edit / delete it */
  canEdit: boolean;
  canDelete: boolean;
  /** only for the reader's own posts (or a moderator): the Markdown source, to edit */
  bodyMd?: string;
  /** a response's first comments (oldest first, COMMENT_PAGE_SIZE unless the request's `comments` says otherwise); the rest come by `nextComments` */
  comments?: PostJson[];
  /** a response's live comments in all */
  commentCount?: number;
  /** a response's: the cursor of its next comments (`?response=<id>&afterComment=`), null when all are sent */
  nextComments?: string | null;
}

/** What of the reader decides how a post is sent to them. */
export interface PostReader extends Pick<ForumActor, "userId" | "isStaff" | "isCommunityTA" | "banned"> {
  /** lib/forum/rules.ts isModerator */
  moderator: boolean;
  /** a discussion blackout is on (lib/forum/policy.ts inBlackout) */
  blackout: boolean;
  /** the posts of this thread the reader voted for */
  voted: ReadonlySet<number>;
}

/** The key of the reader's audience: readers with the same key are sent the same shared texts. */
export function audienceOf(r: Pick<PostReader, "isStaff" | "isCommunityTA" | "moderator">): string {
  return `${roleOf(r)}${r.moderator ? "+moderator" : ""}`;
}

/** The post as `r` is sent it (without a response's comments). */
export function postJson(r: PostReader, p: ThreadPostRow): PostJson {
  const mine = p.authorId === r.userId;
  return {
    id: p.id,
    parentId: p.parentId,
    bodyHtml: p.bodyHtml,
    author: authorView(r, { authorId: p.authorId, anonymity: p.anonymity, username: p.authorUsername, fullName: p.authorFullName }),
    isAnswer: p.isAnswer,
    endorsed: p.endorsed,
    votes: p.voteCount,
    voted: r.voted.has(p.id),
    edited: p.editedAt !== null,
    createdAt: p.createdAt.toISOString(),
    canEdit: (mine && !r.banned && !r.blackout) || r.moderator,
    canDelete: mine || r.moderator,
    ...(mine || r.moderator ? { bodyMd: p.bodyMd } : {}),
  };
}

/** No reader has this id: the shared texts are built as for a reader who wrote none of the posts. */
const NOBODY = -1;

/**
 * The text every reader of `audience`'s kind who did not write `p` is sent of it: postJson's object
 * without `voted`, and open (no closing brace) so that the reader's parts can follow.
 */
export function sharedPostText(audience: Pick<PostReader, "isStaff" | "isCommunityTA" | "moderator">, p: ThreadPostRow): string {
  const { voted: _voted, ...shared } = postJson({ ...audience, userId: NOBODY, banned: false, blackout: false, voted: new Set() }, p);
  return JSON.stringify(shared).slice(0, -1);
}

/**
 * The post as `r` is sent it, as open JSON text (the caller appends a response's comments, then
 * `}`): the audience's shared text and the reader's vote, or, for the reader's own post, the whole
 * object built for them.
 */
export function readerPostText(r: PostReader, shared: (p: ThreadPostRow) => string, p: ThreadPostRow): string {
  if (p.authorId === r.userId) return JSON.stringify(postJson(r, p)).slice(0, -1);
  return shared(p) + (r.voted.has(p.id) ? ',"voted":true' : ',"voted":false');
}
