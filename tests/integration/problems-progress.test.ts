// The Progress page's data on the real MariaDB: persisted subsection/course rows, the per-type
// breakdown, a learner with no submissions, and rows refreshed after the author re-publishes.
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db";
import { getCourseGrade } from "@/lib/db/queries/grades";
import { getPublishedCourse } from "@/lib/db/queries/problems";
import { submitAnswer } from "@/lib/problems";
import { getLearnerProgress } from "@/lib/problems/progress";
import { MC, NUM, createCourse, createUser, publishNewVersion, type TestSubsection } from "./problems-helpers";

afterAll(async () => {
  await closeDb();
});

const policy = {
  GRADER: [
    { type: "Homework", short_label: "HW", min_count: 2, drop_count: 1, weight: 0.5 },
    { type: "Final Exam", short_label: "Final", min_count: 1, drop_count: 0, weight: 0.5 },
  ],
  GRADE_CUTOFFS: { A: 0.9, Pass: 0.5 },
};

const subsections: TestSubsection[] = [
  { urlName: "hw1", format: "Homework", problems: [{ urlName: "a", xml: MC() }, { urlName: "b", xml: MC() }] },
  { urlName: "hw2", format: "Homework", problems: [{ urlName: "c", xml: NUM("7") }] },
  { urlName: "final", format: "Final Exam", problems: [{ urlName: "f", xml: NUM("3"), settings: { weight: 10 } }] },
];

describe("getLearnerProgress", () => {
  it("reads persisted grades and builds the breakdown", async () => {
    const c = await createCourse({ subsections, gradingPolicy: policy });
    const course = (await getPublishedCourse({ courseId: c.courseId }))!;
    const u = await createUser();

    const empty = await getLearnerProgress({ userId: u.id, course });
    expect(empty.percent).toBe(0);
    expect(empty.updatedAt).toBeNull();
    expect(empty.subsections.map((s) => [s.earned, s.possible])).toEqual([[0, 2], [0, 1], [0, 10]]);

    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("a"), answers: { a_2_1: "choice_1" } });
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("f"), answers: { f_2_1: "3" } });
    const p = await getLearnerProgress({ userId: u.id, course });
    // HW: hw1 0.5, hw2 0 → drop 1 → 0.5 × 0.5 = 0.25; Final 1 × 0.5 = 0.5 → 0.75
    expect(p.percent).toBe(0.75);
    expect(p.letterGrade).toBe("Pass");
    expect(p.passed).toBe(true);
    const hw = p.breakdown.find((b) => b.type === "Homework")!;
    expect(hw.average).toBe(0.5);
    expect(hw.entries.map((e) => e.label)).toEqual(["HW 01", "HW 02", "HW Avg"]);
    expect(hw.entries[1].dropped).toBe(true);
    expect(p.subsections[2].problems[0]).toMatchObject({ earned: 10, possible: 10, attempted: true });
    expect(p.updatedAt).not.toBeNull();
    expect(p.stale).toBe(false);
  });

  it("refreshes rows computed under an older published version", async () => {
    const c = await createCourse({ subsections, gradingPolicy: policy });
    const u = await createUser();
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("f"), answers: { f_2_1: "3" } });
    expect((await getCourseGrade({ userId: u.id, courseId: c.courseId }))?.percent).toBe(0.5);
    // The author re-weights the final exam type to 1.0 and publishes.
    const v2 = await publishNewVersion(c, subsections, { ...policy, GRADER: [policy.GRADER[0], { ...policy.GRADER[1], weight: 1 }] });
    const course = (await getPublishedCourse({ courseId: c.courseId }))!;
    const p = await getLearnerProgress({ userId: u.id, course });
    expect(p.percent).toBe(1);
    const row = await getCourseGrade({ userId: u.id, courseId: c.courseId });
    expect(row).toMatchObject({ percent: 1, versionId: v2 });
  });
});
