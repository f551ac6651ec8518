// The forum's pure parts: Markdown + math rendering and its sanitizer, the per-action rules,
// the course policy (topics, blackouts, anonymity) and what a reader is told about authors.
import { describe, expect, it } from "vitest";
import { buildOutline } from "@/lib/lms/outline";
import { renderForumMarkdown, excerptOf } from "./markdown";
import { forumPolicyOf, forumTopics, inBlackout, groupTopics } from "./policy";
import * as rules from "./rules";
import { threadSummaryView } from "./views";

describe("renderForumMarkdown", () => {
  it("renders Markdown, and shows any raw HTML as text", () => {
    expect(renderForumMarkdown("**bold** and _em_")).toBe("<p><strong>bold</strong> and <em>em</em></p>\n");
    const html = renderForumMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)"> <b onclick="x()">b</b>');
    expect(html).not.toMatch(/<script|<img|<b /i);
    expect(html).toContain("&lt;img src=x");
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps http(s)/mailto links only, with rel=nofollow ugc and no target", () => {
    const html = renderForumMarkdown("[a](javascript:alert(1)) [b](https://example.org) [c](data:text/html,x) <https://auto.example> [d](vbscript:x)");
    expect(html).not.toMatch(/javascript:|data:|vbscript:|target=/i);
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">b</a>');
    expect(html).toContain('href="https://auto.example" rel="nofollow ugc noopener"');
  });

  it("renders $math$ and $$display math$$ with KaTeX on the server, never inside code", () => {
    expect(renderForumMarkdown("Area is $\\pi r^2$.")).toMatch(/<span class="katex">.*<math/s);
    expect(renderForumMarkdown("$$\n\\frac{a}{b}\n$$")).toContain('class="katex-display"');
    expect(renderForumMarkdown("`$x$`")).toBe("<p><code>$x$</code></p>\n");
    expect(renderForumMarkdown("costs $5 and $10")).not.toContain("katex");
    // KaTeX's trust stays off: \href and \htmlClass do not produce links or classes
    const evil = renderForumMarkdown("$\\href{javascript:alert(1)}{x}$ $\\htmlClass{x}{y}$");
    expect(evil).not.toMatch(/<a |href=/);
  });

  it("makes plain excerpts", () => {
    expect(excerptOf("# Title\n\nSome **bold** [link](https://x.org) text", 100)).toBe("Title Some bold link text");
    expect(excerptOf("x".repeat(300), 10)).toHaveLength(10);
  });
});

const actor = (over: Partial<rules.ForumActor> = {}): rules.ForumActor => ({ userId: 1, canRead: true, isStaff: false, isCommunityTA: false, banned: false, ...over });
const calm = { blackout: false };

describe("forum rules", () => {
  it("reading needs courseware access", () => {
    expect(rules.canRead(actor({ canRead: false })).ok).toBe(false);
    expect(rules.canPost(actor({ canRead: false, isStaff: true }), calm).ok).toBe(false);
  });
  it("posting: banned, blackout (moderators exempt), closed (nobody)", () => {
    expect(rules.canPost(actor({ banned: true }), calm)).toMatchObject({ ok: false, code: "forbidden:banned" });
    expect(rules.canPost(actor(), { blackout: true })).toMatchObject({ ok: false, code: "forbidden:blackout" });
    expect(rules.canPost(actor({ isCommunityTA: true }), { blackout: true }).ok).toBe(true);
    expect(rules.canPost(actor({ isStaff: true }), calm, { closed: true, deleted: false })).toMatchObject({ code: "forbidden:closed" });
    // a full thread takes no more posts, from anyone (it is read whole)
    expect(rules.canPost(actor(), calm, { closed: false, deleted: false, postCount: 9_999, maxPosts: 10_000 }).ok).toBe(true);
    expect(rules.canPost(actor({ isStaff: true }), calm, { closed: false, deleted: false, postCount: 10_000, maxPosts: 10_000 })).toMatchObject({
      ok: false,
      code: "conflict:thread_full",
      message: "This thread has reached 10,000 posts and takes no more: start a new thread to go on.",
    });
  });
  it("edit and delete: the author or a moderator", () => {
    expect(rules.canEdit(actor(), calm, { authorId: 2, deleted: false }).ok).toBe(false);
    expect(rules.canEdit(actor(), calm, { authorId: 1, deleted: false }).ok).toBe(true);
    expect(rules.canEdit(actor({ isCommunityTA: true }), calm, { authorId: 2, deleted: false }).ok).toBe(true);
    expect(rules.canDelete(actor(), { authorId: 2, deleted: false }).ok).toBe(false);
    expect(rules.canDelete(actor({ isStaff: true }), { authorId: 2, deleted: false }).ok).toBe(true);
  });
  it("answers, endorsements, moderation, bans", () => {
    const q = { authorId: 1, kind: "question" as const, deleted: false };
    const resp = { parentId: null, deleted: false };
    expect(rules.canMarkAnswer(actor(), q, resp).ok).toBe(true);
    expect(rules.canMarkAnswer(actor({ userId: 2 }), q, resp).ok).toBe(false);
    expect(rules.canMarkAnswer(actor(), { ...q, kind: "discussion" }, resp).ok).toBe(false);
    expect(rules.canEndorse(actor(), resp).ok).toBe(false);
    expect(rules.canEndorse(actor({ isCommunityTA: true }), resp).ok).toBe(true);
    expect(rules.canModerate(actor()).ok).toBe(false);
    expect(rules.canManageForumUsers(actor({ isCommunityTA: true })).ok).toBe(false);
    expect(rules.canManageForumUsers(actor({ isStaff: true })).ok).toBe(true);
    expect(rules.canReport(actor(), { authorId: 1, deleted: false }).ok).toBe(false);
  });
  it("rate limit by window; moderators exempt", () => {
    expect(rules.checkRate(actor(), [5, 5])).toMatchObject({ code: "rate_limited:forum" });
    expect(rules.checkRate(actor(), [4, 59]).ok).toBe(true);
    expect(rules.checkRate(actor(), [0, 60])).toMatchObject({ ok: false });
    expect(rules.checkRate(actor({ isStaff: true }), [100, 100]).ok).toBe(true);
  });
  it("who sees an anonymous author", () => {
    const post = (anonymity: rules.Anonymity) => ({ authorId: 2, anonymity });
    expect(rules.seesAuthor(actor(), post("anonymous"))).toBe(false);
    expect(rules.seesAuthor(actor({ userId: 2 }), post("anonymous"))).toBe(true);
    expect(rules.seesAuthor(actor({ isCommunityTA: true }), post("anonymous"))).toBe(false);
    expect(rules.seesAuthor(actor({ isCommunityTA: true }), post("peers"))).toBe(true);
    expect(rules.seesAuthor(actor({ isStaff: true }), post("anonymous"))).toBe(true);
  });
});

