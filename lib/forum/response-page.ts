// One page of a thread's responses, each with all its comments (PURE). Open edX sends a question's
// responses a page at a time (the MFE's "Load more responses"); we page the same way over the
// thread's cached posts (lib/forum/thread-cache.ts), so a long thread's JSON stays small.
// Display order: the answer first, then endorsed responses, then the rest in posting order.
// The cursor is a keyset over that order — (rank, id) of the page's last response — so within one
// revision pages never overlap or skip, and after a write a cursor still continues sensibly (a new
// response lands at the end). It must not decide who sees what: that stays in reads.ts/views.ts.

export const RESPONSE_PAGE_SIZE = 25;
export const RESPONSE_PAGE_MAX = 50;

/** The fields paging needs; the caller's rows pass through untouched. */
export interface PageablePost {
  id: number;
  parentId: number | null;
  isAnswer: boolean;
  endorsed: boolean;
}

export interface ResponseCursor {
  /** 3: the answer and endorsed, 2: the answer, 1: endorsed, 0: the rest (higher first) */
  rank: number;
  id: number;
}

export function responseRank(p: Pick<PageablePost, "isAnswer" | "endorsed">): number {
  return (p.isAnswer ? 2 : 0) + (p.endorsed ? 1 : 0);
}

export function encodeResponseCursor(c: ResponseCursor): string {
  return Buffer.from(JSON.stringify([c.rank, c.id])).toString("base64url");
}

/** Null for anything that is not a cursor this module made (a thread-list cursor included). */
export function decodeResponseCursor(s: string | null | undefined): ResponseCursor | null {
  if (!s || s.length > 100) return null;
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => Number.isSafeInteger(x))) return null;
    const [rank, id] = v as number[];
    if (rank < 0 || rank > 3 || id < 1) return null;
    return { rank, id };
  } catch {
    return null;
  }
}

/** `?limit=` of a response page: 1..50, 25 when absent or not a number (as the thread list clamps its own). */
export function responseLimitOf(v: string | null): number {
  return Math.min(Math.max(Math.trunc(Number(v)) || RESPONSE_PAGE_SIZE, 1), RESPONSE_PAGE_MAX);
}

export interface ResponsePage<P> {
  responses: { response: P; comments: P[] }[];
  /** where the next page starts, null on the last page */
  next: ResponseCursor | null;
  /** every response of the thread (comments not counted) */
  total: number;
}

/**
 * The page of `posts` (a thread's live responses and comments, in posting order) after `after`
 * (null: the first page). A comment whose response is gone is not shown, as before paging.
 */
export function pageResponses<P extends PageablePost>(posts: readonly P[], after: ResponseCursor | null, limit: number): ResponsePage<P> {
  const ranked = posts.filter((p) => p.parentId === null).map((p) => ({ p, rank: responseRank(p) }));
  ranked.sort((a, b) => b.rank - a.rank || a.p.id - b.p.id);
  const start = after === null ? 0 : ranked.findIndex((r) => r.rank < after.rank || (r.rank === after.rank && r.p.id > after.id));
  const page = start < 0 ? [] : ranked.slice(start, start + limit);
  const comments = new Map<number, P[]>(page.map((r) => [r.p.id, []]));
  for (const p of posts) if (p.parentId !== null) comments.get(p.parentId)?.push(p);
  const last = page.at(-1);
  const more = start >= 0 && start + page.length < ranked.length;
  return {
    responses: page.map((r) => ({ response: r.p, comments: comments.get(r.p.id)! })),
    next: more && last ? { rank: last.rank, id: last.p.id } : null,
    total: ranked.length,
  };
}
