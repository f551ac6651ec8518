import { describe, expect, it } from "vitest";
import { allCorrect, chooseSeed, initialSeed, isAnswerAvailable, isClosed, isPastDue, isResetAvailable, mustResetBeforeSubmit, parseGracePeriod, readProblemSettings, type StateFacts } from "./rules";

const now = new Date("2027-01-10T12:00:00Z");
const fresh: StateFacts = { attempts: 0, done: false, correct: false };
const wrong1: StateFacts = { attempts: 1, done: true, correct: false };
const right1: StateFacts = { attempts: 1, done: true, correct: true };

describe("readProblemSettings", () => {
  it("reads Open edX field values, with defaults", () => {
    const s = readProblemSettings({});
    expect(s).toMatchObject({ maxAttempts: null, showanswer: "finished", weight: null, rerandomize: "never", submissionWaitSeconds: 0, showResetButton: false, graded: true, due: null, closeDate: null });
    const t = readProblemSettings(
      { max_attempts: "3", showanswer: "Attempted", weight: "2.5", rerandomize: "true", submission_wait_seconds: 30, show_reset_button: "true", due: "2027-01-10T00:00:00Z", graceperiod: "1 day 2 hours" },
      { graded: "false" },
    );
    expect(t).toMatchObject({ maxAttempts: 3, showanswer: "attempted", weight: 2.5, rerandomize: "always", submissionWaitSeconds: 30, showResetButton: true, graded: false });
    expect(t.closeDate?.toISOString()).toBe("2027-01-11T02:00:00.000Z");
    expect(readProblemSettings({ rerandomize: "false" }).rerandomize).toBe("per_student");
    expect(readProblemSettings({ showanswer: "bogus" }).showanswer).toBe("finished");
    expect(readProblemSettings({ showanswer: "" }).showanswer).toBe("");
    expect(readProblemSettings({ max_attempts: "" }).maxAttempts).toBeNull();
    expect(readProblemSettings({ due: "not a date" }).due).toBeNull();
  });

  it.each([
    ["", 0],
    ["2 days", 2 * 86400_000],
    ["5 hours 3 minutes", (5 * 3600 + 3 * 60) * 1000],
    ["1 day 1 hour 1 minute 1 second", (86400 + 3600 + 60 + 1) * 1000],
    ["10 seconds", 10_000],
    ["garbage", 0],
  ])("grace period %j = %d ms", (v, ms) => {
    expect(parseGracePeriod(v)).toBe(ms);
  });
});

describe("closed / past due", () => {
  it("closes on attempts or due + grace", () => {
    const s = readProblemSettings({ max_attempts: 2, due: "2027-01-10T11:00:00Z", graceperiod: "2 hours" });
    expect(isPastDue(s, now)).toBe(false);
    expect(isClosed(s, wrong1, now)).toBe(false);
    expect(isClosed(s, { ...wrong1, attempts: 2 }, now)).toBe(true);
    expect(isPastDue(s, new Date("2027-01-10T13:00:01Z"))).toBe(true);
    expect(isClosed(readProblemSettings({ max_attempts: 0 }), fresh, now)).toBe(true);
  });
});

describe("showanswer", () => {
  const S = (showanswer: string, extra: Record<string, unknown> = {}) => readProblemSettings({ showanswer, ...extra });
  const past = { due: "2027-01-01T00:00:00Z" };
  it.each([
    ["always", {}, fresh, true],
    ["never", {}, right1, false],
    ["attempted", {}, fresh, false],
    ["attempted", {}, wrong1, true],
    ["attempted", past, fresh, true],
    ["attempted_no_past_due", past, fresh, false],
    ["answered", {}, wrong1, false],
    ["answered", {}, right1, true],
    ["closed", { max_attempts: 1 }, wrong1, true],
    ["closed", {}, wrong1, false],
    ["finished", {}, right1, true],
    ["finished", {}, wrong1, false],
    ["finished", past, fresh, true],
    ["correct_or_past_due", {}, right1, true],
    ["correct_or_past_due", past, fresh, true],
    ["correct_or_past_due", {}, wrong1, false],
    ["past_due", {}, right1, false],
    ["past_due", past, fresh, true],
    ["after_attempts", { attempts_before_showanswer_button: 2 }, wrong1, false],
    ["after_attempts", { attempts_before_showanswer_button: 2 }, { ...wrong1, attempts: 2 }, true],
    ["after_attempts", { attempts_before_showanswer_button: 5, max_attempts: 1 }, wrong1, true], // capped at max_attempts
    ["after_all_attempts", { max_attempts: 2 }, wrong1, false],
    ["after_all_attempts", { max_attempts: 1 }, wrong1, true],
    ["after_all_attempts", {}, wrong1, false],
    ["after_all_attempts_or_correct", { max_attempts: 3 }, right1, true],
    ["after_all_attempts_or_correct", { max_attempts: 3 }, wrong1, false],
  ] as const)("%s %j with %j → %s", (mode, extra, st, expected) => {
    expect(isAnswerAvailable(S(mode, extra), st, now)).toBe(expected);
  });

  it("staff see answers unless never", () => {
    expect(isAnswerAvailable(S("past_due"), fresh, now, true)).toBe(true);
    expect(isAnswerAvailable(S("never"), fresh, now, true)).toBe(false);
  });
});