describe("course policy", () => {
  it("parses blackouts (skipping malformed ones) and anonymity flags", () => {
    const p = forumPolicyOf({ allow_anonymous: "true", discussion_blackouts: [["2030-01-01T00:00", "2030-01-08T00:00"], ["bad"], ["2031-01-01", "2030-01-01"]] });
    expect(p.allowAnonymous).toBe(true);
    expect(p.allowAnonymousToPeers).toBe(false);
    expect(p.blackouts).toHaveLength(1);
    expect(inBlackout(p, new Date("2030-01-03T00:00:00Z"))).toBe(true);
    expect(inBlackout(p, new Date("2030-01-08T00:00:00Z"))).toBe(false);
  });

  it("derives topics: course-wide first, then one per visible discussion block grouped by category", () => {
    const k = (t: string, n: string) => `block-v1:O+C+R+type@${t}+block@${n}`;
    const row = (t: string, n: string, parent: string | null, position: number, settings: Record<string, unknown> = {}) => ({
      usageKey: k(t, n), blockType: t, urlName: n, parentUsageKey: parent, position, displayName: n, settings, definitionHash: null, unsupportedReason: null,
    });
    const outline = buildOutline([
      row("course", "R", null, 0, { discussion_topics: { "Zeta": { id: "z" }, General: { id: "course" }, Broken: {} } }),
      row("chapter", "ch", k("course", "R"), 0),
      row("sequential", "s", k("chapter", "ch"), 0),
      row("vertical", "v", k("sequential", "s"), 0),
      row("discussion", "d1", k("vertical", "v"), 0, { discussion_id: "abc", discussion_category: "Week 1", discussion_target: "Intro" }),
      row("discussion", "d2", k("vertical", "v"), 1, { visible_to_staff_only: true, discussion_id: "hid" }),
      row("discussion", "d3", k("vertical", "v"), 2, {}),
    ]);
    const topics = forumTopics(outline, { staff: false, now: new Date() });
    expect(topics.map((t) => [t.id, t.name, t.category])).toEqual([
      ["course", "General", "Course-wide discussions"],
      ["z", "Zeta", "Course-wide discussions"],
      ["abc", "Intro", "Week 1"],
      ["d3", "d3", "s"],
    ]);
    expect(groupTopics(topics).map((g) => g.category)).toEqual(["Course-wide discussions", "Week 1", "s"]);
    expect(forumTopics(outline, { staff: true, now: new Date() }).map((t) => t.id)).toContain("hid");
  });
});

describe("thread summaries", () => {
  it("count unread since the last visit and hide anonymous authors from peers", () => {
    const row = {
      id: 1, topicId: "t", kind: "discussion" as const, title: "T", excerptMd: "**x**", authorId: 2, authorUsername: "secret_user", authorFullName: "Secret",
      anonymity: "anonymous" as const, pinned: false, closed: false, answered: false, voteCount: 0, postCount: 3, postSeq: 5, lastActivityAt: new Date(0), createdAt: new Date(0),
      seenSeq: 2, following: false, voted: false,
    };
    const v = threadSummaryView(actor(), row);
    expect(v.unread).toBe(3);
    expect(JSON.stringify(v)).not.toMatch(/secret/i);
    expect(threadSummaryView(actor(), { ...row, seenSeq: null }).unread).toBe(-1);
  });
});
