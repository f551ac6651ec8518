// Studio's settings pages on the real MariaDB: the three actions refuse a learner, staff of
// ANOTHER course and anonymous callers (nothing changes); saved settings reach the published
// version, the catalog row and the export after Publish; a published grading change queues a
// regrade job that recomputes an enrolled learner's course grade. Only the session is stubbed.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { getContentStore } from "@/lib/content";
import { closeDb, getDb } from "@/lib/db";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { getCourseByKey, getVersion, listBlocks, listDocuments } from "@/lib/db/queries/courses";
import { getCourseGrade } from "@/lib/db/queries/grades";
import { getJob } from "@/lib/db/queries/jobs";
import { courseRoles } from "@/lib/db/schema";
import { asUser, createUser, snapshotCourse, uniq } from "@/lib/courses/test-helpers";
import { loadOlxCourse } from "@/lib/courses/export";
import { olxFiles } from "@/lib/olx";
import { submitAnswer } from "@/lib/problems";
import { updateAdvancedSettingsAction } from "@/lib/actions/studio/update-advanced-settings-action";
import { updateCourseDetailsAction } from "@/lib/actions/studio/update-course-details-action";
import { updateGradingPolicyAction } from "@/lib/actions/studio/update-grading-policy-action";
import * as svc from "@/lib/studio/service";
import { runRegradeJob, REGRADE_JOB_KIND } from "@/lib/studio/regrade";
import { courseSettingsUnpublished, getAdvancedSettings, getCourseDetails, getGradingSettings } from "@/lib/studio/settings";


const MC = (correct: number) =>
  `<problem><multiplechoiceresponse><label>Which?</label><choicegroup type="MultipleChoice">${["A", "B", "C"].map((t, i) => `<choice correct="${i === correct ? "true" : "false"}">${t}</choice>`).join("")}</choicegroup></multiplechoiceresponse></problem>`;

let owner: { id: number; username: string };
let instructor: SessionUser;
let learner: SessionUser;
let otherStaff: SessionUser;
let course: { courseId: number; courseKey: string; root: string };
let problems: string[] = [];

async function makeCourse(userId: number) {
  const org = `S${uniq()}`;
  const c = await svc.createCourse({ org, number: "ST", run: "R", displayName: "Settings", start: new Date("2020-01-01T00:00:00Z"), userId });
  return { courseId: c.courseId, courseKey: c.courseKey, root: `block-v1:${org}+ST+R+type@course+block@R` };
}

const details = (courseKey: string, patch: Record<string, unknown> = {}) => ({
  courseKey,
  start: "2026-01-10T09:00:00.000Z",
  end: "2027-06-30T17:00:00.000Z",
  enrollmentStart: "2025-12-01T00:00:00.000Z",
  enrollmentEnd: "2027-05-31T00:00:00.000Z",
  selfPaced: true,
  shortDescription: "Learn settings.",
  overview: "<section><h2>About</h2><p>All about settings.</p></section>",
  effort: "4 hours/week",
  introVideo: "https://youtu.be/dQw4w9WgXcQ",
  language: "fr",
  courseImage: "",
  ...patch,
});

const grading = (courseKey: string, passPercent: number) => ({
  courseKey,
  graders: [{ type: "Homework", shortLabel: "HW", weight: 100, minCount: 1, dropCount: 0 }],
  cutoffs: [{ name: "Pass", percent: passPercent }],
  grace: { hours: 1, minutes: 30 },
});

beforeAll(async () => {
  const o = await createUser("own", { canCreateCourses: true });
  owner = o;
  instructor = asUser(o, { canCreateCourses: true });
  course = await makeCourse(o.id);
  const other = await makeCourse(o.id);
  const w = { courseId: course.courseId, userId: o.id };
  const sec = await svc.addOutlineItem({ ...w, parentUsageKey: course.root, blockType: "chapter" });
  const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
  await svc.updateSubsectionSettings({ ...w, usageKey: sub.usageKey, start: null, due: null, format: "Homework", visibleToStaffOnly: false });
  const unit = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical" });
  const p1 = await svc.addComponent({ ...w, courseKey: course.courseKey, unitUsageKey: unit.usageKey, blockType: "problem", olx: MC(1) });
  const p2 = await svc.addComponent({ ...w, courseKey: course.courseKey, unitUsageKey: unit.usageKey, blockType: "problem", olx: MC(2) });
  problems = [p1.usageKey, p2.usageKey];
  await svc.publish(w);

  const l = await createUser("lrn");
  await enrollUser({ userId: l.id, courseId: course.courseId, actorId: l.id });
  learner = asUser(l);
  const s = await createUser("stf");
  await getDb().insert(courseRoles).values({ userId: s.id, courseId: other.courseId, role: "staff" });
  otherStaff = asUser(s);
});

beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

