// The per-revision thread cache's shared texts: each (entry, audience, post) is built once, only
// when a reader of that audience is sent that post, and the entry's size in the cache grows by it.
import { describe, expect, it } from "vitest";
import { forumThreadPosts, type ForumThreadPosts } from "@/lib/db/queries/courseware";
import { sharedPostTexts, threadPostsBytes } from "./thread-cache";

const post = (id: number): ForumThreadPosts["posts"][number] => ({
  id, parentId: null, authorId: 1, authorUsername: "u", authorFullName: "U", anonymity: "none", bodyMd: "m", bodyHtml: `<p>${id}</p>`,
  isAnswer: false, endorsed: false, voteCount: 0, editedAt: null, createdAt: new Date(0),
});

describe("sharedPostTexts", () => {
  it("builds a post's text once per audience, when first asked, and counts it in the entry's size", () => {
    const entry: ForumThreadPosts = { revision: 3, posts: [post(1), post(2), post(3)] };
    forumThreadPosts.set("900001:3", Promise.resolve(entry), threadPostsBytes(entry));
    const before = forumThreadPosts.bytes;
    const built: string[] = [];
    const build = (audience: string) => (p: ForumThreadPosts["posts"][number]) => (built.push(`${audience}:${p.id}`), `{"id":${p.id},"a":"${audience}"`);
    const learners = sharedPostTexts(900001, entry, "learner", build("learner"));
    expect(built).toEqual([]);
    expect(learners(entry.posts[1])).toBe('{"id":2,"a":"learner"');
    expect(learners(entry.posts[1])).toBe('{"id":2,"a":"learner"');
    // another request of the same audience shares what the first built
    expect(sharedPostTexts(900001, entry, "learner", build("learner"))(entry.posts[1])).toBe('{"id":2,"a":"learner"');
    expect(built).toEqual(["learner:2"]);
    const staff = sharedPostTexts(900001, entry, "staff+moderator", build("staff"));
    expect(staff(entry.posts[1])).toBe('{"id":2,"a":"staff"');
    expect(built).toEqual(["learner:2", "staff:2"]);
    expect(forumThreadPosts.bytes).toBe(before + (64 + '{"id":2,"a":"learner"'.length) + (64 + '{"id":2,"a":"staff"'.length));
    forumThreadPosts.delete("900001:3");
  });
});
