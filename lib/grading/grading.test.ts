import { describe, expect, it } from "vitest";
import {
  DEFAULT_GRADING_POLICY,
  gradeCourse,
  letterGradeFor,
  parseGradingPolicy,
  passedFor,
  roundAwayFromZero,
  roundHalfEven,
  subsectionPercent,
  weightedScore,
  parseWeight,
  type GradingPolicy,
  type SubsectionScore,
} from "./index";

const one = (type: string, min: number, drop: number, weight: number, extra: Record<string, unknown> = {}): GradingPolicy => ({
  GRADER: [{ type, min_count: min, drop_count: drop, weight, ...extra }],
  GRADE_CUTOFFS: { Pass: 0.5 },
});
const hw = (earned: number, possible: number, extra: Partial<SubsectionScore> = {}): SubsectionScore => ({ type: "Homework", earned, possible, graded: true, ...extra });

describe("weightedScore", () => {
  it.each([
    [1, 2, null, 1, 2],
    [1, 2, undefined, 1, 2],
    [1, 2, 10, 5, 10],
    [3, 3, 1, 1, 1],
    [0, 4, 5, 0, 5],
    [2, 0, 5, 2, 0], // no raw points: weight cannot apply
    [1, 2, 0, 0, 0], // weight 0 ⇒ possible 0 ⇒ ungraded
    [1, 3, 1, 1 / 3, 1],
    [0.5, 1, 2, 1, 2],
  ])("raw %s/%s weight %s → %s/%s", (e, p, w, we, wp) => {
    expect(weightedScore(e, p, w)).toEqual({ earned: we, possible: wp });
  });

  it("parses weight settings like a Float field", () => {
    expect(parseWeight(2)).toBe(2);
    expect(parseWeight("1.5")).toBe(1.5);
    expect(parseWeight("")).toBeNull();
    expect(parseWeight(null)).toBeNull();
    expect(parseWeight("abc")).toBeNull();
    expect(parseWeight(-1)).toBeNull();
    expect(parseWeight(0)).toBe(0);
  });
});

describe("rounding helpers", () => {
  it.each([
    [0.125, 0.12], // 12.5 → half to even → 12
    [0.135, 0.14], // 13.5 → 14 (even)
    [0.145, 0.14], // 0.145 × 100 = 14.499999999999998 in binary → 14
    [0.115, 0.12], // 11.5 → 12
    [0.105, 0.1], // 10.5 → 10
    [1 / 3, 0.33],
    [2 / 3, 0.67],
    [0.999, 1],
    [0, 0],
  ])("numpy.around(%s, 2) = %s", (x, r) => {
    expect(roundHalfEven(x, 2)).toBe(r);
  });

  it.each([
    [84.5, 85],
    [84.49, 84],
    [-0.5, -1],
    [-0.4, 0],
    [0.5, 1],
    [1.5, 2],
    [2.5, 3],
  ])("round_away_from_zero(%s) = %s", (x, r) => {
    expect(roundAwayFromZero(x)).toBe(r);
  });

  it("subsection percent is 0 without points", () => {
    expect(subsectionPercent(0, 0)).toBe(0);
    expect(subsectionPercent(3, 0)).toBe(0);
    expect(subsectionPercent(1, 8)).toBe(0.12); // 0.125 → half-even
    expect(subsectionPercent(3, 8)).toBe(0.38); // 0.375 → 37.5 → 38
  });
});

