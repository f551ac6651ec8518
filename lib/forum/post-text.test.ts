// A post's JSON text, assembled from an audience's shared text and the reader's own parts, is the
// object postJson builds for that reader — for every kind of reader and post — and a shared text
// never carries what its audience may not see.
import { describe, expect, it } from "vitest";
import type { ThreadPostRow } from "@/lib/db/queries/forum";
import { audienceOf, postJson, readerPostText, sharedPostText, type PostReader } from "./post-text";

const post = (id: number, authorId: number, anonymity: ThreadPostRow["anonymity"], extra: Partial<ThreadPostRow> = {}): ThreadPostRow => ({
  id,
  parentId: id % 3 === 0 ? id - 1 : null,
  authorId,
  authorUsername: `user${authorId}`,
  authorFullName: authorId % 2 ? `Ada "${authorId}" Lovelace` : "  ",
  anonymity,
  bodyMd: `body ${id} with "quotes", \\ backslash, </script> and ünïcode 🧪`,
  bodyHtml: `<p>body ${id} with &quot;quotes&quot; &lt;/script&gt; ünïcode 🧪\u2028</p>\n`,
  isAnswer: id === 4,
  endorsed: id % 4 === 0,
  voteCount: id * 7,
  editedAt: id % 2 ? new Date("2026-12-01T10:00:00Z") : null,
  createdAt: new Date(Date.UTC(2026, 10, id, 9, 30, 15, 123)),
  ...extra,
});

const POSTS: ThreadPostRow[] = [];
for (const anonymity of ["none", "anonymous", "peers"] as const) for (const author of [1, 2, 3, 4, 5]) POSTS.push(post(POSTS.length + 1, author, anonymity));

const reader = (userId: number, role: "learner" | "community_ta" | "staff", extra: Partial<PostReader> = {}): PostReader => ({
  userId,
  isStaff: role === "staff",
  isCommunityTA: role === "community_ta",
  moderator: role !== "learner",
  banned: false,
  blackout: false,
  voted: new Set(POSTS.filter((p) => (p.id + userId) % 3 === 0).map((p) => p.id)),
  ...extra,
});

const READERS: [string, PostReader][] = [
  ["a learner who wrote some of the posts", reader(1, "learner")],
  ["a learner who wrote none", reader(99, "learner")],
  ["a banned learner", reader(2, "learner", { banned: true })],
  ["a learner in a blackout", reader(3, "learner", { blackout: true })],
  ["a community TA", reader(4, "community_ta")],
  ["course staff", reader(5, "staff")],
  ["course staff who are also community TAs", reader(6, "staff", { isCommunityTA: true })],
];

/** The shared texts as a reader of an audience leaves them in the cache (any reader of it may build them). */
const sharedFor = (builder: PostReader) => {
  const texts = new Map(POSTS.map((p) => [p.id, sharedPostText(builder, p)]));
  return (p: ThreadPostRow) => texts.get(p.id)!;
};

describe("readerPostText", () => {
  it.each(READERS)("parses to postJson's object for %s, whoever of their audience built the shared texts", (_, r) => {
    const builders = READERS.map(([, b]) => b).filter((b) => audienceOf(b) === audienceOf(r));
    expect(builders.length).toBeGreaterThan(0);
    for (const builder of builders) {
      const shared = sharedFor(builder);
      for (const p of POSTS) expect(JSON.parse(`${readerPostText(r, shared, p)}}`), `post ${p.id}`).toEqual(postJson(r, p));
    }
  });

  it("a shared text names an anonymous author only to the audiences that see them, and holds no reader's parts", () => {
    const anonymous = POSTS.find((p) => p.anonymity === "anonymous" && p.authorId === 1)!;
    const peers = POSTS.find((p) => p.anonymity === "peers" && p.authorId === 1)!;
    const learner = reader(1, "learner"); // the author themself builds the learners' texts
    for (const p of [anonymous, peers]) {
      const text = sharedPostText(learner, p);
      expect(text).not.toContain("user1");
      expect(text).not.toContain("Lovelace");
      expect(text).not.toContain("bodyMd");
      expect(text).not.toMatch(/"mine":true|"voted"|"canEdit":true|"canDelete":true/);
    }
    expect(sharedPostText(reader(4, "community_ta"), anonymous)).not.toContain("user1");
    expect(sharedPostText(reader(4, "community_ta"), peers)).toContain('"username":"user1"');
    expect(sharedPostText(reader(5, "staff"), anonymous)).toContain('"username":"user1"');
    // the author's own reading is built for them: their name and source
    expect(JSON.parse(`${readerPostText(learner, sharedFor(reader(99, "learner")), anonymous)}}`)).toMatchObject({ author: { username: "user1", mine: true }, bodyMd: anonymous.bodyMd, canEdit: true });
  });

  it("readers of one audience share texts; learners, community TAs and staff do not", () => {
    expect(new Set(READERS.map(([, r]) => audienceOf(r)))).toEqual(new Set(["learner", "community_ta+moderator", "staff+moderator"]));
    expect(audienceOf(reader(1, "learner"))).toBe(audienceOf(reader(2, "learner", { banned: true, blackout: true })));
  });
});
