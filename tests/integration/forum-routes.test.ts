// The forum's JSON routes and server actions on the real MariaDB, called as Next calls them:
// every route and every action checks access on the server, per request (anonymous 401,
// unenrolled and other-course learners 403, a thread of another course 404, moderation routes
// for moderators only), and no JSON names the author of an anonymous post to a peer.
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
import { forumReadOf } from "@/lib/forum/read-routes";
import { API_CSP } from "@/lib/security-headers";
import { closeDb, getDb } from "@/lib/db";
import { forumPosts, forumThreads } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { enrollUser } from "@/lib/db/queries/enrollments";
import * as q from "@/lib/db/queries/forum";
import { GET as metaGET } from "@/app/api/lms/courses/[courseKey]/forum/route";
import { GET as listGET } from "@/app/api/lms/courses/[courseKey]/forum/threads/route";
import { GET as threadGET } from "@/app/api/lms/courses/[courseKey]/forum/threads/[threadId]/route";
import { GET as reportsGET } from "@/app/api/lms/courses/[courseKey]/forum/reports/route";
import { GET as historyGET } from "@/app/api/lms/courses/[courseKey]/forum/history/route";
import { GET as notificationsGET } from "@/app/api/lms/courses/[courseKey]/forum/notifications/route";
import { createThreadAction } from "@/lib/actions/forum/create-thread-action";
import { createPostAction } from "@/lib/actions/forum/create-post-action";
import { editThreadAction } from "@/lib/actions/forum/edit-thread-action";
import { editPostAction } from "@/lib/actions/forum/edit-post-action";
import { voteAction } from "@/lib/actions/forum/vote-action";
import { markAnswerAction } from "@/lib/actions/forum/mark-answer-action";
import { deletePostAction } from "@/lib/actions/forum/delete-post-action";
import { deleteThreadAction } from "@/lib/actions/forum/delete-thread-action";
import { endorsePostAction } from "@/lib/actions/forum/endorse-post-action";
import { setThreadFlagAction } from "@/lib/actions/forum/set-thread-flag-action";
import { setCommunityTAAction } from "@/lib/actions/forum/set-community-ta-action";
import { setForumBanAction } from "@/lib/actions/forum/set-forum-ban-action";
import { createTestCourse, createTestUser, grantRole } from "./lms-helpers";
import { sessionCookieOf, viaProxy } from "./proxy-helpers";

type User = Awaited<ReturnType<typeof createTestUser>>;

const course = () =>
  createTestCourse({
    rootSettings: { discussion_topics: { General: { id: "course" } }, allow_anonymous: true },
    sections: [{ type: "chapter", name: "c", children: [{ type: "sequential", name: "s", children: [{ type: "vertical", name: "u", children: [{ type: "discussion", name: "d", settings: { discussion_id: "inline-1" } }] }] }] }],
  });

type Params = { courseKey: string; threadId: string };
const ctx = (courseKey: string, extra: Record<string, string> = {}) => ({ params: Promise.resolve({ courseKey: encodeURIComponent(courseKey), threadId: "", ...extra }) });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, c: { params: Promise<any> }) => Promise<Response>;
const get = async (handler: Handler, courseKey: string, query = "", extra: Partial<Params> = {}) => {
  const res = await handler(new Request(`http://x/api${query}`), ctx(courseKey, extra as Record<string, string>));
  return { status: res.status, text: await res.text(), cache: res.headers.get("cache-control") };
};

let c: Awaited<ReturnType<typeof course>>;
let other: Awaited<ReturnType<typeof course>>;

/** Fresh learners enrolled in `c`, one per name prefix. */
async function enrolledLearners(...prefixes: string[]): Promise<User[]> {
  const users = await Promise.all(prefixes.map((p) => createTestUser(p)));
  for (const u of users) await enrollUser({ userId: u.id, courseId: c.courseId, actorId: null });
  return users;
}

/** A course-wide thread of `c` started by `author` through the server action (leaves `author` signed in); its id. */
async function startThread(author: User, kind: "question" | "discussion", title: string, body = "q"): Promise<number> {
  session.user = author;
  const t = await createThreadAction({ courseKey: c.courseKey, topicId: "course", kind, title, body, anonymity: "none" });
  if (!t.ok) throw new Error(t.message);
  return t.data.threadId;
}

/** A response (parentId null) or comment written straight through the query layer: the rate limit is tested elsewhere. */
async function addPost(threadId: number, authorId: number, parentId: number | null, body: string, anonymity: "none" | "anonymous" = "none"): Promise<number> {
  return (await q.insertPost({ threadId, parentId, authorId, bodyMd: body, bodyHtml: `<p>${body}</p>`, anonymity }, () => {})).postId;
}
let A: User, B: User, outsider: User, otherLearner: User, staff: User;
let threadId: number;
let anonThreadId: number;
let postId: number;

beforeAll(async () => {
  c = await course();
  other = await course();
  [A, B, outsider, otherLearner, staff] = await Promise.all(["ra", "rb", "rout", "roth", "rstaff"].map((p) => createTestUser(p)));
  for (const u of [A, B]) await enrollUser({ userId: u.id, courseId: c.courseId, actorId: null });
  await enrollUser({ userId: otherLearner.id, courseId: other.courseId, actorId: null });
  await grantRole({ userId: staff.id, courseId: c.courseId, role: "staff" });
  session.user = A;
  const t = await createThreadAction({ courseKey: c.courseKey, topicId: "inline-1", kind: "question", title: "A's question", body: "Body **A**", anonymity: "none" });
  if (!t.ok) throw new Error(t.message);
  threadId = t.data.threadId;
  session.user = B;
  const p = await createPostAction({ courseKey: c.courseKey, threadId, body: "B answers", anonymity: "none" });
  if (!p.ok) throw new Error(p.message);
  postId = p.data.postId;
  const an = await createThreadAction({ courseKey: c.courseKey, topicId: "course", kind: "discussion", title: "Secret author", body: "x", anonymity: "anonymous" });
  if (!an.ok) throw new Error(an.message);
  anonThreadId = an.data.threadId;
});
beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

