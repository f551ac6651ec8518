// The course forum's rules on the real MariaDB, through the service every route and action uses
// (lib/forum/service.ts): who may read and write, per action (author, moderator, community TA,
// banned, closed, blackout, rate limit, anonymity), what each reader is told about authors, the
// notifications a reply writes, reports and edit history, and the thread list's cursor, filters
// and search. The session is the only stub.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as (SessionUser & { sid: string }) | null }));
vi.mock("@/lib/auth/session", async (orig) => ({
  ...(await orig<typeof SessionModule>()),
  getCurrentUser: async () => session.user,
  getSessionClaims: async () => (session.user ? { uid: session.user.id, sv: 1, sid: session.user.sid } : null),
}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import { eq, sql } from "drizzle-orm";
import { closeDb, getDb } from "@/lib/db";
import { forumPosts, forumVotes, userSessions } from "@/lib/db/schema";
import { enrollUser } from "@/lib/db/queries/enrollments";
import * as q from "@/lib/db/queries/forum";
import * as forum from "@/lib/forum/service";
import { authorView, threadSummaryView } from "@/lib/forum/views";
import { createTestCourse, createTestUser, grantRole } from "./lms-helpers";

type User = Awaited<ReturnType<typeof createTestUser>>;
const FUTURE = "2999-01-01T00:00:00Z";

async function makeCourse(rootSettings: Record<string, unknown> = {}) {
  return createTestCourse({
    rootSettings: { discussion_topics: { General: { id: "course" }, "Off Topic": { id: "offtopic" } }, allow_anonymous: true, allow_anonymous_to_peers: true, ...rootSettings },
    sections: [
      {
        type: "chapter",
        name: "week1",
        children: [
          {
            type: "sequential",
            name: "seq1",
            children: [
              { type: "vertical", name: "u1", children: [{ type: "discussion", name: "disc1", settings: { discussion_id: "d-intro", discussion_category: "Week 1", discussion_target: "Introductions" } }] },
              { type: "vertical", name: "hidden", settings: { visible_to_staff_only: true }, children: [{ type: "discussion", name: "disc2", settings: { discussion_id: "d-staff", discussion_category: "Staff", discussion_target: "Staff room" } }] },
              { type: "vertical", name: "later", settings: { start: FUTURE }, children: [{ type: "discussion", name: "disc3", settings: { discussion_id: "d-later" } }] },
            ],
          },
        ],
      },
    ],
  });
}

/** A learner enrolled in `courseId` who has not posted yet (the rate limit counts per learner). */
async function freshLearner(courseId: number): Promise<User> {
  const u = await createTestUser("fl");
  await enrollUser({ userId: u.id, courseId, actorId: null });
  return u;
}

async function as<T>(u: User | null, fn: () => Promise<T>): Promise<T> {
  session.user = u;
  return fn();
}

const f = (courseKey: string) => forum.loadForum(courseKey);

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toMatchObject({ code });
}

let c: Awaited<ReturnType<typeof makeCourse>>;
let other: Awaited<ReturnType<typeof makeCourse>>;
let A: User, B: User, outsider: User, otherLearner: User, staff: User, ta: User;

beforeAll(async () => {
  c = await makeCourse();
  other = await makeCourse();
  [A, B, outsider, otherLearner, staff, ta] = await Promise.all(["fa", "fb", "fout", "fother", "fstaff", "fta"].map((p) => createTestUser(p)));
  for (const u of [A, B, ta]) await enrollUser({ userId: u.id, courseId: c.courseId, actorId: null });
  await enrollUser({ userId: otherLearner.id, courseId: other.courseId, actorId: null });
  await grantRole({ userId: staff.id, courseId: c.courseId, role: "staff" });
  await q.addCommunityTA({ courseId: c.courseId, userId: ta.id, grantedBy: staff.id });
});
beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

describe("who may read and write", () => {
  it("refuses the anonymous, the unenrolled and learners of another course, for reads and writes alike", async () => {
    await expectCode(as(null, () => f(c.courseKey)), "unauthorized");
    await expectCode(as(outsider, () => f(c.courseKey)), "forbidden:course");
    await expectCode(as(otherLearner, () => f(c.courseKey)), "forbidden:course");
    await expectCode(as(A, () => f("course-v1:No+Such+Course")), "not_found:course");
    // a cookie whose session was signed out, or whose claims name another session, signs no one in
    const gone = await freshLearner(c.courseId);
    await as(gone, () => f(c.courseKey));
    await expectCode(as({ ...gone, sid: A.sid }, () => f(c.courseKey)), "unauthorized");
    await getDb().delete(userSessions).where(eq(userSessions.userId, gone.id));
    await expectCode(as(gone, () => f(c.courseKey)), "unauthorized");
    // even holding a thread id of this course, an outsider gets nowhere
    const fa = await as(A, () => f(c.courseKey));
    const { threadId } = await forum.createThread(fa, { topicId: "course", kind: "discussion", title: "Hello", body: "First!", anonymity: "none" });
    const fo = await as(otherLearner, () => f(other.courseKey));
    await expectCode(forum.createPost(fo, { threadId, parentId: null, body: "sneaky", anonymity: "none" }), "not_found:thread");
    await expectCode(forum.vote(fo, { target: "thread", id: threadId, on: true }), "not_found:thread");
    await expectCode(forum.deleteThread(fo, { threadId }), "not_found:thread");
  });

  it("derives topics from the policy and the visible discussion blocks; learners cannot post to a hidden one", async () => {
    const fa = await as(A, () => f(c.courseKey));
    expect(fa.topics.map((t) => [t.id, t.name, t.category])).toEqual([
      ["course", "General", "Course-wide discussions"],
      ["offtopic", "Off Topic", "Course-wide discussions"],
      ["d-intro", "Introductions", "Week 1"],
    ]);
    await expectCode(forum.createThread(fa, { topicId: "d-staff", kind: "discussion", title: "x", body: "y", anonymity: "none" }), "invalid:topic");
    await expectCode(forum.createThread(fa, { topicId: "d-later", kind: "discussion", title: "x", body: "y", anonymity: "none" }), "invalid:topic");
    const fs = await as(staff, () => f(c.courseKey));
    expect(fs.topics.map((t) => t.id)).toContain("d-staff");
    const { threadId } = await forum.createThread(fs, { topicId: "d-staff", kind: "discussion", title: "Staff only", body: "s", anonymity: "none" });
    // and a learner cannot open it by id
    await expectCode(forum.threadFor(fa, threadId), "not_found:thread");
  });

  it("checks bodies and titles: empty or oversized input changes nothing", async () => {
    const fa = await as(A, () => f(c.courseKey));
    await expectCode(forum.createThread(fa, { topicId: "course", kind: "discussion", title: "   ", body: "x", anonymity: "none" }), "invalid:title");
    await expectCode(forum.createThread(fa, { topicId: "course", kind: "discussion", title: "t", body: " \n ", anonymity: "none" }), "invalid:body");
    await expectCode(forum.createThread(fa, { topicId: "course", kind: "discussion", title: "t", body: "x".repeat(forum.BODY_MAX + 1), anonymity: "none" }), "invalid:body");
  });
});

describe("a question, answered", () => {
  it("A asks, B answers, A marks it answered, B is notified; B cannot mark, edit, delete or endorse A's posts; staff and TAs endorse", async () => {
    const fa = await as(A, () => f(c.courseKey));
    const { threadId } = await forum.createThread(fa, { topicId: "d-intro", kind: "question", title: "How do I **start**?", body: "Is $x^2$ fine? <script>alert(1)</script>", anonymity: "none" });
    const thread = await q.getThread({ threadId });
    expect(thread!.bodyHtml).toContain("katex");
    expect(thread!.bodyHtml).not.toContain("<script");
    const fb = await as(B, () => f(c.courseKey));
    const { postId } = await forum.createPost(fb, { threadId, parentId: null, body: "Open the first unit.", anonymity: "none" });
    // A was notified of B's reply; B (the replier) was not
    const na = await q.listNotifications({ userId: A.id, courseId: c.courseId });
    expect(na.rows[0]).toMatchObject({ kind: "reply_to_my_thread", threadId, postId });
    expect((await q.listNotifications({ userId: B.id, courseId: c.courseId })).rows.filter((n) => n.threadId === threadId)).toEqual([]);

    await expectCode(forum.markAnswer(fb, { postId, on: true }), "forbidden:post");
    await expectCode(forum.editThread(fb, { threadId, title: "hijacked", body: "x" }), "forbidden:post");
    await expectCode(forum.deleteThread(fb, { threadId }), "forbidden:post");
    await expectCode(forum.endorse(fb, { postId, on: true }), "forbidden:moderator");
    await expectCode(forum.setThreadFlag(fb, { threadId, flag: "pinned", on: true }), "forbidden:moderator");
    await expectCode(forum.editPost(fa, { postId, body: "A edits B" }), "forbidden:post");
    await expectCode(forum.deletePost(fa, { postId }), "forbidden:post");

    await forum.markAnswer(fa, { postId, on: true });
    expect((await q.getThread({ threadId }))!.answered).toBe(true);
    const nb = await q.listNotifications({ userId: B.id, courseId: c.courseId });
    expect(nb.rows[0]).toMatchObject({ kind: "answer_marked", threadId });
    expect(nb.unread).toBeGreaterThan(0);

    const ft = await as(ta, () => f(c.courseKey));
    await forum.endorse(ft, { postId, on: true });
    expect((await q.getPost({ postId }))!.endorsed).toBe(true);
    // a comment cannot be the answer
    const { postId: commentId } = await forum.createPost(fa, { threadId, parentId: postId, body: "Thanks!", anonymity: "none" });
    await expectCode(forum.markAnswer(fa, { postId: commentId, on: true }), "invalid:post");
    // B was told of A's comment on B's response
    expect((await q.listNotifications({ userId: B.id, courseId: c.courseId })).rows[0]).toMatchObject({ kind: "reply_to_my_post", postId: commentId });
    // a comment on a comment is refused
    await expectCode(forum.createPost(fb, { threadId, parentId: commentId, body: "nested", anonymity: "none" }), "invalid:post");
    // deleting the answer clears the thread's answered flag; the response's comment goes with it
    await forum.deletePost(fb, { postId });
    const after = await q.getThread({ threadId });
    expect(after!.answered).toBe(false);
    expect(after!.postCount).toBe(0);
  });

  it("edits keep the previous text for moderators; the author edits their own", async () => {
    const fa = await as(A, () => f(c.courseKey));
    const { threadId } = await forum.createThread(fa, { topicId: "course", kind: "discussion", title: "Typo", body: "teh body", anonymity: "none" });
    await forum.editThread(fa, { threadId, title: "Fixed", body: "the body" });
    const t = await q.getThread({ threadId });
    expect([t!.title, t!.bodyMd, t!.editedAt]).toEqual(["Fixed", "the body", expect.any(Date)]);
    expect(await q.listEdits({ threadId, postId: null })).toEqual([expect.objectContaining({ oldTitle: "Typo", oldBodyMd: "teh body" })]);
  });
});

describe("anonymity", () => {
  it("hides the author from peers but not from staff; peers-anonymous posts are also visible to community TAs", async () => {
    const fb = await as(B, () => f(c.courseKey));
    const { threadId } = await forum.createThread(fb, { topicId: "course", kind: "discussion", title: "Shy", body: "who am I", anonymity: "anonymous" });
    const { postId } = await forum.createPost(fb, { threadId, parentId: null, body: "peers only", anonymity: "peers" });
    const t = await q.getThread({ threadId });
    const p = await q.getPost({ postId });
    const row = (r: { authorId: number; anonymity: "none" | "anonymous" | "peers" }) => ({ ...r, username: B.username, fullName: B.fullName });
    const readers = { A: { userId: A.id, isStaff: false, isCommunityTA: false }, B: { userId: B.id, isStaff: false, isCommunityTA: false }, ta: { userId: ta.id, isStaff: false, isCommunityTA: true }, staff: { userId: staff.id, isStaff: true, isCommunityTA: false } };
    expect(authorView(readers.A, row(t!))).toEqual({ username: null, name: "Anonymous", anonymity: "anonymous", mine: false });
    expect(authorView(readers.B, row(t!))).toMatchObject({ username: B.username, mine: true });
    expect(authorView(readers.staff, row(t!))).toMatchObject({ username: B.username });
    expect(authorView(readers.ta, row(t!))).toMatchObject({ username: null });
    expect(authorView(readers.ta, row(p!))).toMatchObject({ username: B.username });
    expect(authorView(readers.A, row(p!))).toMatchObject({ username: null });
    // the list row a peer gets carries no name
    const fa = await as(A, () => f(c.courseKey));
    const { rows } = await q.listThreads({ courseId: c.courseId, userId: A.id, visibleTopicIds: fa.visibleTopicIds, filter: "all" });
    const summary = threadSummaryView(fa.actor, rows.find((r) => r.id === threadId)!);
    expect(JSON.stringify(summary)).not.toContain(B.username);
  });

  it("refuses anonymity the course does not allow", async () => {
    const named = await makeCourse({ allow_anonymous: false, allow_anonymous_to_peers: false });
    await enrollUser({ userId: A.id, courseId: named.courseId, actorId: null });
    const fa = await as(A, () => f(named.courseKey));
    await expectCode(forum.createThread(fa, { topicId: "course", kind: "discussion", title: "x", body: "y", anonymity: "anonymous" }), "invalid:anonymity");
    await expectCode(forum.createThread(fa, { topicId: "course", kind: "discussion", title: "x", body: "y", anonymity: "peers" }), "invalid:anonymity");
  });
});

describe("moderation", () => {
  it("a closed thread takes no posts (not even from staff); pin and close are logged", async () => {
    const fa = await as(await freshLearner(c.courseId), () => f(c.courseKey));
    const { threadId } = await forum.createThread(fa, { topicId: "course", kind: "discussion", title: "Closing soon", body: "x", anonymity: "none" });
    const fs = await as(staff, () => f(c.courseKey));
    await forum.setThreadFlag(fs, { threadId, flag: "pinned", on: true });
    await forum.setThreadFlag(fs, { threadId, flag: "closed", on: true });
    await expectCode(forum.createPost(fa, { threadId, parentId: null, body: "late", anonymity: "none" }), "forbidden:closed");
    await expectCode(forum.createPost(fs, { threadId, parentId: null, body: "late", anonymity: "none" }), "forbidden:closed");
    const log = await q.listModLog({ courseId: c.courseId });
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(["pin", "close"]));
    // pinned threads come first in the list
    const { rows } = await q.listThreads({ courseId: c.courseId, userId: A.id, visibleTopicIds: null });
    expect(rows[0]).toMatchObject({ id: threadId, pinned: true, closed: true });
  });

  it("a banned user cannot post, edit or vote but still reads; TAs cannot ban; staff cannot be banned", async () => {
    const victim = await createTestUser("fban");
    await enrollUser({ userId: victim.id, courseId: c.courseId, actorId: null });
    const fv0 = await as(victim, () => f(c.courseKey));
    const { threadId } = await forum.createThread(fv0, { topicId: "course", kind: "discussion", title: "Before", body: "x", anonymity: "none" });
    const ft = await as(ta, () => f(c.courseKey));
    await expectCode(forum.setBan(ft, { login: victim.username, on: true }), "forbidden:staff");
    const fs = await as(staff, () => f(c.courseKey));
    await expectCode(forum.setBan(fs, { login: staff.username, on: true }), "invalid:ban");
    await forum.setBan(fs, { login: victim.username, on: true, reason: "spam" });
    const fv = await as(victim, () => f(c.courseKey));
    expect(fv.actor.banned).toBe(true);
    await expectCode(forum.createThread(fv, { topicId: "course", kind: "discussion", title: "x", body: "y", anonymity: "none" }), "forbidden:banned");
    await expectCode(forum.createPost(fv, { threadId, parentId: null, body: "y", anonymity: "none" }), "forbidden:banned");
    await expectCode(forum.editThread(fv, { threadId, title: "x", body: "y" }), "forbidden:banned");
    await expectCode(forum.vote(fv, { target: "thread", id: threadId, on: true }), "forbidden:banned");
    expect((await q.listThreads({ courseId: c.courseId, userId: victim.id, visibleTopicIds: fv.visibleTopicIds })).rows.length).toBeGreaterThan(0);
    await forum.setBan(fs, { login: victim.username, on: false });
    const fv2 = await as(victim, () => f(c.courseKey));
    await forum.createPost(fv2, { threadId, parentId: null, body: "back", anonymity: "none" });
  });

  it("a report reaches the queue once per reporter; removing deletes the post and closes every report on it", async () => {
    const fa = await as(await freshLearner(c.courseId), () => f(c.courseKey));
    const { threadId } = await forum.createThread(fa, { topicId: "course", kind: "discussion", title: "Spam here", body: "buy now", anonymity: "none" });
    const fb = await as(B, () => f(c.courseKey));
    await expectCode(forum.report(fa, { threadId, postId: null, reason: "mine" }), "invalid:report");
    await forum.report(fb, { threadId, postId: null, reason: "spam" });
    await expectCode(forum.report(fb, { threadId, postId: null, reason: "spam again" }), "conflict:report");
    const fta = await as(ta, () => f(c.courseKey));
    await forum.report(fta, { threadId, postId: null, reason: "also spam" });
    await expectCode(forum.resolveReport(fb, { reportId: 1, resolution: "dismissed" }), "forbidden:moderator");
    const queue = (await q.listOpenReports({ courseId: c.courseId })).filter((r) => r.threadId === threadId);
    expect(queue.map((r) => r.reason).sort()).toEqual(["also spam", "spam"]);
    const fs = await as(staff, () => f(c.courseKey));
    const { resolved } = await forum.resolveReport(fs, { reportId: queue[0].id, resolution: "removed" });
    expect(resolved).toBe(2);
    expect((await q.getThread({ threadId }))!.deletedAt).not.toBeNull();
    expect((await q.listOpenReports({ courseId: c.courseId })).filter((r) => r.threadId === threadId)).toEqual([]);
  });
});

