// The learner-state JSON route (GET /api/lms/courses/<key>/state) on the real MariaDB: it is the
// only per-learner data the courseware pages leave to the client, so it must give nothing to
// the anonymous or the unenrolled, and never name a staff-only or unreleased block to a learner
// (not even one they bookmarked or completed while it was visible), nor a score of one. And a publish (a pointer
// swap to a new version) is what the very next request sees. The session is the only stub.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null, viewAsLearner: false }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (name === "atrium-view-as-learner" && session.viewAsLearner ? { name, value: "1" } : undefined) }) }));

import { eq } from "drizzle-orm";
import { API_CSP } from "@/lib/security-headers";
import { GET as meGET } from "@/app/api/me/route";
import { closeDb, getDb } from "@/lib/db";
import { courseBlocks, courseVersions, courses, problemStates } from "@/lib/db/schema";
import { addBookmark } from "@/lib/db/queries/bookmarks";
import { markCompleted } from "@/lib/db/queries/completion";
import { getLearnerView, getRenderedUpdates, getVersionData, lmsCacheBytes, LMS_CACHE_BUDGET_BYTES, LMS_CACHE_BUDGETS, type VersionData } from "@/lib/db/queries/courseware";
import { getContentStore } from "@/lib/content";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { saveSubsectionGrades } from "@/lib/db/queries/grades";
import { findUnit } from "@/lib/lms/outline";
import { loadCourseContext } from "@/lib/lms/course-context";
import { GET } from "@/app/api/lms/courses/[courseKey]/state/route";
import { createTestCourse, createTestUser, grantRole } from "./lms-helpers";
import { sessionCookieOf, viaProxy } from "./proxy-helpers";

const FUTURE = "2999-01-01T00:00:00Z";

async function course() {
  return createTestCourse({
    sections: [
      {
        type: "chapter",
        name: "open",
        children: [
          {
            type: "sequential",
            name: "seq1",
            children: [
              { type: "vertical", name: "unit1", children: [{ type: "html", name: "html1" }] },
              { type: "vertical", name: "secret", settings: { visible_to_staff_only: true }, children: [{ type: "html", name: "secret_html" }] },
            ],
          },
          { type: "sequential", name: "later_seq", settings: { start: FUTURE }, children: [{ type: "vertical", name: "later_unit", children: [{ type: "html", name: "later_html" }] }] },
        ],
      },
    ],
  });
}

const call = async (courseKey: string, query = "") => {
  const res = await GET(new Request(`http://x/api${query}`), { params: Promise.resolve({ courseKey: encodeURIComponent(courseKey) }) });
  return { status: res.status, text: await res.text(), cache: res.headers.get("cache-control") };
};

beforeEach(() => {
  session.user = null;
  session.viewAsLearner = false;
});
afterAll(async () => {
  await closeDb();
});