describe("forum JSON routes", () => {
  it("refuse the anonymous (401), the unenrolled and another course's learners (403), and are private", async () => {
    const routes = [
      () => get(metaGET, c.courseKey),
      () => get(listGET, c.courseKey),
      () => get(threadGET, c.courseKey, "", { threadId: String(threadId) }),
      () => get(notificationsGET, c.courseKey),
    ];
    for (const [who, status] of [[null, 401], [outsider, 403], [otherLearner, 403]] as const) {
      session.user = who;
      for (const call of routes) {
        const r = await call();
        expect(r.status).toBe(status);
        expect(r.text).not.toContain("A's question");
        expect(r.cache).toBe("private, no-store");
      }
    }
    session.user = A;
    expect((await get(listGET, "course-v1:No+Such+Course")).status).toBe(404);
  });

  it("a thread id of another course, a malformed id or a forged cursor is refused", async () => {
    session.user = otherLearner;
    expect((await get(threadGET, other.courseKey, "", { threadId: String(threadId) })).status).toBe(404);
    session.user = A;
    expect((await get(threadGET, c.courseKey, "", { threadId: "1e3" })).status).toBe(404);
    expect((await get(listGET, c.courseKey, "?cursor=forged")).status).toBe(400);
    expect((await get(listGET, c.courseKey, "?topic=no-such-topic")).status).toBe(404);
  });

  it("lists, opens and searches for a learner; the anonymous author is named to staff only", async () => {
    session.user = A;
    const list = JSON.parse((await get(listGET, c.courseKey)).text) as { threads: { id: number; title: string; author: { username: string | null } }[] };
    expect(list.threads.map((t) => t.title).sort()).toEqual(["A's question", "Secret author"]);
    const anonForA = await get(threadGET, c.courseKey, "", { threadId: String(anonThreadId) });
    expect(anonForA.text).not.toContain(B.username);
    expect(JSON.parse(anonForA.text).thread.author).toEqual({ username: null, name: "Anonymous", anonymity: "anonymous", mine: false });
    const listText = (await get(listGET, c.courseKey)).text;
    expect(listText).not.toContain(B.username);
    session.user = staff;
    expect(JSON.parse((await get(threadGET, c.courseKey, "", { threadId: String(anonThreadId) })).text).thread.author.username).toBe(B.username);
    session.user = A;
    const detail = JSON.parse((await get(threadGET, c.courseKey, "", { threadId: String(threadId) })).text);
    expect(detail.thread.bodyHtml).toBe("<p>Body <strong>A</strong></p>\n");
    expect(detail.responses).toHaveLength(1);
    expect(detail.responses[0]).toMatchObject({ canEdit: false, canDelete: false });
    expect(detail.responses[0].bodyMd).toBeUndefined(); // another's source is not sent
    const found = JSON.parse((await get(listGET, c.courseKey, "?q=answers")).text);
    expect(found.threads.map((t: { id: number }) => t.id)).toEqual([threadId]);
  });

  it("moderation routes are for moderators", async () => {
    session.user = A;
    expect((await get(reportsGET, c.courseKey)).status).toBe(403);
    expect((await get(historyGET, c.courseKey, `?thread=${threadId}`)).status).toBe(403);
    session.user = staff;
    expect((await get(reportsGET, c.courseKey)).status).toBe(200);
    expect((await get(historyGET, c.courseKey, `?thread=${threadId}`)).status).toBe(200);
    expect((await get(historyGET, c.courseKey, "?thread=x")).status).toBe(400);
  });
});

describe("the proxy answers the forum's reads itself (lib/forum/read-routes.ts)", () => {
  // a real session cookie, decoded by the proxy as by every other request (the mock above only
  // stands in for Next's request scope, which the proxy does not use)
  const cookieOf = (u: User | null) => sessionCookieOf(u);

  it("with the route handlers' status and JSON for every caller, and the API's headers; nothing passes on to Next", async () => {
    const api = `/api/lms/courses/${encodeURIComponent(c.courseKey)}/forum`;
    const reads: [string, () => ReturnType<typeof get>][] = [
      [api, () => get(metaGET, c.courseKey)],
      [`${api}/threads`, () => get(listGET, c.courseKey)],
      [`${api}/threads?q=question&sort=votes`, () => get(listGET, c.courseKey, "?q=question&sort=votes")],
      [`${api}/threads?filter=mine`, () => get(listGET, c.courseKey, "?filter=mine")],
      [`${api}/threads/${threadId}`, () => get(threadGET, c.courseKey, "", { threadId: String(threadId) })],
      [`${api}/threads/${anonThreadId}?limit=1`, () => get(threadGET, c.courseKey, "?limit=1", { threadId: String(anonThreadId) })],
      [`${api}/threads/${threadId}?after=forged`, () => get(threadGET, c.courseKey, "?after=forged", { threadId: String(threadId) })],
      [`${api}/threads/x1`, () => get(threadGET, c.courseKey, "", { threadId: "x1" })],
      [`${api}/threads/999999999`, () => get(threadGET, c.courseKey, "", { threadId: "999999999" })],
      [`${api}/threads/${threadId}?response=${postId}`, () => get(threadGET, c.courseKey, `?response=${postId}`, { threadId: String(threadId) })],
      // this course's thread asked for under another course's key
      [`/api/lms/courses/${encodeURIComponent(other.courseKey)}/forum/threads/${threadId}`, () => get(threadGET, other.courseKey, "", { threadId: String(threadId) })],
      [`${api}/notifications`, () => get(notificationsGET, c.courseKey)],
      [`/api/lms/courses/${encodeURIComponent("course-v1:No+Such+Course")}/forum/threads`, () => get(listGET, "course-v1:No+Such+Course")],
    ];
    const seen = new Set<number>();
    for (const who of [null, outsider, otherLearner, A, B, staff]) {
      const cookie = await cookieOf(who);
      for (const [path, viaRoute] of reads) {
        session.user = who;
        const expected = await viaRoute();
        session.user = null; // the proxy must know the caller from the cookie alone
        const got = await viaProxy(cookie, path);
        expect({ who: who?.username, path, status: got.status, body: JSON.parse(got.text) }).toEqual({ who: who?.username, path, status: expected.status, body: JSON.parse(expected.text) });
        expect(got.headers.get("x-middleware-next"), path).toBeNull();
        expect(got.headers.get("cache-control"), path).toBe("private, no-store");
        expect(got.headers.get("content-security-policy"), path).toBe(API_CSP);
        expect(got.headers.get("x-frame-options"), path).toBe("DENY");
        expect(got.headers.get("x-content-type-options"), path).toBe("nosniff");
        seen.add(got.status);
      }
    }
    // every outcome was compared: 200, 400, 401, 403 and 404
    expect([...seen].sort()).toEqual([200, 400, 401, 403, 404]);
    // the anonymous author stays hidden from a peer on this path too, and is named to staff
    const anon = `${api}/threads/${anonThreadId}`;
    expect((await viaProxy(await cookieOf(A), anon)).text).not.toContain(B.username);
    expect((await viaProxy(await cookieOf(staff), anon)).text).toContain(B.username);
  });

  it("refuses a forged or another secret's cookie as signed out (401), and leaves other URLs to Next", async () => {
    const api = `/api/lms/courses/${encodeURIComponent(c.courseKey)}/forum`;
    const good = await cookieOf(A);
    expect((await viaProxy(good, `${api}/threads`)).status).toBe(200);
    const forged = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect((await viaProxy(forged, `${api}/threads`)).status).toBe(401);
    const otherSecret = await sessionCookieOf(A, { secret: "another-secret-another-secret-32" });
    const refused = await viaProxy(otherSecret, `${api}/threads/${threadId}`);
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain("A's question");
    for (const path of [`${api}/reports`, `${api}/history?thread=${threadId}`, `${api}/threads/${threadId}/more`, `${api}/`, "/api/health"]) {
      expect(forumReadOf(path), path).toBeNull();
      expect((await viaProxy(good, path)).headers.get("x-middleware-next"), path).toBe("1");
    }
  });
});