describe("blackouts and rate limits", () => {
  it("a blackout period makes the forum read-only for learners, not for staff", async () => {
    const now = Date.now();
    const bc = await makeCourse({ discussion_blackouts: [[new Date(now - 3600_000).toISOString(), new Date(now + 3600_000).toISOString()]] });
    await enrollUser({ userId: A.id, courseId: bc.courseId, actorId: null });
    await grantRole({ userId: staff.id, courseId: bc.courseId, role: "staff" });
    const fa = await as(A, () => f(bc.courseKey));
    expect(fa.moment.blackout).toBe(true);
    await expectCode(forum.createThread(fa, { topicId: "course", kind: "discussion", title: "x", body: "y", anonymity: "none" }), "forbidden:blackout");
    const fs = await as(staff, () => f(bc.courseKey));
    await forum.createThread(fs, { topicId: "course", kind: "discussion", title: "Announcement", body: "y", anonymity: "none" });
  });

  it("limits posts per learner per course per minute, from MySQL; staff are exempt", async () => {
    const rc = await makeCourse();
    const fast = await createTestUser("ffast");
    await enrollUser({ userId: fast.id, courseId: rc.courseId, actorId: null });
    const ff = await as(fast, () => f(rc.courseKey));
    const { threadId } = await forum.createThread(ff, { topicId: "course", kind: "discussion", title: "1", body: "x", anonymity: "none" });
    for (let i = 0; i < 4; i++) await forum.createPost(ff, { threadId, parentId: null, body: `r${i}`, anonymity: "none" });
    await expectCode(forum.createPost(ff, { threadId, parentId: null, body: "too fast", anonymity: "none" }), "rate_limited:forum");
    expect((await q.getThread({ threadId }))!.postCount).toBe(4);
  });
});