describe("GET /api/lms/courses/<key>/state", () => {
  it("gives the anonymous (401) and the unenrolled (403) nothing but an error, and 404 for an unknown course", async () => {
    const c = await course();
    const anon = await call(c.courseKey);
    expect(anon.status).toBe(401);
    session.user = await createTestUser("st_unenrolled");
    // Even with marks left from an earlier enrollment, none of them is returned.
    await markCompleted({ userId: session.user.id, courseId: c.courseId, usageKeys: [c.key("html", "html1")] });
    const out = await call(c.courseKey);
    expect(out.status).toBe(403);
    for (const r of [anon, out]) {
      expect(r.text).not.toContain("block-v1:");
      expect(JSON.parse(r.text)).toEqual({ error: expect.objectContaining({ code: expect.any(String) }) });
    }
    expect((await call("course-v1:Nope+X+Y")).status).toBe(404);
  });

  it("returns a learner's own marks, bookmarks and resume point, but never a staff-only or unreleased block's key", async () => {
    const c = await course();
    const u = await createTestUser("st_learner");
    await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id });
    const hidden = [c.key("vertical", "secret"), c.key("html", "secret_html"), c.key("vertical", "later_unit"), c.key("html", "later_html")];
    await markCompleted({ userId: u.id, courseId: c.courseId, usageKeys: [c.key("html", "html1"), ...hidden] });
    for (const k of [c.key("vertical", "unit1"), c.key("vertical", "secret"), c.key("vertical", "later_unit")]) await addBookmark({ userId: u.id, courseId: c.courseId, usageKey: k });
    session.user = u;
    const r = await call(c.courseKey);
    expect(r.status).toBe(200);
    expect(r.cache).toContain("private");
    const body = JSON.parse(r.text) as { completed: string[]; bookmarks: string[]; enrolled: boolean; isStaff: boolean };
    expect(body.enrolled).toBe(true);
    expect(body.isStaff).toBe(false);
    expect(body.completed).toEqual([c.key("html", "html1")]);
    expect(body.bookmarks).toEqual([c.key("vertical", "unit1")]);
    for (const k of hidden) expect(r.text).not.toContain(k);

    // Staff of the course see their staff-only bookmark.
    const staff = await createTestUser("st_staff");
    await grantRole({ userId: staff.id, courseId: c.courseId, role: "staff" });
    await addBookmark({ userId: staff.id, courseId: c.courseId, usageKey: c.key("vertical", "secret") });
    session.user = staff;
    const s = JSON.parse((await call(c.courseKey)).text) as { bookmarks: string[]; isStaff: boolean };
    expect(s.isStaff).toBe(true);
    expect(s.bookmarks).toEqual([c.key("vertical", "secret")]);
  });

  it("adds the course home's parts only when asked (?home=1): scores, complete blocks, progress, visible blocks only", async () => {
    const c = await course();
    const u = await createTestUser("st_scores");
    await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id });
    const grade = (name: string, earned: number) => ({ usageKey: c.key("sequential", name), assignmentType: "Homework", graded: true, earned, possible: 2 });
    await saveSubsectionGrades({ userId: u.id, courseId: c.courseId, versionId: c.versionId, rows: [grade("seq1", 1.5), grade("later_seq", 2)], db: getDb() });
    session.user = u;

    const plain = await call(c.courseKey);
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text)).not.toHaveProperty("home");
    type Home = { scores: Record<string, { earned: number; possible: number }>; complete: string[]; percent: number; resumeHref: string | null };
    const r = await call(c.courseKey, "?home=1");
    expect(r.status).toBe(200);
    expect(r.cache).toContain("private");
    const body = JSON.parse(r.text) as { home: Home; completed: string[] };
    expect(body.home).toEqual({ scores: { [c.key("sequential", "seq1")]: { earned: 1.5, possible: 2 } }, complete: [], percent: 0, resumeHref: null });
    expect(r.text).not.toContain(c.key("sequential", "later_seq"));

    // The only visible component done: its unit, subsection and section are complete (the staff-only unit and
    // the unreleased subsection do not count for a learner), and progress is 100 %.
    await markCompleted({ userId: u.id, courseId: c.courseId, usageKeys: [c.key("html", "html1"), c.key("html", "later_html")] });
    const done = (JSON.parse((await call(c.courseKey, "?home=1")).text) as { home: Home }).home;
    expect(done.complete.sort()).toEqual([c.key("chapter", "open"), c.key("sequential", "seq1"), c.key("vertical", "unit1")].sort());
    expect(done.percent).toBe(100);

    // Another learner sees only their own (none), and the unenrolled get nothing at all.
    session.user = await createTestUser("st_scores_other");
    await enrollUser({ userId: session.user.id, courseId: c.courseId, actorId: session.user.id });
    const other = (JSON.parse((await call(c.courseKey, "?home=1")).text) as { home: Home }).home;
    expect(other.scores).toEqual({});
    expect(other.complete).toEqual([]);
    session.user = await createTestUser("st_scores_out");
    const out = await call(c.courseKey, "?home=1");
    expect(out.status).toBe(403);
    expect(out.text).not.toContain("block-v1:");
  });

  it("adds one unit's problems only when asked (?unit=): the caller's own answers and attempts, visible problems only", async () => {
    const c = await createTestCourse({
      sections: [
        {
          type: "chapter",
          name: "ch",
          children: [
            {
              type: "sequential",
              name: "hw",
              children: [
                {
                  type: "vertical",
                  name: "qunit",
                  children: [
                    { type: "problem", name: "q1", settings: { max_attempts: 2, showanswer: "attempted" } },
                    { type: "problem", name: "q_staff", settings: { visible_to_staff_only: true } },
                  ],
                },
                { type: "vertical", name: "staff_unit", settings: { visible_to_staff_only: true }, children: [{ type: "problem", name: "q_hidden" }] },
              ],
            },
          ],
        },
      ],
    });
    const [a, b] = [await createTestUser("st_qa"), await createTestUser("st_qb")];
    for (const u of [a, b]) await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id });
    const q1 = c.key("problem", "q1");
    await getDb()
      .insert(problemStates)
      .values([q1, c.key("problem", "q_staff"), c.key("problem", "q_hidden")].map((usageKey) => ({ userId: a.id, courseId: c.courseId, usageKey, seed: 7, attempts: 1, done: true, answers: { q1_2_1: "zebra" }, correctness: { q1_2_1: "incorrect" }, earned: 0, possible: 1, lastSubmittedAt: new Date() })));
    // A completed its unit's one visible problem: the sequence bar's ✓ for that unit (the staff-only one does not count).
    await markCompleted({ userId: a.id, courseId: c.courseId, usageKeys: [q1] });
    const unitQuery = `?unit=${encodeURIComponent(c.key("vertical", "qunit"))}`;
    type Unit = { key: string; canSubmit: boolean; completeUnits: string[]; problems: Record<string, { answers: Record<string, string>; attempts: number; correctness: Record<string, string>; earned: number | null; possible: number | null; canReset: boolean; answerAvailable: boolean; closed: boolean }> };

    session.user = a;
    expect(JSON.parse((await call(c.courseKey)).text)).not.toHaveProperty("unit");
    const ra = await call(c.courseKey, unitQuery);
    expect(ra.status).toBe(200);
    expect(ra.cache).toContain("no-store");
    const ua = (JSON.parse(ra.text) as { unit: Unit }).unit;
    expect(ua.key).toBe(c.key("vertical", "qunit"));
    expect(ua.canSubmit).toBe(true);
    expect(ua.completeUnits).toEqual(["qunit"]);
    expect(Object.keys(ua.problems)).toEqual([q1]);
    expect(ua.problems[q1]).toMatchObject({ answers: { q1_2_1: "zebra" }, correctness: { q1_2_1: "incorrect" }, attempts: 1, earned: 0, possible: 1, closed: false, answerAvailable: true });
    // Staff-only problems and units are not named, not even with their stored state.
    expect(ra.text).not.toContain("q_staff");
    expect(ra.text).not.toContain("q_hidden");
    expect((await call(c.courseKey, `?unit=${encodeURIComponent(c.key("vertical", "staff_unit"))}`)).status).toBe(404);
    expect((await call(c.courseKey, `?unit=${encodeURIComponent("block-v1:Nope+X+Y+type@vertical+block@x")}`)).status).toBe(404);

    // Another learner gets their own (empty) state of the same unit, never A's answers.
    session.user = b;
    const rb = await call(c.courseKey, unitQuery);
    const ub = (JSON.parse(rb.text) as { unit: Unit }).unit;
    expect(ub.problems[q1]).toMatchObject({ answers: {}, correctness: {}, attempts: 0, earned: null, possible: null, answerAvailable: false });
    expect(rb.text).not.toContain("zebra");
    expect(ub.completeUnits).toEqual([]);

    // Staff of the course see the staff-only problem of the unit.
    const staff = await createTestUser("st_qstaff");
    await grantRole({ userId: staff.id, courseId: c.courseId, role: "staff" });
    session.user = staff;
    const us = (JSON.parse((await call(c.courseKey, unitQuery)).text) as { unit: Unit }).unit;
    expect(Object.keys(us.problems).sort()).toEqual([q1, c.key("problem", "q_staff")].sort());
    expect(us.completeUnits).toEqual([]);
  });

  it("a publish is what the next request sees (the version id is read per request; content is cached per version)", async () => {
    const c = await course();
    const u = await createTestUser("st_publish");
    await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id });
    session.user = u;
    const before = (await loadCourseContext(c.courseKey))!;
    expect(before.version.versionId).toBe(c.versionId);
    expect(findUnit(getLearnerView({ version: before.version, viewer: before.viewer }), "seq1", "unit2")).toBeNull();

    // A new version with one more unit, then the pointer swap a publish does.
    const db = getDb();
    const [v] = await db.insert(courseVersions).values({ courseId: c.courseId, source: "import", rootUsageKey: c.key("course", "R1") });
    const rows = await db.select().from(courseBlocks).where(eq(courseBlocks.versionId, c.versionId));
    await db.insert(courseBlocks).values([
      ...rows.map(({ id: _id, ...r }) => ({ ...r, versionId: v.insertId })),
      { versionId: v.insertId, usageKey: c.key("vertical", "unit2"), blockType: "vertical", urlName: "unit2", parentUsageKey: c.key("sequential", "seq1"), position: 9, depth: 3, displayName: "unit2", settings: { start: "2020-01-01T00:00:00Z" }, fields: {} },
    ]);
    await db.update(courses).set({ publishedVersionId: v.insertId }).where(eq(courses.id, c.courseId));

    const after = (await loadCourseContext(c.courseKey))!;
    expect(after.version.versionId).toBe(v.insertId);
    expect(findUnit(getLearnerView({ version: after.version, viewer: after.viewer }), "seq1", "unit2")).not.toBeNull();
  });
});