describe("forum server actions", () => {
  it("refuse outsiders and other courses' learners for every write", async () => {
    for (const who of [outsider, otherLearner]) {
      session.user = who;
      const results = await Promise.all([
        createThreadAction({ courseKey: c.courseKey, topicId: "course", kind: "discussion", title: "x", body: "y", anonymity: "none" }),
        createPostAction({ courseKey: c.courseKey, threadId, body: "y", anonymity: "none" }),
        editThreadAction({ courseKey: c.courseKey, threadId, title: "x", body: "y" }),
        deletePostAction({ courseKey: c.courseKey, postId }),
      ]);
      for (const r of results) expect(r).toMatchObject({ ok: false, code: "forbidden:course" });
    }
    session.user = null;
    expect(await createPostAction({ courseKey: c.courseKey, threadId, body: "y", anonymity: "none" })).toMatchObject({ ok: false, code: "unauthorized" });
    // and through another course's key, a thread id of this course is not found
    session.user = otherLearner;
    expect(await createPostAction({ courseKey: other.courseKey, threadId, body: "y", anonymity: "none" })).toMatchObject({ ok: false, code: "not_found:thread" });
  });

  it("a learner cannot edit, delete or endorse another's post, pin, grant roles or ban", async () => {
    session.user = A;
    expect(await deletePostAction({ courseKey: c.courseKey, postId })).toMatchObject({ ok: false, code: "forbidden:post" });
    expect(await endorsePostAction({ courseKey: c.courseKey, postId, on: true })).toMatchObject({ ok: false, code: "forbidden:moderator" });
    expect(await setThreadFlagAction({ courseKey: c.courseKey, threadId, flag: "pinned", on: true })).toMatchObject({ ok: false, code: "forbidden:moderator" });
    expect(await setCommunityTAAction({ courseKey: c.courseKey, login: A.username, on: true })).toMatchObject({ ok: false, code: "forbidden:staff" });
    expect(await setForumBanAction({ courseKey: c.courseKey, login: B.username, on: true })).toMatchObject({ ok: false, code: "forbidden:staff" });
    session.user = B;
    expect(await editThreadAction({ courseKey: c.courseKey, threadId, title: "x", body: "y" })).toMatchObject({ ok: false, code: "forbidden:post" });
    expect((await q.getThread({ threadId }))!.title).toBe("A's question");
  });

  it("staff grant the community TA role (enrolled learners only) and ban; a banned user's post is refused", async () => {
    session.user = staff;
    expect(await setCommunityTAAction({ courseKey: c.courseKey, login: outsider.username, on: true })).toMatchObject({ ok: false, code: "invalid:role" });
    expect(await setCommunityTAAction({ courseKey: c.courseKey, login: A.username, on: true })).toMatchObject({ ok: true });
    expect((await q.listCommunityTAs({ courseId: c.courseId })).map((t) => t.username)).toEqual([A.username]);
    session.user = A;
    expect(await endorsePostAction({ courseKey: c.courseKey, postId, on: true })).toMatchObject({ ok: true });
    session.user = staff;
    expect(await setForumBanAction({ courseKey: c.courseKey, login: B.username, on: true, reason: "test" })).toMatchObject({ ok: true });
    session.user = B;
    expect(await createPostAction({ courseKey: c.courseKey, threadId, body: "still here?", anonymity: "none" })).toMatchObject({ ok: false, code: "forbidden:banned" });
    const log = await q.listModLog({ courseId: c.courseId });
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(["grant_community_ta", "ban"]));
  });

  it("bad input changes nothing and says why", async () => {
    session.user = A;
    const r = await createThreadAction({ courseKey: c.courseKey, topicId: "course", kind: "poll" as "question", title: "x", body: "y", anonymity: "none" });
    expect(r).toMatchObject({ ok: false, code: "invalid:input" });
    const r2 = await createThreadAction({ courseKey: c.courseKey, topicId: "course", kind: "discussion", title: "", body: "y", anonymity: "none" });
    expect(r2).toMatchObject({ ok: false, code: "invalid:title", fieldErrors: { title: expect.any(String) } });
  });
});