describe("settings actions refuse callers without a role on the course", () => {
  for (const who of ["anonymous", "learner", "staff of another course"] as const) {
    it(`${who}: refused, nothing changes`, async () => {
      session.user = who === "anonymous" ? null : who === "learner" ? learner : otherStaff;
      const before = await snapshotCourse(course.courseKey);
      const calls = [
        () => updateCourseDetailsAction(details(course.courseKey)),
        () => updateGradingPolicyAction(grading(course.courseKey, 70)),
        () => updateAdvancedSettingsAction({ courseKey: course.courseKey, edits: { max_attempts: "1" } }),
      ];
      for (const call of calls) {
        const r = await call();
        expect({ ok: r.ok, code: r.ok ? null : r.code }).toEqual({ ok: false, code: who === "anonymous" ? "unauthorized" : "forbidden:course" });
      }
      expect(await snapshotCourse(course.courseKey)).toEqual(before);
    });
  }
});

describe("invalid input changes nothing", () => {
  it("impossible dates, bad grading, bad advanced values are refused with field messages", async () => {
    session.user = instructor;
    const before = await snapshotCourse(course.courseKey);
    const r1 = await updateCourseDetailsAction(details(course.courseKey, { end: "2025-01-01T00:00:00.000Z" }));
    expect(r1).toMatchObject({ ok: false, code: "invalid:input", fieldErrors: { end: expect.stringMatching(/after the course start/) } });
    const r2 = await updateCourseDetailsAction(details(course.courseKey, { enrollmentEnd: "2028-01-01T00:00:00.000Z" }));
    expect(r2).toMatchObject({ ok: false, fieldErrors: { enrollmentEnd: expect.stringMatching(/after the course end/) } });
    const r3 = await updateCourseDetailsAction(details(course.courseKey, { introVideo: "not a video" }));
    expect(r3).toMatchObject({ ok: false, fieldErrors: { introVideo: expect.any(String) } });
    const r4 = await updateCourseDetailsAction(details(course.courseKey, { courseImage: "missing.png" }));
    expect(r4).toMatchObject({ ok: false, fieldErrors: { courseImage: expect.any(String) } });
    const g = grading(course.courseKey, 50);
    const r5 = await updateGradingPolicyAction({ ...g, graders: [{ ...g.graders[0], weight: 90 }] });
    expect(r5).toMatchObject({ ok: false, fieldErrors: { weights: expect.stringMatching(/100/) } });
    const r6 = await updateAdvancedSettingsAction({ courseKey: course.courseKey, edits: { max_attempts: "-1", showanswer: "always" } });
    expect(r6).toMatchObject({ ok: false, fieldErrors: { max_attempts: expect.any(String) } });
    const r7 = await updateAdvancedSettingsAction({ courseKey: course.courseKey, edits: { discussion_topics: "{bad json" } });
    expect(r7).toMatchObject({ ok: false, fieldErrors: { discussion_topics: expect.stringMatching(/JSON/) } });
    expect(await snapshotCourse(course.courseKey)).toEqual(before);
  });
});

