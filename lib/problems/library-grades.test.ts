// Grading counts only the library problems the learner was given (issue 11 item 3): the learner's
// pick (persisted or the stable hash) decides, and the other children of the library are left out.
import { describe, expect, it } from "vitest";
import { libraryChoiceKey } from "@/lib/lms/learner-content";
import { computeLearnerGrades, libraryPicks } from "./learner-grades";
import type { CourseStructure, GradedProblem } from "./structure";

const LIB = "block-v1:O+C+R+type@library_content+block@lib";
const q = (n: number) => `block-v1:O+C+R+type@problem+block@q${n}`;
const problem = (n: number): GradedProblem => ({ usageKey: q(n), urlName: `q${n}`, displayName: `Q${n}`, weight: null, graded: true, maxScore: 1, unsupportedReason: null, library: { key: LIB, child: q(n) } });

function structure(): CourseStructure {
  const problems = [0, 1, 2, 3, 4].map(problem);
  return {
    versionId: 1,
    subsections: [{ usageKey: "seq", displayName: "HW", chapterKey: null, chapterName: null, format: "Homework", graded: true, due: null, problems }],
    problems: new Map(problems.map((p) => [p.usageKey, { ...p, subsectionKey: "seq", definitionHash: null }])),
    libraries: new Map([[LIB, { children: problems.map((p) => p.usageKey), maxCount: "2", mode: undefined }]]),
  };
}
const policy = { GRADER: [{ type: "Homework", min_count: 1, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: { Pass: 0.5 } };

describe("library problems in a learner's grade", () => {
  it("counts exactly the learner's persisted pick", () => {
    const learner = { userId: 5, choices: new Map([[libraryChoiceKey(LIB), [q(1), q(3)]]]) };
    const states = [q(1), q(3), q(4)].map((usageKey) => ({ usageKey, earned: 1, possible: 1, done: true, attempts: 1 }));
    const { subsections, course } = computeLearnerGrades({ structure: structure(), states, gradingPolicy: policy, learner });
    expect(subsections[0].problems.map((p) => p.usageKey)).toEqual([q(1), q(3)]);
    expect(subsections[0]).toMatchObject({ earned: 2, possible: 2 });
    expect(course.percent).toBe(1);
  });

  it("without a persisted pick uses the same stable hash the unit page shows; without a learner the first max_count", () => {
    const picks = libraryPicks(structure(), { userId: 5, choices: new Map() });
    expect(picks.get(LIB)!.size).toBe(2);
    expect(libraryPicks(structure(), { userId: 5, choices: new Map() }).get(LIB)).toEqual(picks.get(LIB));
    expect([...libraryPicks(structure()).get(LIB)!]).toEqual([q(0), q(1)]);
    const { subsections } = computeLearnerGrades({ structure: structure(), states: [], gradingPolicy: policy, learner: { userId: 5, choices: new Map() } });
    expect(subsections[0].possible).toBe(2);
    expect(new Set(subsections[0].problems.map((p) => p.usageKey))).toEqual(picks.get(LIB));
  });
});