describe("the per-revision thread cache", () => {
  type Post = { id: number; bodyHtml: string; author: { username: string | null; name: string }; votes: number; voted: boolean; endorsed: boolean; isAnswer: boolean; bodyMd?: string };
  const open = async (id: number) => JSON.parse((await get(threadGET, c.courseKey, "", { threadId: String(id) })).text) as { responses: Post[] };
  const revisionOf = async (id: number) => (await q.getThread({ threadId: id }))!.revision;
  // their own learners: the tests above ban B
  let asker: User, poster: User;
  beforeAll(async () => {
    [asker, poster] = await enrolledLearners("rcasker", "rcposter");
  });

  it("still hides an anonymous author from a peer after a staff read warmed it, and names them to staff", async () => {
    const tid = await startThread(asker, "question", "Cache and anonymity");
    session.user = poster;
    const p = await createPostAction({ courseKey: c.courseKey, threadId: tid, body: "an anonymous answer", anonymity: "anonymous" });
    if (!p.ok) throw new Error(p.message);
    session.user = staff;
    const forStaff = await open(tid);
    expect(forStaff.responses[0].author.username).toBe(poster.username);
    expect(forStaff.responses[0].bodyMd).toBe("an anonymous answer"); // a moderator may edit it
    session.user = asker; // a peer, served from the entry the staff read filled
    const text = (await get(threadGET, c.courseKey, "", { threadId: String(tid) })).text;
    expect(text).not.toContain(poster.username);
    expect(text).not.toContain(poster.fullName);
    const forA = JSON.parse(text) as { responses: Post[] };
    expect(forA.responses[0].author).toMatchObject({ username: null, name: "Anonymous" });
    expect(forA.responses[0].bodyMd).toBeUndefined();
    session.user = poster; // the author sees their own name and source
    const forB = await open(tid);
    expect(forB.responses[0].author.username).toBe(poster.username);
    expect(forB.responses[0].bodyMd).toBe("an anonymous answer");
  });

  it("an anonymous author's own first read fills the learners' shared texts with no name in them: a peer read next sees none", async () => {
    const tid = await startThread(asker, "question", "Cache and the author's own read");
    session.user = poster;
    const p = await createPostAction({ courseKey: c.courseKey, threadId: tid, body: "my anonymous answer", anonymity: "anonymous" });
    if (!p.ok) throw new Error(p.message);
    const forPoster = await open(tid); // the first learner read of this revision: the author's
    expect(forPoster.responses[0].author).toMatchObject({ username: poster.username, mine: true });
    expect(forPoster.responses[0]).toMatchObject({ canEdit: true, canDelete: true, bodyMd: "my anonymous answer" });
    session.user = asker;
    const text = (await get(threadGET, c.courseKey, "", { threadId: String(tid) })).text;
    expect(text).not.toContain(poster.username);
    const forAsker = JSON.parse(text) as { responses: (Post & { canEdit: boolean; canDelete: boolean; author: { mine: boolean } })[] };
    expect(forAsker.responses[0].author).toEqual({ username: null, name: "Anonymous", anonymity: "anonymous", mine: false });
    expect(forAsker.responses[0]).toMatchObject({ canEdit: false, canDelete: false });
    expect(forAsker.responses[0].bodyMd).toBeUndefined();
  });

  it("every write that changes what readers see bumps the revision, so a warm entry is never served stale", async () => {
    const id = await startThread(asker, "question", "Cache freshness");
    session.user = poster;
    const p = await createPostAction({ courseKey: c.courseKey, threadId: id, body: "first text", anonymity: "none" });
    if (!p.ok) throw new Error(p.message);
    const pid = p.data.postId;
    const steps: [string, () => Promise<unknown>, (r: Post[]) => void][] = [
      ["edit", () => editPostAction({ courseKey: c.courseKey, postId: pid, body: "second text" }), (r) => expect(r[0].bodyHtml).toContain("second text")],
      ["vote", () => ((session.user = asker), voteAction({ courseKey: c.courseKey, target: "post", id: pid, on: true })), (r) => expect(r[0].votes).toBe(1)],
      ["endorse", () => ((session.user = staff), endorsePostAction({ courseKey: c.courseKey, postId: pid, on: true })), (r) => expect(r[0].endorsed).toBe(true)],
      ["answer", () => ((session.user = asker), markAnswerAction({ courseKey: c.courseKey, postId: pid, on: true })), (r) => expect(r[0].isAnswer).toBe(true)],
      ["delete", () => ((session.user = poster), deletePostAction({ courseKey: c.courseKey, postId: pid })), (r) => expect(r).toHaveLength(0)],
    ];
    for (const [what, write, check] of steps) {
      session.user = poster;
      await open(id); // warm at the current revision
      const before = await revisionOf(id);
      expect(await write(), what).toMatchObject({ ok: true });
      expect(await revisionOf(id), what).toBeGreaterThan(before);
      session.user = poster;
      check((await open(id)).responses);
    }
  });

  it("the reader's own vote comes from their own query, not from the shared entry", async () => {
    const tid = await startThread(asker, "discussion", "Cache and votes");
    session.user = poster;
    const p = await createPostAction({ courseKey: c.courseKey, threadId: tid, body: "vote for me", anonymity: "none" });
    if (!p.ok) throw new Error(p.message);
    session.user = asker;
    expect(await voteAction({ courseKey: c.courseKey, target: "post", id: p.data.postId, on: true })).toMatchObject({ ok: true });
    expect((await open(tid)).responses[0]).toMatchObject({ votes: 1, voted: true });
    session.user = poster;
    expect((await open(tid)).responses[0]).toMatchObject({ votes: 1, voted: false });
  });
});

