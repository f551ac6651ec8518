// Paging a response's comments (pure): oldest first, keyset cursor over the comment id, page
// boundaries, and cursors that are not ours (or name another response) refused.
import { describe, expect, it } from "vitest";
import { commentLimitOf, decodeCommentCursor, encodeCommentCursor, pageComments } from "./comment-page";
import { encodeResponseCursor } from "./response-page";

const c = (id: number) => ({ id });

/** every page's ids, following the cursor over the wire */
function allPages(responseId: number, comments: { id: number }[], limit: number) {
  const pages: number[][] = [];
  let after: number | null = null;
  for (let n = 0; n < 1000; n++) {
    const p = pageComments(responseId, comments, after, limit);
    pages.push(p.comments.map((x) => x.id));
    if (!p.next) return pages;
    const back = decodeCommentCursor(encodeCommentCursor(p.next));
    expect(back).toEqual(p.next);
    expect(back!.responseId).toBe(responseId);
    after = back!.afterId;
  }
  throw new Error("the cursors never ended");
}

describe("pageComments", () => {
  const comments = [5, 9, 12, 20, 21, 30, 31].map(c);

  it("pages oldest first without overlap or gap, and no empty last page when exactly full", () => {
    expect(allPages(1, comments, 3)).toEqual([[5, 9, 12], [20, 21, 30], [31]]);
    expect(allPages(1, comments, 7)).toEqual([[5, 9, 12, 20, 21, 30, 31]]);
    expect(allPages(1, comments, 10)).toEqual([[5, 9, 12, 20, 21, 30, 31]]);
    expect(allPages(1, comments.slice(0, 6), 3)).toEqual([[5, 9, 12], [20, 21, 30]]);
    expect(allPages(1, comments, 1).flat()).toEqual([5, 9, 12, 20, 21, 30, 31]);
  });

  it("orders by id whatever order it is given, and counts every comment", () => {
    const p = pageComments(4, [...comments].reverse(), null, 2);
    expect(p.comments.map((x) => x.id)).toEqual([5, 9]);
    expect(p.total).toBe(7);
    expect(p.next).toEqual({ responseId: 4, afterId: 9 });
  });

  it("a page of no comments, a cursor past the end, a cursor between ids", () => {
    expect(pageComments(1, [], null, 10)).toEqual({ comments: [], next: null, total: 0 });
    expect(pageComments(1, comments, 31, 10)).toEqual({ comments: [], next: null, total: 7 });
    expect(pageComments(1, comments, 10, 2).comments.map((x) => x.id)).toEqual([12, 20]); // comment 10 deleted since
  });

  it("after a new comment an old cursor continues where it was, the new one at the end", () => {
    const first = pageComments(1, comments, null, 3);
    const later = pageComments(1, [...comments, c(40)], first.next!.afterId, 50);
    expect(later.comments.map((x) => x.id)).toEqual([20, 21, 30, 31, 40]);
    expect(later.next).toBeNull();
  });
});

describe("comment cursors and limits", () => {
  it("round-trips and refuses what this module did not make", () => {
    expect(decodeCommentCursor(encodeCommentCursor({ responseId: 7, afterId: 42 }))).toEqual({ responseId: 7, afterId: 42 });
    const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of [
      "",
      "forged",
      "x".repeat(200),
      encodeResponseCursor({ rank: 0, id: 5 }), // a response cursor is not a comment cursor
      b([7, 42]),
      b(["r", 7, 42]),
      b(["c", 7]),
      b(["c", 7, 42, 1]),
      b(["c", 0, 42]),
      b(["c", 7, 0]),
      b(["c", 7, -1]),
      b(["c", 7, 1.5]),
      b(["c", "7", 42]),
      b({ responseId: 7, afterId: 42 }),
    ]) {
      expect(decodeCommentCursor(bad), bad).toBeNull();
    }
    expect(decodeCommentCursor(null)).toBeNull();
    expect(decodeCommentCursor(undefined)).toBeNull();
  });

  it("clamps ?limit= to 1..50, 10 by default", () => {
    expect([null, "", "abc", "0", "-3", "1", "7.9", "50", "51", "1e9"].map(commentLimitOf)).toEqual([10, 10, 10, 10, 1, 1, 7, 50, 50, 50]);
  });
});