describe("the thread list", () => {
  it("pages by cursor without gaps or repeats, in both sorts, and filters unread, following, unanswered, mine; search finds bodies and responses", async () => {
    const lc = await makeCourse();
    const [w, r] = [await createTestUser("fw"), await createTestUser("fr")];
    for (const u of [w, r]) await enrollUser({ userId: u.id, courseId: lc.courseId, actorId: null });
    await grantRole({ userId: staff.id, courseId: lc.courseId, role: "staff" });
    const fs = await as(staff, () => f(lc.courseKey));
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) {
      ids.push((await forum.createThread(fs, { topicId: i % 2 ? "course" : "offtopic", kind: i % 3 ? "discussion" : "question", title: `Thread ${i}`, body: i === 7 ? "about photosynthesis" : `body ${i}`, anonymity: "none" })).threadId);
    }
    for (const sort of ["activity", "votes"] as const) {
      const seen: number[] = [];
      let cursor: q.ThreadCursor | null = null;
      do {
        const page: Awaited<ReturnType<typeof q.listThreads>> = await q.listThreads({ courseId: lc.courseId, userId: r.id, visibleTopicIds: null, sort, cursor, limit: 5 });
        seen.push(...page.rows.map((x) => x.id));
        cursor = page.next ? q.decodeCursor(q.encodeCursor(page.next)) : null;
      } while (cursor);
      expect(seen.sort()).toEqual([...ids].sort());
    }
    const fr = await as(r, () => f(lc.courseKey));
    await forum.follow(fr, { threadId: ids[3], on: true });
    await forum.createPost(fr, { threadId: ids[5], parentId: null, body: "a response mentioning chlorophyll", anonymity: "none" });
    const ff = (filter: q.ThreadFilter, search?: string) => q.listThreads({ courseId: lc.courseId, userId: r.id, visibleTopicIds: fr.visibleTopicIds, filter, search, limit: 50 }).then((x) => x.rows.map((t) => t.id).sort());
    expect(await ff("following")).toEqual([ids[3], ids[5]].sort());
    expect(await ff("mine")).toEqual([ids[5]]);
    expect((await ff("unread")).length).toBe(22); // all but the one r replied in
    expect((await ff("unanswered")).length).toBe(ids.filter((_, i) => i % 3 === 0).length);
    expect(await ff("all", "photosynthesis")).toEqual([ids[7]]);
    expect(await ff("all", "chloro")).toEqual([ids[5]]);
    expect(await ff("all", "zzzzqqq")).toEqual([]);
    // unread counts per topic follow the reader's markers
    const [threads, read] = [await q.countThreadsByTopic({ courseId: lc.courseId }), await q.countReadThreadsByTopic({ courseId: lc.courseId, userId: r.id })];
    const unread = (t: string) => (threads.get(t) ?? 0) - (read.get(t) ?? 0);
    expect(unread("course") + unread("offtopic")).toBe(22);
    expect((threads.get("course") ?? 0) + (threads.get("offtopic") ?? 0)).toBe(23);
    // a forged cursor is ignored, not an error
    expect(q.decodeCursor("not-a-cursor")).toBeNull();
    expect(q.decodeCursor(Buffer.from("[1,2]").toString("base64url"))).toBeNull();
  });
});