describe("paging a thread's responses", () => {
  type Post = { id: number; parentId: number | null; author: { username: string | null; name: string; mine: boolean }; isAnswer: boolean; endorsed: boolean; bodyMd?: string; comments?: Post[] };
  type Page = { thread?: { id: number }; responses: Post[]; nextResponses: string | null; responseCount: number; firstUnreadPostId?: number | null };
  const page = async (query = "") => {
    const r = await get(threadGET, c.courseKey, query, { threadId: String(pagedId) });
    expect(r.status, r.text).toBe(200);
    return { ...(JSON.parse(r.text) as Page), text: r.text };
  };
  /** every page from the first, following `nextResponses` */
  const allPages = async (limit = "") => {
    const pages = [await page(limit ? `?limit=${limit}` : "")];
    while (pages.at(-1)!.nextResponses) pages.push(await page(`?after=${pages.at(-1)!.nextResponses}${limit ? `&limit=${limit}` : ""}`));
    return pages;
  };
  let asker: User, peer: User, reader: User;
  let pagedId: number;
  /** ids of the 30 responses in posting order */
  const r: number[] = [];
  const add = (authorId: number, parentId: number | null, body: string, anonymity: "none" | "anonymous" = "none") => addPost(pagedId, authorId, parentId, body, anonymity);

  beforeAll(async () => {
    [asker, peer, reader] = await enrolledLearners("pgasker", "pgpeer", "pgreader");
    pagedId = await startThread(asker, "question", "A long question");
    // 30 responses written straight through the query layer (the rate limit is tested elsewhere):
    // #26 anonymous, #27 the reader's own; comments on #0 (peer), #28 (the reader's) and #29 (anonymous)
    for (let i = 0; i < 30; i++) r.push(await add(i === 27 ? reader.id : peer.id, null, `response ${i}`, i === 26 ? "anonymous" : "none"));
    await add(peer.id, r[0], "comment on 0");
    await add(reader.id, r[28], "my comment on 28");
    await add(peer.id, r[29], "anonymous comment on 29", "anonymous");
    expect(await markAnswerAction({ courseKey: c.courseKey, postId: r[10], on: true })).toMatchObject({ ok: true });
    session.user = staff;
    expect(await endorsePostAction({ courseKey: c.courseKey, postId: r[20], on: true })).toMatchObject({ ok: true });
  });

  it("the first page: the thread, 25 responses (the answer, then endorsed, then posting order) with their comments, the total and a cursor", async () => {
    session.user = reader;
    const p1 = await page();
    expect(p1.thread?.id).toBe(pagedId);
    expect(p1.responseCount).toBe(30);
    const expected = [r[10], r[20], ...r.slice(0, 10), ...r.slice(11, 20), ...r.slice(21, 25)];
    expect(p1.responses.map((x) => x.id)).toEqual(expected);
    expect(p1.responses[0]).toMatchObject({ isAnswer: true });
    expect(p1.responses[1]).toMatchObject({ endorsed: true });
    expect(p1.responses.find((x) => x.id === r[0])!.comments!.map((x) => x.parentId)).toEqual([r[0]]);
    expect(typeof p1.nextResponses).toBe("string");
    expect((await page("?limit=10")).responses).toHaveLength(10);
    expect((await page("?limit=999")).responses).toHaveLength(30);
    expect((await page("?limit=0")).responses).toHaveLength(25);
  });

  it("following the cursors reaches every response and comment once; later pages carry no thread summary", async () => {
    session.user = reader;
    for (const limit of ["", "7"]) {
      const pages = await allPages(limit);
      expect(pages.length, limit).toBe(limit ? 5 : 2);
      expect(pages.slice(1).every((x) => x.thread === undefined && x.firstUnreadPostId === undefined)).toBe(true);
      expect(pages.at(-1)!.nextResponses).toBeNull();
      const ids = pages.flatMap((x) => x.responses.map((y) => y.id));
      expect(new Set(ids).size).toBe(30);
      expect(ids.sort((a, b) => a - b)).toEqual(r);
      expect(pages.flatMap((x) => x.responses.flatMap((y) => y.comments ?? [])).length).toBe(3);
    }
  });

  it("a cursor that does not decode is a 400 with a message; a thread-list cursor is not a response cursor", async () => {
    session.user = reader;
    for (const bad of ["forged", q.encodeCursor({ pinned: false, key: 1, id: 1 }), Buffer.from("[9,1]").toString("base64url")]) {
      const res = await get(threadGET, c.courseKey, `?after=${bad}`, { threadId: String(pagedId) });
      expect(res.status, bad).toBe(400);
      expect(JSON.parse(res.text).error).toMatchObject({ code: "invalid:cursor", message: expect.stringContaining("not valid") });
    }
    // the same access checks as the first page
    session.user = outsider;
    const p1 = JSON.parse((await get(threadGET, c.courseKey, "", { threadId: String(pagedId) })).text);
    expect(p1.error.code).toBe("forbidden:course");
  });

  it("on page 2 a peer still cannot see an anonymous author, staff can, and the Markdown source goes only to its author and moderators", async () => {
    session.user = staff; // warms the entry with every name
    const p1Staff = await page();
    const p2Staff = await page(`?after=${p1Staff.nextResponses}`);
    expect(p2Staff.responses.map((x) => x.id)).toEqual(r.slice(25));
    expect(p2Staff.responses.find((x) => x.id === r[26])!.author.username).toBe(peer.username);
    expect(p2Staff.responses.every((x) => x.bodyMd !== undefined)).toBe(true);

    session.user = reader;
    const p1 = await page();
    const p2 = await page(`?after=${p1.nextResponses}`);
    const anon = p2.responses.find((x) => x.id === r[26])!;
    expect(anon.author).toMatchObject({ username: null, name: "Anonymous" });
    expect(anon.bodyMd).toBeUndefined();
    const anonComment = p2.responses.find((x) => x.id === r[29])!.comments![0];
    expect(anonComment.author).toMatchObject({ username: null, name: "Anonymous" });
    // the peer's named responses are on page 2 too, so the anonymous posts' own JSON is what must not name them
    expect(JSON.stringify([anon, anonComment])).not.toContain(peer.username);
    const own = p2.responses.find((x) => x.id === r[27])!;
    expect(own).toMatchObject({ author: { mine: true }, bodyMd: "response 27" });
    const ownComment = p2.responses.find((x) => x.id === r[28])!.comments![0];
    expect(ownComment).toMatchObject({ author: { mine: true }, bodyMd: "my comment on 28" });
    expect(p2.responses.find((x) => x.id === r[28])!.bodyMd).toBeUndefined();
    expect(p2.responses.filter((x) => x.bodyMd !== undefined).map((x) => x.id)).toEqual([r[27]]);
  });

  it("firstUnreadPostId names a new response on a later page, and the last page holds it", async () => {
    session.user = reader;
    const before = await page();
    await q.markThreadRead({ userId: reader.id, threadId: pagedId, courseId: c.courseId, seq: (await q.getThread({ threadId: pagedId }))!.postSeq });
    expect((await page()).firstUnreadPostId).toBeNull();
    const fresh = await add(peer.id, null, "a new response");
    const p1 = await page();
    expect(p1.responseCount).toBe(before.responseCount + 1);
    expect(p1.firstUnreadPostId).toBe(fresh);
    expect(p1.responses.map((x) => x.id)).not.toContain(fresh);
    const pages = await allPages();
    expect(pages.at(-1)!.responses.at(-1)!.id).toBe(fresh);
  });
});