describe("proxy.ts answers the learner's state and /api/me itself (lib/proxy-reads.ts)", () => {
  // a real session cookie, decoded by the proxy (the session mock above stands in for Next's
  // request scope only, which the proxy does not use)
  const cookieOf = (u: { id: number; sid: string } | null, viewAsLearner = false) => sessionCookieOf(u, { viewAsLearner });

  it("with the route handlers' status and JSON for every caller and query, and the API's headers; nothing passes on to Next", async () => {
    const c = await course();
    const [learner, outsider, staff] = [await createTestUser("px_learner"), await createTestUser("px_out"), await createTestUser("px_staff")];
    await enrollUser({ userId: learner.id, courseId: c.courseId, actorId: learner.id });
    await grantRole({ userId: staff.id, courseId: c.courseId, role: "staff" });
    await markCompleted({ userId: learner.id, courseId: c.courseId, usageKeys: [c.key("html", "html1"), c.key("html", "secret_html")] });
    for (const u of [learner, staff]) await addBookmark({ userId: u.id, courseId: c.courseId, usageKey: c.key("vertical", "secret") });
    await saveSubsectionGrades({ userId: learner.id, courseId: c.courseId, versionId: c.versionId, rows: [{ usageKey: c.key("sequential", "seq1"), assignmentType: "Homework", graded: true, earned: 1, possible: 2 }], db: getDb() });
    const api = `/api/lms/courses/${encodeURIComponent(c.courseKey)}/state`;
    const queries = ["", "?home=1", `?unit=${encodeURIComponent(c.key("vertical", "unit1"))}`, `?unit=${encodeURIComponent(c.key("vertical", "secret"))}&home=1`, "?unit=nonsense"];
    const seen = new Set<number>();
    const callers: [string, SessionUser | null, boolean][] = [["anonymous", null, false], ["outsider", outsider, false], ["learner", learner, false], ["staff", staff, false], ["staff as learner", staff, true]];
    for (const [who, user, viewAsLearner] of callers) {
      const cookie = await cookieOf(user as (SessionUser & { sid: string }) | null, viewAsLearner);
      const reads: [string, () => Promise<Response>][] = [
        ...queries.map((q): [string, () => Promise<Response>] => [`${api}${q}`, () => GET(new Request(`http://x/api${q}`), { params: Promise.resolve({ courseKey: encodeURIComponent(c.courseKey) }) })]),
        [`/api/lms/courses/${encodeURIComponent("course-v1:Nope+X+Y")}/state`, () => GET(new Request("http://x/api"), { params: Promise.resolve({ courseKey: encodeURIComponent("course-v1:Nope+X+Y") }) })],
        ["/api/me", () => meGET()],
      ];
      for (const [path, viaRoute] of reads) {
        session.user = user;
        session.viewAsLearner = viewAsLearner;
        const expected = await viaRoute();
        session.user = null; // the proxy must know the caller from the cookies alone
        session.viewAsLearner = false;
        const got = await viaProxy(cookie, path);
        expect({ who, path, status: got.status, body: JSON.parse(got.text) }).toEqual({ who, path, status: expected.status, body: JSON.parse(await expected.text()) });
        expect(got.headers.get("x-middleware-next"), path).toBeNull();
        expect(got.headers.get("cache-control"), path).toBe("private, no-store");
        expect(got.headers.get("content-security-policy"), path).toBe(API_CSP);
        expect(got.headers.get("x-frame-options"), path).toBe("DENY");
        seen.add(got.status);
      }
    }
    expect([...seen].sort()).toEqual([200, 401, 403, 404]);
    // the staff-only bookmark: staff see it, the learner and staff viewing as a learner do not
    const bookmarks = async (cookie: string) => (JSON.parse((await viaProxy(cookie, api)).text) as { bookmarks: string[] }).bookmarks;
    expect(await bookmarks(await cookieOf(staff))).toEqual([c.key("vertical", "secret")]);
    expect(await bookmarks(await cookieOf(staff, true))).toEqual([]);
    expect(await bookmarks(await cookieOf(learner))).toEqual([]);
    // /api/me names the cookie's user, and nobody for a forged cookie
    expect(JSON.parse((await viaProxy(await cookieOf(learner), "/api/me")).text).user.username).toBe(learner.username);
    const forged = (await cookieOf(learner)).slice(0, -3) + "xyz";
    expect(JSON.parse((await viaProxy(forged, "/api/me")).text)).toEqual({ user: null, showStudio: false });
    expect((await viaProxy(forged, api)).status).toBe(401);
    // HEADs, other methods and other API URLs go on to Next
    for (const path of [`${api}/more`, "/api/me/x", "/api/health", "/api/mex"]) expect((await viaProxy(await cookieOf(learner), path)).headers.get("x-middleware-next"), path).toBe("1");
  });
});