describe("a reader's votes in a long thread", () => {
  it("come back whole with the thread, past MySQL's 1 KB GROUP_CONCAT default (the pool raises it per connection)", async () => {
    const vc = await makeCourse();
    const [w, r] = [await freshLearner(vc.courseId), await freshLearner(vc.courseId)];
    const fw = await as(w, () => f(vc.courseKey));
    const { threadId } = await forum.createThread(fw, { topicId: "course", kind: "discussion", title: "Many answers", body: "go", anonymity: "none" });
    const db = getDb();
    const rows = Array.from({ length: 300 }, (_, i) => ({ threadId, courseId: vc.courseId, parentId: null, authorId: w.id, bodyMd: `answer ${i}`, bodyHtml: `<p>answer ${i}</p>` }));
    await db.insert(forumPosts).values(rows);
    const posts = await db.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.threadId, threadId));
    expect(posts.length).toBe(300);
    await db.insert(forumVotes).values(posts.map((p) => ({ userId: r.id, targetType: "post" as const, targetId: p.id })));
    const row = await q.getThreadForReader({ threadId, userId: r.id });
    expect(String([...row!.votedPostIds].join(",")).length).toBeGreaterThan(1024);
    expect([...row!.votedPostIds].sort((a, b) => a - b)).toEqual(posts.map((p) => p.id).sort((a, b) => a - b));
    expect((await q.getThreadForReader({ threadId, userId: w.id }))!.votedPostIds.size).toBe(0);
    const [[limit]] = (await db.execute(sql`SELECT @@SESSION.group_concat_max_len AS n`)) as unknown as [{ n: number | string }[]];
    expect(Number(limit.n)).toBeGreaterThanOrEqual(1048576);
  });
});