describe("a long thread", () => {
  // More posts than the 2,000 a thread used to be read with: every one of them must be reachable.
  const N = 2_050;
  let threadId: number;
  let writer: User;
  beforeAll(async () => {
    [writer] = await enrolledLearners("lgwriter");
    threadId = await startThread(writer, "discussion", "Introduce yourself", "Say hello");
    // Written straight into the tables (multi-row INSERTs), with the thread's counters and revision as insertPost keeps them.
    const db = getDb();
    for (let from = 0; from < N; from += 500) {
      const rows = Array.from({ length: Math.min(500, N - from) }, (_, i) => ({ threadId, courseId: c.courseId, parentId: null, authorId: writer.id, bodyMd: `hello ${from + i}`, bodyHtml: `<p>hello ${from + i}</p>`, anonymity: "none" as const }));
      await db.insert(forumPosts).values(rows);
    }
    await db.update(forumThreads).set({ postCount: N, postSeq: N, revision: sql`${forumThreads.revision} + 1` }).where(eq(forumThreads.id, threadId));
  });

  it("pages to its very last response", async () => {
    session.user = writer;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r = await get(threadGET, c.courseKey, `?limit=50${after ? `&after=${after}` : ""}`, { threadId: String(threadId) });
      expect(r.status, r.text).toBe(200);
      const page = JSON.parse(r.text) as { responses: { bodyHtml: string }[]; nextResponses: string | null; responseCount: number };
      expect(page.responseCount).toBe(N);
      seen.push(...page.responses.map((x) => x.bodyHtml));
      after = page.nextResponses;
      if (!after) break;
    }
    expect(seen).toHaveLength(N);
    expect(seen.at(-1)).toContain(`hello ${N - 1}`);
    const first = JSON.parse((await get(threadGET, c.courseKey, "", { threadId: String(threadId) })).text) as { thread: { full: boolean } };
    expect(first.thread.full).toBe(false);
  });

  it("a full thread refuses a new post with a message, and writes nothing", async () => {
    session.user = writer;
    const max = env().FORUM_MAX_POSTS_PER_THREAD;
    await getDb().update(forumThreads).set({ postCount: max }).where(eq(forumThreads.id, threadId));
    try {
      const before = await getDb().select({ n: sql<number>`COUNT(*)` }).from(forumPosts).where(eq(forumPosts.threadId, threadId));
      const res = await createPostAction({ courseKey: c.courseKey, threadId, body: "one more hello", anonymity: "none" });
      expect(res).toMatchObject({ ok: false, message: expect.stringContaining(`has reached ${max.toLocaleString("en-US")} posts`) });
      const after = await getDb().select({ n: sql<number>`COUNT(*)` }).from(forumPosts).where(eq(forumPosts.threadId, threadId));
      expect(Number(after[0].n)).toBe(Number(before[0].n));
      // the thread says so, and the client shows a notice instead of the reply forms
      const t = JSON.parse((await get(threadGET, c.courseKey, "", { threadId: String(threadId) })).text) as { thread: { full: boolean } };
      expect(t.thread.full).toBe(true);
    } finally {
      await getDb().update(forumThreads).set({ postCount: N }).where(eq(forumThreads.id, threadId));
    }
  });
});