describe("save, then publish", () => {
  it("schedule & details reach the published version, the courses row and the export", async () => {
    session.user = instructor;
    const w = { courseId: course.courseId, userId: owner.id };
    const img = await getContentStore().put(Buffer.from("\x89PNG fake"), { kind: "asset" });
    await svc.addDraftAsset({ ...w, file: { path: "cover.png", hash: img.hash, contentType: "image/png", size: img.size } });
    const r = await updateCourseDetailsAction(details(course.courseKey, { courseImage: "cover.png" }));
    expect(r).toMatchObject({ ok: true });
    // the draft has it; the catalog row does not yet
    const draft = await getCourseDetails({ courseId: course.courseId });
    expect(draft).toMatchObject({ start: "2026-01-10T09:00:00.000Z", selfPaced: true, introVideo: "dQw4w9WgXcQ", language: "fr", effort: "4 hours/week", courseImage: "cover.png" });
    expect((await getCourseByKey({ courseKey: course.courseKey }))!.selfPaced).toBe(false);
    expect(await courseSettingsUnpublished({ courseId: course.courseId })).toBe(true);

    await svc.publish(w);
    expect(await courseSettingsUnpublished({ courseId: course.courseId })).toBe(false);
    const row = (await getCourseByKey({ courseKey: course.courseKey }))!;
    expect(row).toMatchObject({
      start: new Date("2026-01-10T09:00:00Z"),
      end: new Date("2027-06-30T17:00:00Z"),
      enrollmentStart: new Date("2025-12-01T00:00:00Z"),
      enrollmentEnd: new Date("2027-05-31T00:00:00Z"),
      selfPaced: true,
      shortDescription: "Learn settings.",
      effort: "4 hours/week",
      courseImage: "cover.png",
    });
    const version = (await getVersion({ id: row.publishedVersionId! }))!;
    const root = (await listBlocks({ versionId: version.id })).find((b) => b.blockType === "course")!;
    expect(root.fields).toMatchObject({ start: "2026-01-10T09:00:00Z", end: "2027-06-30T17:00:00Z", self_paced: true, course_image: "cover.png", language: "fr" });
    const docs = (await listDocuments({ versionId: version.id })).map((d) => d.path).sort();
    expect(docs).toEqual(["about/effort.html", "about/overview.html", "about/short_description.html", "about/video.html"]);
    const files = olxFiles(await loadOlxCourse({ course: row, version }));
    expect(files.get("about/overview.html")?.toString()).toContain("All about settings.");
    expect(files.get("about/video.html")?.toString()).toContain("youtube.com/embed/dQw4w9WgXcQ");
    const policy = JSON.parse(files.get("policies/R/policy.json")!.toString()) as Record<string, Record<string, unknown>>;
    expect(policy["course/R"]).toMatchObject({ enrollment_start: "2025-12-01T00:00:00Z", self_paced: true, course_image: "cover.png" });
  });

  it("advanced settings flow to problems after publish; unknown keys are kept; catalog columns follow", async () => {
    session.user = instructor;
    const r = await updateAdvancedSettingsAction({ courseKey: course.courseKey, edits: { max_attempts: "2", showanswer: "never", invitation_only: "true", catalog_visibility: "about", display_name: "Settings 2" } });
    expect(r).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(["max_attempts", "showanswer"]) } });
    const page = await getAdvancedSettings({ courseId: course.courseId });
    expect(page.settings.find((s) => s.key === "max_attempts")?.text).toBe("2");
    await svc.publish({ courseId: course.courseId, userId: owner.id });
    const row = (await getCourseByKey({ courseKey: course.courseKey }))!;
    expect(row).toMatchObject({ displayName: "Settings 2", invitationOnly: true, catalogVisibility: "about" });
    const blocks = await listBlocks({ versionId: row.publishedVersionId! });
    const p = blocks.find((b) => b.usageKey === problems[0])!;
    expect(p.settings).toMatchObject({ max_attempts: 2, showanswer: "never" });
    // put it back so learners can answer below
    await updateAdvancedSettingsAction({ courseKey: course.courseKey, edits: { max_attempts: "", showanswer: "", invitation_only: "false", catalog_visibility: "both" } });
  });

  it("a cutoff change, published, re-grades an enrolled learner through the regrade job", async () => {
    session.user = instructor;
    expect(await updateGradingPolicyAction(grading(course.courseKey, 50))).toMatchObject({ ok: true });
    const w = { courseId: course.courseId, userId: owner.id };
    const first = await svc.publish(w);
    if (first.regradeJobId) await runRegradeJob({ jobId: first.regradeJobId });
    // the learner answers one of the two problems right: 50 % → Pass
    const urlName = (k: string) => k.slice(k.lastIndexOf("@") + 1);
    await submitAnswer({ userId: learner.id, courseId: course.courseId, usageKey: problems[0], answers: { [`${urlName(problems[0])}_2_1`]: "choice_1" } });
    await submitAnswer({ userId: learner.id, courseId: course.courseId, usageKey: problems[1], answers: { [`${urlName(problems[1])}_2_1`]: "choice_0" } });
    expect(await getCourseGrade({ userId: learner.id, courseId: course.courseId })).toMatchObject({ percent: 0.5, passed: true, letterGrade: "Pass" });

    expect(await updateGradingPolicyAction(grading(course.courseKey, 60))).toMatchObject({ ok: true });
    expect((await getGradingSettings({ courseId: course.courseId })).form.cutoffs).toEqual([{ name: "Pass", percent: 60 }]);
    expect(await courseSettingsUnpublished({ courseId: course.courseId })).toBe(true);
    // not yet published: the learner's grade is unchanged
    expect(await getCourseGrade({ userId: learner.id, courseId: course.courseId })).toMatchObject({ passed: true });
    const pub = await svc.publish(w);
    expect(pub.regradeJobId).not.toBeNull();
    const job = (await getJob({ id: pub.regradeJobId! }))!;
    expect(job).toMatchObject({ kind: REGRADE_JOB_KIND, status: "queued", courseKey: course.courseKey });
    await runRegradeJob({ jobId: pub.regradeJobId! });
    expect(await getJob({ id: pub.regradeJobId! })).toMatchObject({ status: "succeeded", progress: { stage: "done", done: 1, total: 1, failed: 0 } });
    expect(await getCourseGrade({ userId: learner.id, courseId: course.courseId })).toMatchObject({ percent: 0.5, passed: false, letterGrade: null, versionId: pub.versionId });
    // the grace period went to the course block as Open edX writes it
    const root = (await listBlocks({ versionId: pub.versionId })).find((b) => b.blockType === "course")!;
    expect(root.fields.graceperiod).toBe("1 hours 30 minutes");

    // publishing with nothing grade-related changed queues no job
    await svc.renameItem({ ...w, usageKey: problems[0], displayName: "Renamed" });
    expect((await svc.publish(w)).regradeJobId).toBeNull();
  });
});

