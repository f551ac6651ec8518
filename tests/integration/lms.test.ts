// LMS integration on the real MariaDB: release dates and staff-only content hidden from learners
// (outline and direct URL lookups), enrollment idempotency and history, and server actions that
// refuse (and log) tampered ids. The session is the only thing stubbed: actions run as a chosen user.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (n: string) => (session.cookies.has(n) ? { name: n, value: session.cookies.get(n)! } : undefined),
    set: (n: string, v: string) => void session.cookies.set(n, v),
    delete: (n: string) => void session.cookies.delete(n),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { and, eq } from "drizzle-orm";
import { closeDb, getDb } from "@/lib/db";
import { completions, courseInvitations, enrollmentHistory } from "@/lib/db/schema";
import { getLearnerView, getVersionData } from "@/lib/db/queries/courseware";
import { enrollUser, getEnrollment, listEnrollmentHistory, unenrollUser } from "@/lib/db/queries/enrollments";
import { listCatalogCourses } from "@/lib/db/queries/catalog";
import { findUnit } from "@/lib/lms/outline";
import { enrollCourseAction } from "@/lib/actions/lms/enroll-course-action";
import { recordUnitViewAction } from "@/lib/actions/lms/record-unit-view-action";
import { toggleBookmarkAction } from "@/lib/actions/lms/toggle-bookmark-action";
import { loadCourseContext } from "@/lib/lms/course-context";
import { createTestCourse, createTestUser, grantRole } from "./lms-helpers";

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
              { type: "vertical", name: "unit1", children: [{ type: "html", name: "html1" }, { type: "problem", name: "prob1" }] },
              { type: "vertical", name: "secret", settings: { visible_to_staff_only: true }, children: [{ type: "html", name: "html2" }] },
            ],
          },
          { type: "sequential", name: "later_seq", settings: { start: FUTURE }, children: [{ type: "vertical", name: "later_unit", children: [] }] },
        ],
      },
      { type: "chapter", name: "future", settings: { start: FUTURE }, children: [{ type: "sequential", name: "fseq", children: [{ type: "vertical", name: "funit" }] }] },
      { type: "chapter", name: "staffsec", settings: { visible_to_staff_only: true }, children: [{ type: "sequential", name: "sseq", children: [{ type: "vertical", name: "sunit" }] }] },
    ],
  });
}

beforeEach(() => {
  session.user = null;
  session.cookies.clear();
});
afterAll(async () => {
  await closeDb();
});

describe("visibility", () => {
  it("hides unreleased and staff-only sections, subsections and units from learners in the outline and by URL", async () => {
    const c = await course();
    const version = (await getVersionData({ versionId: c.versionId }))!;
    const now = new Date();
    const learner = getLearnerView({ version, viewer: { staff: false, now } });
    expect(learner.sections.map((s) => s.node.urlName)).toEqual(["open"]);
    expect(learner.sections[0].subsections.map((s) => s.node.urlName)).toEqual(["seq1"]);
    expect(learner.units.map((u) => u.unit.urlName)).toEqual(["unit1"]);
    for (const [seq, unit] of [["seq1", "secret"], ["later_seq", "later_unit"], ["fseq", "funit"], ["sseq", "sunit"]]) expect(findUnit(learner, seq, unit)).toBeNull();
    const staff = getLearnerView({ version, viewer: { staff: true, now } });
    expect(staff.units.map((u) => u.unit.urlName)).toEqual(["unit1", "secret", "later_unit", "funit", "sunit"]);
  });

  it("staff see everything, and 'view as learner' applies the learner rules", async () => {
    const c = await course();
    const staff = await createTestUser("lmsstaff");
    await grantRole({ userId: staff.id, courseId: c.courseId, role: "staff" });
    session.user = staff;
    const asStaff = (await loadCourseContext(c.courseKey))!;
    expect(asStaff.isStaff && asStaff.canViewCourseware && asStaff.viewer.staff).toBe(true);
    session.cookies.set("atrium-view-as-learner", "1");
    const asLearner = (await loadCourseContext(c.courseKey))!;
    expect(asLearner.viewingAsLearner).toBe(true);
    expect(getLearnerView({ version: asLearner.version, viewer: asLearner.viewer }).units.map((u) => u.unit.urlName)).toEqual(["unit1"]);
  });
});

