// Paging a thread's responses (pure): display order, keyset cursor, comments kept with their
// response, and cursors that are not ours refused.
import { describe, expect, it } from "vitest";
import { decodeResponseCursor, encodeResponseCursor, pageResponses, responseLimitOf, type PageablePost } from "./response-page";

const resp = (id: number, flags: Partial<PageablePost> = {}): PageablePost => ({ id, parentId: null, isAnswer: false, endorsed: false, ...flags });
const comment = (id: number, parentId: number): PageablePost => ({ id, parentId, isAnswer: false, endorsed: false });

function allPages(posts: PageablePost[], limit: number) {
  const pages: number[][] = [];
  let after = null;
  for (;;) {
    const p = pageResponses(posts, after, limit);
    pages.push(p.responses.map((r) => r.response.id));
    if (!p.next) return pages;
    // the cursor goes over the wire
    after = decodeResponseCursor(encodeResponseCursor(p.next));
    expect(after).toEqual(p.next);
  }
}

describe("pageResponses", () => {
  // 1..10 responses; 7 is the answer, 4 and 9 endorsed; comments 11 (on 7), 12 (on 2), 13 (on a deleted response 99)
  const posts = [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => resp(id, { isAnswer: id === 7, endorsed: id === 4 || id === 9 })), comment(11, 7), comment(12, 2), comment(13, 99)];

  it("orders the answer first, then endorsed, then posting order, and pages it without overlap or gap", () => {
    expect(allPages(posts, 3)).toEqual([[7, 4, 9], [1, 2, 3], [5, 6, 8], [10]]);
    expect(allPages(posts, 50)).toEqual([[7, 4, 9, 1, 2, 3, 5, 6, 8, 10]]);
    expect(allPages(posts, 10)).toEqual([[7, 4, 9, 1, 2, 3, 5, 6, 8, 10]]); // exactly full: no empty last page
  });

  it("keeps every comment with its response and counts responses only", () => {
    const p = pageResponses(posts, null, 5);
    expect(p.total).toBe(10);
    expect(p.responses.map((r) => [r.response.id, r.comments.map((c) => c.id)])).toEqual([[7, [11]], [4, []], [9, []], [1, []], [2, [12]]]);
  });

  it("an endorsed answer ranks above a plain answer; a cursor past the end gives an empty last page", () => {
    expect(allPages([resp(1), resp(2, { isAnswer: true, endorsed: true }), resp(3, { endorsed: true })], 1)).toEqual([[2], [3], [1]]);
    expect(pageResponses(posts, { rank: 0, id: 10 }, 5)).toEqual({ responses: [], next: null, total: 10 });
    expect(pageResponses([], null, 25)).toEqual({ responses: [], next: null, total: 0 });
  });

  it("after a new response the old cursor continues where it was, the new one at the end", () => {
    const first = pageResponses(posts, null, 5);
    const later = pageResponses([...posts, resp(14)], first.next, 50);
    expect(later.responses.map((r) => r.response.id)).toEqual([3, 5, 6, 8, 10, 14]);
  });
});

describe("response cursors and limits", () => {
  it("refuses what this module did not make", () => {
    for (const bad of ["", "forged", "x".repeat(200), Buffer.from("[1,2,3]").toString("base64url"), Buffer.from("[4,1]").toString("base64url"), Buffer.from("[0,0]").toString("base64url"), Buffer.from('["0",1]').toString("base64url"), Buffer.from("[0,1.5]").toString("base64url"), Buffer.from("{}").toString("base64url")]) {
      expect(decodeResponseCursor(bad), bad).toBeNull();
    }
    expect(decodeResponseCursor(null)).toBeNull();
    expect(decodeResponseCursor(encodeResponseCursor({ rank: 3, id: 42 }))).toEqual({ rank: 3, id: 42 });
  });

  it("clamps ?limit= to 1..50, 25 by default", () => {
    expect([null, "", "abc", "0", "-3", "1", "7.9", "50", "51", "1e9"].map(responseLimitOf)).toEqual([25, 25, 25, 25, 1, 1, 7, 50, 50, 50]);
  });
});