describe("paging a response's comments", () => {
  type Post = { id: number; parentId: number | null; bodyHtml: string; author: { username: string | null; name: string; mine: boolean }; bodyMd?: string; comments?: Post[]; commentCount?: number; nextComments?: string | null };
  type CommentPage = { responseId: number; comments: Post[]; nextComments: string | null; commentCount: number };
  const open = async (id = cThread) => {
    const r = await get(threadGET, c.courseKey, "", { threadId: String(id) });
    expect(r.status, r.text).toBe(200);
    return JSON.parse(r.text) as { responses: Post[]; nextResponses: string | null };
  };
  const comments = async (query: string, id = cThread) => get(threadGET, c.courseKey, query, { threadId: String(id) });
  const commentPage = async (query: string) => {
    const r = await comments(query);
    expect(r.status, r.text).toBe(200);
    return { ...(JSON.parse(r.text) as CommentPage), text: r.text };
  };
  /** every comment of a response the way the client reads them: the first page with the response, then the cursors */
  const allComments = async (responseId: number, limit = "") => {
    const first = (await open()).responses.find((x) => x.id === responseId)!;
    const pages: Post[][] = [first.comments!];
    let next = first.nextComments ?? null;
    while (next) {
      const p = await commentPage(`?response=${responseId}&afterComment=${next}${limit ? `&limit=${limit}` : ""}`);
      expect(p.responseId).toBe(responseId);
      expect(p.commentCount).toBe(first.commentCount);
      pages.push(p.comments);
      next = p.nextComments;
      expect(pages.length).toBeLessThan(50);
    }
    return { first, pages };
  };
  let asker: User, peer: User, reader: User;
  let cThread: number;
  /** the response with 25 comments (ids in posting order, the deleted one left out), one with exactly 10, one with 3 */
  let big: number, ten: number, few: number;
  const bigComments: number[] = [];
  let anonComment: number, ownComment: number, deletedComment: number;
  const add = (authorId: number, parentId: number | null, body: string, anonymity: "none" | "anonymous" = "none", threadId = cThread) => addPost(threadId, authorId, parentId, body, anonymity);

  beforeAll(async () => {
    [asker, peer, reader] = await enrolledLearners("cpasker", "cppeer", "cpreader");
    cThread = await startThread(asker, "discussion", "Many comments");
    big = await add(peer.id, null, "the big response");
    ten = await add(peer.id, null, "ten comments");
    few = await add(peer.id, null, "three comments");
    // 26 comments on `big` (written straight through the query layer: the rate limit is tested
    // elsewhere), #3 deleted afterwards; #14 anonymous (on page 2), #17 the reader's own
    for (let i = 0; i < 26; i++) {
      const id = await add(i === 17 ? reader.id : peer.id, big, `comment ${i} on big`, i === 14 ? "anonymous" : "none");
      if (i === 3) deletedComment = id;
      else bigComments.push(id);
      if (i === 14) anonComment = id;
      if (i === 17) ownComment = id;
    }
    for (let i = 0; i < 10; i++) await add(peer.id, ten, `comment ${i} on ten`);
    for (let i = 0; i < 3; i++) await add(peer.id, few, `comment ${i} on few`);
    session.user = peer;
    expect(await deletePostAction({ courseKey: c.courseKey, postId: deletedComment })).toMatchObject({ ok: true });
  });

  it("the thread's page carries each response's first 10 comments (oldest first), commentCount and a cursor only when more remain", async () => {
    session.user = reader;
    const { responses } = await open();
    expect(responses.map((x) => x.id)).toEqual([big, ten, few]);
    const byId = new Map(responses.map((x) => [x.id, x]));
    const b = byId.get(big)!;
    expect(b.comments!.map((x) => x.id)).toEqual(bigComments.slice(0, 10));
    expect(b.commentCount).toBe(25); // the deleted one is not counted
    expect(typeof b.nextComments).toBe("string");
    expect(byId.get(ten)).toMatchObject({ commentCount: 10, nextComments: null });
    expect(byId.get(ten)!.comments).toHaveLength(10);
    expect(byId.get(few)).toMatchObject({ commentCount: 3, nextComments: null });
    expect(byId.get(few)!.comments!.map((x) => x.bodyHtml)).toEqual(["<p>comment 0 on few</p>", "<p>comment 1 on few</p>", "<p>comment 2 on few</p>"]);
  });

  it("?comments= sets how many comments each response carries (1..50, 10 otherwise), and the cursor goes on from there", async () => {
    session.user = reader;
    const firstOf = async (query: string) => {
      const r = await comments(query);
      expect(r.status, r.text).toBe(200);
      return (JSON.parse(r.text) as { responses: Post[] }).responses.find((x) => x.id === big)!;
    };
    expect((await firstOf("?comments=3")).comments!.map((x) => x.id)).toEqual(bigComments.slice(0, 3));
    const all = await firstOf("?comments=50");
    expect(all.comments!.map((x) => x.id)).toEqual(bigComments);
    expect(all.nextComments).toBeNull();
    for (const q of ["?comments=0", "?comments=abc", "?comments=-4"]) expect((await firstOf(q)).comments!.length, q).toBe(q === "?comments=-4" ? 1 : 10);
    expect((await firstOf("?comments=999")).comments).toHaveLength(25);
    const p12 = await firstOf("?comments=12");
    const next = await commentPage(`?response=${big}&afterComment=${p12.nextComments}`);
    expect(next.comments.map((x) => x.id)).toEqual(bigComments.slice(12, 22));
  });

  it("following the cursors yields every comment exactly once, in order; later pages hold nothing else", async () => {
    session.user = reader;
    for (const limit of ["", "7", "1"]) {
      const { pages } = await allComments(big, limit);
      const per = Number(limit) || 10;
      expect(pages.length, limit).toBe(1 + Math.ceil(15 / per));
      expect(pages.slice(1).every((p) => p.length <= per)).toBe(true);
      const ids = pages.flat().map((x) => x.id);
      expect(ids, limit).toEqual(bigComments);
      expect(pages.flat().every((x) => x.parentId === big)).toBe(true);
    }
    expect(bigComments).not.toContain(deletedComment);
    // without a cursor: the response's comments from the first
    const fromStart = await commentPage(`?response=${big}`);
    expect(fromStart.comments.map((x) => x.id)).toEqual(bigComments.slice(0, 10));
    expect(fromStart).toMatchObject({ responseId: big, commentCount: 25 });
    // the thread's JSON carries none of the later comments
    expect((await get(threadGET, c.courseKey, "", { threadId: String(cThread) })).text).not.toContain("comment 12 on big");
  });

  it("a new comment lands at the end and an old cursor reaches it", async () => {
    session.user = reader;
    const first = (await open()).responses.find((x) => x.id === big)!;
    const fresh = await add(peer.id, big, "a late comment");
    try {
      const rest = await commentPage(`?response=${big}&afterComment=${first.nextComments}&limit=50`);
      expect(rest.comments.map((x) => x.id)).toEqual([...bigComments.slice(10), fresh]);
      expect(rest).toMatchObject({ commentCount: 26, nextComments: null });
    } finally {
      session.user = peer;
      expect(await deletePostAction({ courseKey: c.courseKey, postId: fresh })).toMatchObject({ ok: true });
    }
  });

  it("a cursor that does not decode, or names another response, is a 400 with a message", async () => {
    session.user = reader;
    const first = (await open()).responses.find((x) => x.id === big)!;
    const responseCursor = (await open()).nextResponses ?? Buffer.from("[0,1]").toString("base64url");
    for (const [query, what] of [
      [`?response=${big}&afterComment=forged`, "forged"],
      [`?response=${big}&afterComment=${responseCursor}`, "a response cursor"],
      [`?response=${big}&afterComment=${q.encodeCursor({ pinned: false, key: 1, id: 1 })}`, "a thread-list cursor"],
      [`?response=${ten}&afterComment=${first.nextComments}`, "another response's cursor"],
    ]) {
      const res = await comments(query);
      expect(res.status, what).toBe(400);
      expect(JSON.parse(res.text).error, what).toMatchObject({ code: "invalid:cursor", message: expect.stringContaining("link to more comments") });
    }
    // and a comment cursor is no response cursor
    expect((await comments(`?after=${first.nextComments}`)).status).toBe(400);
  });

  it("a response not in the thread is a 404: a comment's id, a deleted response, another thread's, nonsense", async () => {
    session.user = asker;
    const other = await createThreadAction({ courseKey: c.courseKey, topicId: "course", kind: "discussion", title: "Another thread", body: "x", anonymity: "none" });
    if (!other.ok) throw new Error(other.message);
    const elsewhere = await add(peer.id, null, "elsewhere", "none", other.data.threadId);
    const gone = await add(peer.id, null, "soon deleted");
    session.user = peer;
    expect(await deletePostAction({ courseKey: c.courseKey, postId: gone })).toMatchObject({ ok: true });
    session.user = reader;
    for (const id of [String(bigComments[0]), String(gone), String(elsewhere), "x", "", "0", "99999999"]) {
      const res = await comments(`?response=${id}`);
      expect(res.status, id).toBe(404);
      expect(JSON.parse(res.text).error, id).toMatchObject({ code: "not_found:post", message: "That response does not exist." });
    }
    expect((await comments(`?response=${elsewhere}`, other.data.threadId)).status).toBe(200);
  });

  it("the thread's access checks come first: anonymous 401, unenrolled and other courses' learners 403, another course's key 404", async () => {
    for (const [who, status] of [[null, 401], [outsider, 403], [otherLearner, 403]] as const) {
      session.user = who;
      const res = await comments(`?response=${big}`);
      expect(res.status).toBe(status);
      expect(res.text).not.toContain("on big");
    }
    session.user = otherLearner;
    expect((await get(threadGET, other.courseKey, `?response=${big}`, { threadId: String(cThread) })).status).toBe(404);
  });

  it("a new comment beyond a response's first 10 is named by firstUnreadPostId, with the response that holds it", async () => {
    session.user = reader;
    await q.markThreadRead({ userId: reader.id, threadId: cThread, courseId: c.courseId, seq: (await q.getThread({ threadId: cThread }))!.postSeq });
    const read = JSON.parse((await comments("")).text) as { firstUnreadPostId: number | null; firstUnreadResponseId: number | null };
    expect(read).toMatchObject({ firstUnreadPostId: null, firstUnreadResponseId: null });
    const fresh = await add(peer.id, big, "a comment after the visit");
    try {
      const p1 = JSON.parse((await comments("")).text) as { firstUnreadPostId: number | null; firstUnreadResponseId: number | null; responses: Post[] };
      expect(p1).toMatchObject({ firstUnreadPostId: fresh, firstUnreadResponseId: big });
      expect(p1.responses.find((x) => x.id === big)!.comments!.map((x) => x.id)).not.toContain(fresh);
      const freshResponse = await add(peer.id, null, "a response after the visit");
      const p2 = JSON.parse((await comments("")).text) as { firstUnreadPostId: number | null; firstUnreadResponseId: number | null };
      expect(p2).toMatchObject({ firstUnreadPostId: fresh, firstUnreadResponseId: big }); // still the first new post
      session.user = peer;
      expect(await deletePostAction({ courseKey: c.courseKey, postId: freshResponse })).toMatchObject({ ok: true });
    } finally {
      session.user = peer;
      expect(await deletePostAction({ courseKey: c.courseKey, postId: fresh })).toMatchObject({ ok: true });
    }
  });

  it("on page 2 a peer still cannot see an anonymous author, staff can, and the Markdown source goes only to its author and moderators", async () => {
    session.user = staff; // warms the entry with every name
    const forStaff = (await allComments(big)).pages[1];
    expect(forStaff.find((x) => x.id === anonComment)!.author.username).toBe(peer.username);
    expect(forStaff.every((x) => x.bodyMd !== undefined)).toBe(true);

    session.user = reader;
    const { first, pages } = await allComments(big);
    expect(first.comments!.map((x) => x.id)).not.toContain(anonComment);
    const page2 = pages[1];
    const anon = page2.find((x) => x.id === anonComment)!;
    expect(anon.author).toEqual({ username: null, name: "Anonymous", anonymity: "anonymous", mine: false });
    expect(anon.bodyMd).toBeUndefined();
    expect(JSON.stringify(anon)).not.toContain(peer.username);
    expect(JSON.stringify(anon)).not.toContain(peer.fullName);
    const own = page2.find((x) => x.id === ownComment)!;
    expect(own).toMatchObject({ author: { mine: true, username: reader.username }, bodyMd: "comment 17 on big", canEdit: true, canDelete: true });
    expect(page2.filter((x) => x.bodyMd !== undefined).map((x) => x.id)).toEqual([ownComment]);
    expect(page2.map((x) => x.id)).not.toContain(deletedComment);

    session.user = peer; // the anonymous author sees their own name
    const forPeer = (await allComments(big)).pages[1];
    expect(forPeer.find((x) => x.id === anonComment)!.author).toMatchObject({ username: peer.username, mine: true });
  });
});