describe("enrollment", () => {
  it("is idempotent with one history row per change, also under concurrency", async () => {
    const c = await course();
    const u = await createTestUser("lmsenr");
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id })));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect((await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id })).changed).toBe(false);
    expect((await unenrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id })).changed).toBe(true);
    expect((await unenrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id })).changed).toBe(false);
    expect((await getEnrollment({ userId: u.id, courseId: c.courseId }))?.isActive).toBe(false);
    expect((await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id })).changed).toBe(true);
    expect((await listEnrollmentHistory({ userId: u.id, courseId: c.courseId })).map((h) => h.action)).toEqual(["enroll", "unenroll", "enroll"]);
  });

  it("the enroll action respects the enrollment window and invitation-only; staff bypass the window", async () => {
    const closed = await createTestCourse({ sections: [], course: { enrollmentEnd: new Date("2021-01-01T00:00:00Z") } });
    const invite = await createTestCourse({ sections: [], course: { invitationOnly: true } });
    const u = await createTestUser("lmsact");
    session.user = u;
    const r1 = await enrollCourseAction({ courseKey: closed.courseKey });
    expect(r1).toMatchObject({ ok: false, code: "forbidden:closed" });
    const r2 = await enrollCourseAction({ courseKey: invite.courseKey });
    expect(r2).toMatchObject({ ok: false, code: "forbidden:invitation_only" });
    expect(await getEnrollment({ userId: u.id, courseId: invite.courseId })).toBeNull();
    await getDb().insert(courseInvitations).values({ courseId: invite.courseId, emailNormalized: u.email });
    expect(await enrollCourseAction({ courseKey: invite.courseKey })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await enrollCourseAction({ courseKey: invite.courseKey })).toMatchObject({ ok: true, data: { changed: false } });
    const rows = await getDb().select().from(enrollmentHistory).where(and(eq(enrollmentHistory.userId, u.id), eq(enrollmentHistory.courseId, invite.courseId)));
    expect(rows).toHaveLength(1);
    const staff = await createTestUser("lmsactstaff");
    await grantRole({ userId: staff.id, courseId: closed.courseId, role: "instructor" });
    session.user = staff;
    expect(await enrollCourseAction({ courseKey: closed.courseKey })).toMatchObject({ ok: true });
    expect(await enrollCourseAction({ courseKey: "course-v1:No+Such+Course" })).toMatchObject({ ok: false, code: "not_found:course" });
  });
});

describe("actions refuse tampered ids", () => {
  it("record-view and bookmark refuse hidden/unknown units and other courses, and log them", async () => {
    const c = await course();
    const other = await course();
    const u = await createTestUser("lmstamper");
    await enrollUser({ userId: u.id, courseId: c.courseId, actorId: u.id });
    session.user = u;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const unitKey of [c.key("vertical", "secret"), c.key("vertical", "funit"), c.key("vertical", "nope"), other.key("vertical", "unit1"), "'; drop table users; --"]) {
      expect(await recordUnitViewAction({ courseKey: c.courseKey, unitKey })).toMatchObject({ ok: false, code: "not_found:block" });
      expect(await toggleBookmarkAction({ courseKey: c.courseKey, unitKey, bookmarked: true })).toMatchObject({ ok: false, code: "not_found:block" });
    }
    // Not enrolled in the other course.
    expect(await recordUnitViewAction({ courseKey: other.courseKey, unitKey: other.key("vertical", "unit1") })).toMatchObject({ ok: false, code: "forbidden:course" });
    expect(await recordUnitViewAction({ courseKey: 42 as unknown as string, unitKey: "x" })).toMatchObject({ ok: false, code: "invalid:input" });
    expect(warn.mock.calls.length).toBeGreaterThanOrEqual(11);
    expect(String(warn.mock.calls[0][0])).toContain(`user ${u.id}`);
    warn.mockRestore();
    const rows = await getDb().select().from(completions).where(eq(completions.userId, u.id));
    expect(rows).toHaveLength(0);
    // The real unit: html complete (problem waits for an answer), Resume remembered; idempotent.
    expect(await recordUnitViewAction({ courseKey: c.courseKey, unitKey: c.key("vertical", "unit1") })).toMatchObject({ ok: true, data: { completed: 1, added: 1 } });
    expect(await recordUnitViewAction({ courseKey: c.courseKey, unitKey: c.key("vertical", "unit1") })).toMatchObject({ ok: true, data: { added: 0 } });
    expect((await getDb().select().from(completions).where(eq(completions.userId, u.id))).map((r) => r.usageKey)).toEqual([c.key("html", "html1")]);
    expect((await getEnrollment({ userId: u.id, courseId: c.courseId }))?.lastUnitKey).toBe(c.key("vertical", "unit1"));
    // Anonymous callers are refused before anything else.
    session.user = null;
    expect(await recordUnitViewAction({ courseKey: c.courseKey, unitKey: c.key("vertical", "unit1") })).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

describe("catalog", () => {
  it("searches every word over name/org/number and filters by status", async () => {
    const c = await createTestCourse({ sections: [], course: { displayName: "Zymurgy for Brewers", shortDescription: "Yeast and wort", end: new Date("2021-01-01T00:00:00Z") } });
    const hidden = await createTestCourse({ sections: [], course: { displayName: "Zymurgy Hidden", catalogVisibility: "none" } });
    const found = await listCatalogCourses({ q: "zymurgy yeast" });
    expect(found.cards.map((x) => x.courseKey)).toEqual([c.courseKey]);
    expect((await listCatalogCourses({ q: "Zymurgy", status: "archived" })).cards.map((x) => x.courseKey)).toEqual([c.courseKey]);
    expect((await listCatalogCourses({ q: "Zymurgy", status: "open" })).cards).toHaveLength(0);
    expect((await listCatalogCourses({ q: "100%_" })).total).toBe(0);
    expect((await listCatalogCourses({ q: hidden.courseKey })).total).toBe(0);
  });
});