describe("the e-mail digest job", () => {
  it("sends one message per person with their unread replies (anonymous repliers unnamed), marks them e-mailed, and never twice", async () => {
    const { runForumDigest } = await import("@/lib/forum/digest-job");
    const dc = await makeCourse();
    const [asker, helper] = [await freshLearner(dc.courseId), await freshLearner(dc.courseId)];
    const fa = await as(asker, () => f(dc.courseKey));
    const { threadId } = await forum.createThread(fa, { topicId: "course", kind: "question", title: "Digest me", body: "x", anonymity: "none" });
    const fh = await as(helper, () => f(dc.courseKey));
    await forum.createPost(fh, { threadId, parentId: null, body: "named reply", anonymity: "none" });
    await forum.createPost(fh, { threadId, parentId: null, body: "secret reply", anonymity: "anonymous" });
    const sent: { to: string; subject: string; text: string }[] = [];
    const send = async (m: { to: string; subject: string; text: string }) => {
      sent.push(m);
    };
    const r = await runForumDigest({ baseUrl: "https://lms.example", minAgeMinutes: -1, send });
    expect(r).toMatchObject({ failed: 0 });
    const mine = sent.filter((m) => m.to === asker.email);
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toBe("2 new replies in your course discussions");
    expect(mine[0].text).toContain(`${helper.fullName} replied to your post`);
    expect(mine[0].text).toContain("Someone replied to your post");
    expect(mine[0].text).toContain(`https://lms.example/courses/${encodeURIComponent(dc.courseKey)}/discussion?thread=${threadId}`);
    sent.length = 0;
    await runForumDigest({ baseUrl: "https://lms.example", minAgeMinutes: -1, send });
    expect(sent.filter((m) => m.to === asker.email)).toEqual([]);
  });
});