describe("per-version caches", () => {
  it("course updates are sanitized once per version and served from the cache afterwards", async () => {
    const c = await course();
    const version = (await getVersionData({ versionId: c.versionId }))!;
    const items = JSON.stringify([{ id: 1, date: "May 1", content: '<p onclick="x()">Hello <script>alert(1)</script>world</p>' }, { id: 2, status: "deleted", content: "<p>gone</p>" }]);
    const { hash } = await getContentStore().put(items);
    const withUpdates: VersionData = { ...version, documents: new Map([["info/updates.items.json", hash]]) };
    const first = await getRenderedUpdates({ version: withUpdates, courseKey: c.courseKey });
    expect(first).toHaveLength(1);
    expect(first![0].html).toContain("Hello");
    expect(first![0].html).not.toMatch(/onclick|<script/);
    // The second request reuses the sanitized result (same array), no re-sanitizing.
    expect(await getRenderedUpdates({ version: withUpdates, courseKey: c.courseKey })).toBe(first);
  });

  it("every cache has a byte budget, and the stated total is their sum", async () => {
    const c = await course();
    await getVersionData({ versionId: c.versionId });
    await new Promise((r) => setTimeout(r, 0));
    const used = lmsCacheBytes();
    expect(Object.keys(used).sort()).toEqual(Object.keys(LMS_CACHE_BUDGETS).sort());
    expect(used.versions).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(used)) expect(v, k).toBeLessThanOrEqual(LMS_CACHE_BUDGETS[k as keyof typeof LMS_CACHE_BUDGETS]);
    expect(LMS_CACHE_BUDGET_BYTES).toBe(Object.values(LMS_CACHE_BUDGETS).reduce((a, b) => a + b, 0));
  });
});