describe("gradeCourse: drops, padding, weights", () => {
  it("an empty course under the default policy: 0%, no letter, not passed, placeholders shown", () => {
    const r = gradeCourse(DEFAULT_GRADING_POLICY, []);
    expect(r.percent).toBe(0);
    expect(r.letterGrade).toBeNull();
    expect(r.passed).toBe(false);
    expect(r.breakdown.Homework.entries).toHaveLength(13); // 12 placeholders + Avg
    expect(r.breakdown["Final Exam"].entries).toHaveLength(1); // single entry, no Avg
    expect(r.breakdown["Final Exam"].entries[0].label).toBe("Final");
    expect(r.breakdown.Homework.entries[0].label).toBe("HW 01");
    expect(r.breakdown.Homework.entries[12].label).toBe("HW Avg");
    expect(r.breakdown.Lab.entries[0].label).toBe("Lab 01"); // short_label defaults to the type
  });

  it("drops the lowest drop_count scores", () => {
    const r = gradeCourse(one("Homework", 3, 1, 1), [hw(1, 2), hw(1, 1), hw(0, 1)]);
    expect(r.breakdown.Homework.average).toBe(0.75);
    expect(r.percent).toBe(0.75);
    expect(r.breakdown.Homework.entries.filter((e) => e.dropped).map((e) => e.label)).toEqual(["Homework 03"]);
  });

  it("pads to min_count with 0% placeholders", () => {
    const r = gradeCourse(one("Homework", 4, 0, 1), [hw(1, 1)]);
    expect(r.breakdown.Homework.average).toBe(0.25);
    expect(r.breakdown.Homework.entries).toHaveLength(5);
    expect(r.breakdown.Homework.entries[1].detail).toContain("Unreleased");
  });

  it("drops placeholders first when they are the lowest", () => {
    const r = gradeCourse(one("Homework", 4, 2, 1), [hw(1, 1), hw(1, 2)]);
    expect(r.breakdown.Homework.average).toBe(0.75);
  });

  it("counts more subsections than min_count", () => {
    const r = gradeCourse(one("Homework", 2, 1, 1), [hw(1, 1), hw(1, 2), hw(0, 1), hw(1, 4)]);
    // percents 1, .5, 0, .25; drop 0 → (1 + .5 + .25) / 3
    expect(r.breakdown.Homework.average).toBeCloseTo(1.75 / 3, 12);
    expect(r.percent).toBe(0.58);
  });

  it("drop_count ≥ number of entries averages to 0", () => {
    const r = gradeCourse(one("Homework", 2, 3, 1), [hw(1, 1)]);
    expect(r.breakdown.Homework.average).toBe(0);
    expect(r.percent).toBe(0);
  });

  it("ties among the lowest: the later one is dropped (stable sort)", () => {
    const r = gradeCourse(one("Homework", 3, 1, 1), [hw(1, 2), hw(1, 1), hw(1, 2)]);
    const dropped = r.breakdown.Homework.entries.filter((e) => e.dropped);
    expect(dropped.map((e) => e.label)).toEqual(["Homework 03"]);
  });

  it("skips zero-possible subsections (they take no slot)", () => {
    const r = gradeCourse(one("Homework", 1, 0, 1), [hw(0, 0), hw(1, 2)]);
    expect(r.breakdown.Homework.count).toBe(1);
    expect(r.percent).toBe(0.5);
  });

  it("skips ungraded subsections and formats not in the policy", () => {
    const r = gradeCourse(one("Homework", 1, 0, 1), [hw(0, 1, { graded: false }), { type: "Quiz", earned: 0, possible: 1 }, hw(1, 1)]);
    expect(r.percent).toBe(1);
    const r2 = gradeCourse(one("Homework", 1, 0, 1), [{ type: null, earned: 1, possible: 1, graded: true }]);
    expect(r2.percent).toBe(0);
  });

  it("does not normalise weights (extra credit above 100%)", () => {
    const policy: GradingPolicy = {
      GRADER: [
        { type: "Homework", min_count: 1, drop_count: 0, weight: 0.6 },
        { type: "Final Exam", min_count: 1, drop_count: 0, weight: 0.6 },
      ],
      GRADE_CUTOFFS: { A: 0.9, Pass: 0.5 },
    };
    const r = gradeCourse(policy, [hw(1, 1), { type: "Final Exam", earned: 1, possible: 1 }]);
    expect(r.percent).toBe(1.2);
    expect(r.letterGrade).toBe("A");
  });

  it("weights summing below 1 cap the course percent", () => {
    const r = gradeCourse(one("Homework", 1, 0, 0.5), [hw(1, 1)]);
    expect(r.percent).toBe(0.5);
    expect(r.passed).toBe(true);
  });

  it("a zero-weight type contributes nothing", () => {
    const policy: GradingPolicy = {
      GRADER: [
        { type: "Homework", min_count: 1, drop_count: 0, weight: 0 },
        { type: "Exam", min_count: 1, drop_count: 0, weight: 1 },
      ],
      GRADE_CUTOFFS: { Pass: 0.5 },
    };
    const r = gradeCourse(policy, [hw(1, 1), { type: "Exam", earned: 1, possible: 4 }]);
    expect(r.breakdown.Homework.average).toBe(1);
    expect(r.breakdown.Homework.contribution).toBe(0);
    expect(r.percent).toBe(0.25);
    expect(r.passed).toBe(false);
  });

  it("one-assignment types show a single entry labelled with the short label", () => {
    const r = gradeCourse(one("Midterm Exam", 1, 0, 1, { short_label: "Midterm" }), [{ type: "Midterm Exam", earned: 7, possible: 10 }]);
    const e = r.breakdown["Midterm Exam"].entries;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ label: "Midterm", percent: 0.7, prominent: true });
    expect(r.percent).toBe(0.7);
  });

  it("a one-assignment type with two subsections shows both and an average", () => {
    const r = gradeCourse(one("Midterm Exam", 1, 0, 1, { short_label: "Midterm" }), [
      { type: "Midterm Exam", earned: 1, possible: 1 },
      { type: "Midterm Exam", earned: 0, possible: 1 },
    ]);
    expect(r.breakdown["Midterm Exam"].entries.map((e) => e.label)).toEqual(["Midterm 01", "Midterm 02", "Midterm Avg"]);
    expect(r.percent).toBe(0.5);
  });

  it("accepts min_count/drop_count as strings (as some exports store them)", () => {
    const r = gradeCourse({ GRADER: [{ type: "Homework", min_count: "2", drop_count: "1", weight: 1 }], GRADE_CUTOFFS: { Pass: 0.5 } }, [hw(1, 1)]);
    expect(r.percent).toBe(1);
  });

  it("rounds each subsection to 2 decimals (half-to-even) before averaging", () => {
    // 1/8 = 0.125 → 0.12; 3/8 = 0.375 → 0.38; average 0.25 exactly.
    const r = gradeCourse(one("Homework", 2, 0, 1), [hw(1, 8), hw(3, 8)]);
    expect(r.breakdown.Homework.average).toBe(0.25);
    // Without the rounding it would be 0.25 as well, so check a case where it matters:
    // 1/3 → .33, 1/3 → .33: average .33 (not .3333) → course 0.33.
    const r2 = gradeCourse(one("Homework", 2, 0, 1), [hw(1, 3), hw(1, 3)]);
    expect(r2.rawPercent).toBe(0.33);
    // 67/200 = 0.335 → 33.5 → 34 (half to even)
    const r3 = gradeCourse(one("Homework", 1, 0, 1), [hw(67, 200)]);
    expect(r3.breakdown.Homework.entries[0].percent).toBe(0.34);
  });

  it("applies the +0.05 offset: x.45% rounds up (0.8447 → 0.85)", () => {
    const policy = (w: number) => one("Exam", 1, 0, w);
    // raw = 0.89 × 0.5 = 0.445 → 44.5 + 0.05 → 45
    expect(gradeCourse(policy(0.5), [{ type: "Exam", earned: 89, possible: 100 }]).percent).toBe(0.45);
    // 0.81×0.5 + 0.88×0.5 = 0.845 → 84.5 + 0.05 → 85
    const two: GradingPolicy = {
      GRADER: [
        { type: "A", min_count: 1, drop_count: 0, weight: 0.5 },
        { type: "B", min_count: 1, drop_count: 0, weight: 0.5 },
      ],
      GRADE_CUTOFFS: { Pass: 0.85 },
    };
    const r = gradeCourse(two, [
      { type: "A", earned: 81, possible: 100 },
      { type: "B", earned: 88, possible: 100 },
    ]);
    expect(r.percent).toBe(0.85);
    expect(r.passed).toBe(true);
    // 0.8447 (the TNL-6972 example): A weighted 0.84 at 100% + B weighted 0.01 at 47% → 84.47 + 0.05 → 85
    const ex = gradeCourse(
      {
        GRADER: [
          { type: "A", min_count: 1, drop_count: 0, weight: 0.84 },
          { type: "B", min_count: 1, drop_count: 0, weight: 0.01 },
        ],
        GRADE_CUTOFFS: { Pass: 0.85 },
      },
      [
        { type: "A", earned: 1, possible: 1 },
        { type: "B", earned: 47, possible: 100 },
      ],
    );
    expect(ex.rawPercent).toBeCloseTo(0.8447, 10);
    expect(ex.percent).toBe(0.85);
    expect(ex.passed).toBe(true);
    // A 0.44 @ 0.99 = 0.4356, B 0.56 @ 0.73 = 0.4088 → raw 0.8444 → 84.44 + .05 = 84.49 → 84
    const w: GradingPolicy = {
      GRADER: [
        { type: "A", min_count: 1, drop_count: 0, weight: 0.44 },
        { type: "B", min_count: 1, drop_count: 0, weight: 0.56 },
      ],
      GRADE_CUTOFFS: { Pass: 0.85 },
    };
    const r2 = gradeCourse(w, [
      { type: "A", earned: 99, possible: 100 },
      { type: "B", earned: 73, possible: 100 },
    ]);
    expect(r2.rawPercent).toBeCloseTo(0.8444, 10);
    expect(r2.percent).toBe(0.84);
    expect(r2.passed).toBe(false);
    // A 0.44 @ 1.0 = 0.44, B 0.56 @ 0.73 = 0.4088 → 0.8488 → 85
    const r3 = gradeCourse(w, [
      { type: "A", earned: 1, possible: 1 },
      { type: "B", earned: 73, possible: 100 },
    ]);
    expect(r3.percent).toBe(0.85);
    expect(r3.passed).toBe(true);
  });

  it("letter grades at the cutoffs (≥ wins, highest first, null below all)", () => {
    const cut = { A: 0.9, B: 0.8, C: 0.7 };
    const pol = (p: number) => gradeCourse({ GRADER: [{ type: "X", min_count: 1, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: cut }, [{ type: "X", earned: p, possible: 100 }]);
    expect(pol(90).letterGrade).toBe("A");
    expect(pol(89).letterGrade).toBe("B");
    expect(pol(80).letterGrade).toBe("B");
    expect(pol(79).letterGrade).toBe("C");
    expect(pol(70).letterGrade).toBe("C");
    expect(pol(70).passed).toBe(true);
    expect(pol(69).letterGrade).toBeNull();
    expect(pol(69).passed).toBe(false);
    expect(pol(100).percent).toBe(1);
  });

  it("passed needs a non-zero cutoff", () => {
    expect(passedFor({ Pass: 0 }, 1)).toBe(false);
    expect(passedFor({}, 1)).toBe(false);
    expect(passedFor({ A: 0.9, Pass: 0.5 }, 0.5)).toBe(true);
    expect(letterGradeFor({ Pass: 0 }, 0)).toBe("Pass");
    expect(letterGradeFor({}, 1)).toBeNull();
  });

  it("the default policy end to end", () => {
    const subs: SubsectionScore[] = [
      ...Array.from({ length: 12 }, (_, i) => hw(i < 10 ? 1 : 0, 1, { label: `HW${i}` })), // 10 full, 2 zero (dropped)
      ...Array.from({ length: 6 }, () => ({ type: "Lab", earned: 1, possible: 2, graded: true })), // 6 × 0.5, 6 placeholders
      { type: "Midterm Exam", earned: 3, possible: 4, graded: true },
      { type: "Final Exam", earned: 9, possible: 10, graded: true },
    ];
    const r = gradeCourse(DEFAULT_GRADING_POLICY, subs);
    expect(r.breakdown.Homework.average).toBe(1);
    // Lab: 12 entries (6×0.5, 6×0), drop two zeros → 3 / 10 = 0.3
    expect(r.breakdown.Lab.average).toBeCloseTo(0.3, 12);
    // 0.15 + 0.045 + 0.225 + 0.36 = 0.78
    expect(r.percent).toBe(0.78);
    expect(r.letterGrade).toBe("Pass");
    expect(r.passed).toBe(true);
  });

  it("show_only_average and hide_average shape the breakdown", () => {
    const a = gradeCourse(one("Homework", 2, 0, 1, { show_only_average: true }), [hw(1, 1)]);
    expect(a.breakdown.Homework.entries.map((e) => e.label)).toEqual(["Homework Avg"]);
    const b = gradeCourse(one("Homework", 2, 0, 1, { hide_average: true }), [hw(1, 1)]);
    expect(b.breakdown.Homework.entries.map((e) => e.label)).toEqual(["Homework 01", "Homework 02"]);
  });
});

describe("parseGradingPolicy", () => {
  it("falls back to Open edX's default when a course has none", () => {
    expect(parseGradingPolicy(null)).toBe(DEFAULT_GRADING_POLICY);
  });
  it("rejects entries without min_count or drop_count, with a clear message", () => {
    expect(() => parseGradingPolicy({ GRADER: [{ type: "HW", drop_count: 0, weight: 1 }], GRADE_CUTOFFS: {} })).toThrow(/min_count is required/);
    expect(() => parseGradingPolicy({ GRADER: [{ type: "HW", min_count: 1, weight: 1 }], GRADE_CUTOFFS: {} })).toThrow(/drop_count is required/);
    expect(() => gradeCourse({ GRADER: [{ type: "HW", min_count: "x", drop_count: 0 }], GRADE_CUTOFFS: {} }, [])).toThrow(/integer/);
    expect(() => parseGradingPolicy({ GRADER: "nope" })).toThrow(/list/);
  });
  it("reads string cutoffs as numbers", () => {
    expect(parseGradingPolicy({ GRADER: [], GRADE_CUTOFFS: { Pass: "0.6" } }).GRADE_CUTOFFS.Pass).toBe(0.6);
  });
});
