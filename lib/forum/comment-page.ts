// One page of a response's comments (PURE). Open edX pages a response's child comments as it pages
// a thread's responses (its forum API answers them paginated, the MFE shows "Load more comments"),
// so a response with 1,000 comments is not sent whole. Comments are shown oldest first (posting
// order = id order), so the cursor is a keyset over the comment id: the page after a cursor is the
// comments with a higher id, and within a revision pages never overlap or skip; after a write an
// old cursor still continues sensibly (a new comment lands at the end, a deleted one is just gone).
// The cursor names its response, so it cannot be replayed against another. It must not decide who
// sees what: that stays in reads.ts/views.ts.

/** Comments sent with each response of a response page; the rest are a "Load more comments" away. */
export const COMMENT_PAGE_SIZE = 10;
export const COMMENT_PAGE_MAX = 50;

export interface CommentCursor {
  /** the response whose comments these are */
  responseId: number;
  /** the id of the last comment already sent */
  afterId: number;
}

// The tag keeps a response cursor ([rank, id]) or a thread-list cursor from decoding as ours.
const TAG = "c";

export function encodeCommentCursor(c: CommentCursor): string {
  return Buffer.from(JSON.stringify([TAG, c.responseId, c.afterId])).toString("base64url");
}

/** Null for anything that is not a cursor this module made. */
export function decodeCommentCursor(s: string | null | undefined): CommentCursor | null {
  if (!s || s.length > 100) return null;
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 3 || v[0] !== TAG) return null;
    const [, responseId, afterId] = v as unknown[];
    if (!Number.isSafeInteger(responseId) || !Number.isSafeInteger(afterId)) return null;
    if ((responseId as number) < 1 || (afterId as number) < 1) return null;
    return { responseId: responseId as number, afterId: afterId as number };
  } catch {
    return null;
  }
}

/** `?limit=` of a comment page: 1..50, 10 when absent or not a number. */
export function commentLimitOf(v: string | null): number {
  return Math.min(Math.max(Math.trunc(Number(v)) || COMMENT_PAGE_SIZE, 1), COMMENT_PAGE_MAX);
}

export interface CommentPage<P> {
  comments: P[];
  /** where the next page starts, null on the last page */
  next: CommentCursor | null;
  /** every live comment of the response */
  total: number;
}

/**
 * The page of `comments` (one response's live comments, any order) after `afterId` (null: from the
 * first), oldest first.
 */
export function pageComments<P extends { id: number }>(responseId: number, comments: readonly P[], afterId: number | null, limit: number): CommentPage<P> {
  const sorted = [...comments].sort((a, b) => a.id - b.id);
  const start = afterId === null ? 0 : sorted.findIndex((c) => c.id > afterId);
  const page = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = page.at(-1);
  const more = start >= 0 && start + page.length < sorted.length;
  return { comments: page, next: more && last ? { responseId, afterId: last.id } : null, total: sorted.length };
}