describe("reset", () => {
  it("needs a submission, a non-full score, and show_reset_button or rerandomize", () => {
    const plain = readProblemSettings({});
    const button = readProblemSettings({ show_reset_button: true });
    const onreset = readProblemSettings({ rerandomize: "onreset" });
    expect(isResetAvailable(button, fresh, now)).toBe(false);
    expect(isResetAvailable(button, wrong1, now)).toBe(true);
    expect(isResetAvailable(button, right1, now)).toBe(false);
    expect(isResetAvailable(plain, wrong1, now)).toBe(false);
    expect(isResetAvailable(onreset, wrong1, now)).toBe(true);
    expect(isResetAvailable(readProblemSettings({ show_reset_button: true, max_attempts: 1 }), wrong1, now)).toBe(false);
  });
  it("rerandomize=always requires a reset between submits", () => {
    expect(mustResetBeforeSubmit(readProblemSettings({ rerandomize: "always" }), wrong1)).toBe(true);
    expect(mustResetBeforeSubmit(readProblemSettings({ rerandomize: "always" }), fresh)).toBe(false);
    expect(mustResetBeforeSubmit(readProblemSettings({ rerandomize: "onreset" }), wrong1)).toBe(false);
  });
});

describe("seeds", () => {
  it("never → 1; per_student → a stable bin 0..19 per learner and problem; always → 0..999", () => {
    expect(chooseSeed({ rerandomize: "never", userId: 5, usageKey: "k" })).toBe(1);
    const a = chooseSeed({ rerandomize: "per_student", userId: 5, usageKey: "k" });
    expect(a).toBe(chooseSeed({ rerandomize: "per_student", userId: 5, usageKey: "k" }));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(20);
    const bins = new Set(Array.from({ length: 50 }, (_, i) => chooseSeed({ rerandomize: "per_student", userId: i, usageKey: "k" })));
    expect(bins.size).toBeGreaterThan(5);
    expect(chooseSeed({ rerandomize: "always", userId: 1, usageKey: "k", random: () => 0.4567 })).toBe(456);
  });
  it("initialSeed: what a problem shows before the first answer, stable per learner and problem", () => {
    expect(initialSeed({ rerandomize: "never", userId: 5, usageKey: "k" })).toBe(1);
    // per_student: the bin chooseSeed gives (a reset keeps it)
    expect(initialSeed({ rerandomize: "per_student", userId: 5, usageKey: "k" })).toBe(chooseSeed({ rerandomize: "per_student", userId: 5, usageKey: "k" }));
    for (const r of ["always", "onreset"] as const) {
      const seeds = Array.from({ length: 200 }, (_, i) => initialSeed({ rerandomize: r, userId: i, usageKey: "k" }));
      expect(seeds).toEqual(Array.from({ length: 200 }, (_, i) => initialSeed({ rerandomize: r, userId: i, usageKey: "k" })));
      expect(Math.min(...seeds)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...seeds)).toBeLessThan(1000);
      expect(Math.max(...seeds)).toBeGreaterThanOrEqual(20); // the wide range, not per_student's 20 bins
      expect(new Set(seeds).size).toBeGreaterThan(150);
    }
    expect(initialSeed({ rerandomize: "onreset", userId: 5, usageKey: "k" })).not.toBe(initialSeed({ rerandomize: "onreset", userId: 5, usageKey: "k2" }));
  });
  it("allCorrect needs every input correct", () => {
    expect(allCorrect({ a: "correct", b: "correct" })).toBe(true);
    expect(allCorrect({ a: "correct", b: "partially-correct" })).toBe(false);
    expect(allCorrect({})).toBe(false);
    expect(allCorrect(null)).toBe(false);
  });
});