describe("the list cache (by the course forum's revision)", () => {
  type Row = { id: number; title: string; votes: number; voted: boolean; following: boolean; posts: number; author: { username: string | null } };
  const list = async (query = "") => JSON.parse((await get(listGET, c.courseKey, query)).text) as { threads: Row[] };
  let reader: User, writer: User;
  beforeAll(async () => {
    [reader, writer] = await enrolledLearners("lcreader", "lcwriter");
  });

  it("a warm first page and a warm search show a new thread, a reply, a vote and a deletion at once; the reader's parts stay theirs", async () => {
    session.user = reader;
    await list();
    await list("?q=zebrafish");
    session.user = writer;
    const t = await createThreadAction({ courseKey: c.courseKey, topicId: "course", kind: "discussion", title: "Zebrafish facts", body: "about zebrafish", anonymity: "anonymous" });
    if (!t.ok) throw new Error(t.message);
    const id = t.data.threadId;
    session.user = reader;
    const first = (await list()).threads.find((r) => r.id === id);
    expect(first).toMatchObject({ title: "Zebrafish facts", votes: 0, voted: false, following: false, posts: 0, author: { username: null } });
    expect((await list("?q=zebrafish")).threads.map((r) => r.id)).toEqual([id]);
    // staff warm the same key space (their own audience), a peer still gets no name
    session.user = staff;
    expect((await list()).threads.find((r) => r.id === id)?.author.username).toBe(writer.username);
    session.user = reader;
    expect((await get(listGET, c.courseKey)).text).not.toContain(writer.username);
    expect(await voteAction({ courseKey: c.courseKey, target: "thread", id, on: true })).toMatchObject({ ok: true });
    expect((await list()).threads.find((r) => r.id === id)).toMatchObject({ votes: 1, voted: true });
    session.user = writer; // the writer follows their own thread, has not voted
    expect((await list()).threads.find((r) => r.id === id)).toMatchObject({ votes: 1, voted: false, following: true });
    const p = await createPostAction({ courseKey: c.courseKey, threadId: id, body: "a reply", anonymity: "none" });
    if (!p.ok) throw new Error(p.message);
    session.user = reader;
    expect((await list()).threads.find((r) => r.id === id)?.posts).toBe(1);
    session.user = writer;
    expect(await deleteThreadAction({ courseKey: c.courseKey, threadId: id })).toMatchObject({ ok: true });
    session.user = reader;
    expect((await list()).threads.find((r) => r.id === id)).toBeUndefined();
    expect((await list("?q=zebrafish")).threads).toEqual([]);
  });
});
