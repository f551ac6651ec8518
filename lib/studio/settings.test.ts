// Pure checks of Studio's settings pages: the schedule's date rules and intro video, the grading
// page's model (weights, cutoffs, grace period, Open edX shapes), and the advanced settings table.
import { describe, expect, it } from "vitest";
import { advancedKeysFor, applyAdvancedSettings, editorTextOf, parseAdvancedValue } from "./advanced-settings";
import { introVideoHtml, isCourseFilePath, isLanguageCode, parseYoutubeId, validateCourseDates, youtubeIdOfVideoHtml } from "./course-details";
import { buildGradingPolicy, formatGrace, gradingFormOf, gradingPolicyChanged, moveCutoff, parseGrace, type GradingForm } from "./grading-settings";

const D = (s: string) => new Date(s).toISOString();

describe("validateCourseDates", () => {
  const ok = { start: D("2027-01-10T00:00Z"), end: D("2027-06-01T00:00Z"), enrollmentStart: D("2026-12-01T00:00Z"), enrollmentEnd: D("2027-05-01T00:00Z") };
  const table: Array<[string, Partial<typeof ok>, Record<string, string> | null]> = [
    ["a possible combination", {}, null],
    ["only a start", { end: null, enrollmentStart: null, enrollmentEnd: null } as never, null],
    ["no start", { start: null } as never, { start: "A course needs a start date." }],
    ["end before start", { end: D("2027-01-01T00:00Z") }, { end: "The course end date must be after the course start date." }],
    ["end equal to start", { end: ok.start }, { end: "The course end date must be after the course start date." }],
    ["enrollment end after course end", { enrollmentEnd: D("2027-07-01T00:00Z") }, { enrollmentEnd: "The enrollment end date cannot be after the course end date." }],
    ["enrollment start after enrollment end", { enrollmentStart: D("2027-05-02T00:00Z"), start: D("2027-05-03T00:00Z") }, { enrollmentStart: "The enrollment start date cannot be after the enrollment end date." }],
    ["enrollment start after course start", { enrollmentStart: D("2027-01-11T00:00Z") }, { enrollmentStart: "The enrollment start date cannot be after the course start date." }],
    ["not a date", { end: "soon" }, { end: "This is not a date." }],
  ];
  for (const [name, patch, expected] of table) {
    it(name, () => {
      const r = validateCourseDates({ ...ok, ...patch });
      if (expected === null) expect(r).toEqual({});
      else expect(r).toMatchObject(expected);
    });
  }
});

describe("intro video, language, image path", () => {
  it.each([
    ["dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0", "dQw4w9WgXcQ"],
    ["short", null],
    ["https://vimeo.com/123", null],
    ["<script>", null],
  ])("parseYoutubeId(%j) = %j", (input, id) => expect(parseYoutubeId(input)).toBe(id));
  it("about/video.html round-trips the id", () => {
    expect(youtubeIdOfVideoHtml(introVideoHtml("dQw4w9WgXcQ"))).toBe("dQw4w9WgXcQ");
    expect(youtubeIdOfVideoHtml(`<iframe src="//www.youtube.com/embed/abcdefghijk?rel=0"></iframe>`)).toBe("abcdefghijk");
    expect(youtubeIdOfVideoHtml(null)).toBeNull();
  });
  it("language codes and course file paths", () => {
    expect(["en", "pt-br", "zh_CN", "fil"].map(isLanguageCode)).toEqual([true, true, true, true]);
    expect(["", "English", "e", "en--"].map(isLanguageCode)).toEqual([false, false, false, false]);
    expect(["images/course.jpg", "course_image.png"].map(isCourseFilePath)).toEqual([true, true]);
    expect(["/etc/passwd", "../x.png", "https://evil/x.png", "a\\b", ""].map(isCourseFilePath)).toEqual([false, false, false, false, false]);
  });
});

const form = (patch: Partial<GradingForm> = {}): GradingForm => ({
  graders: [
    { type: "Homework", shortLabel: "HW", weight: 40, minCount: 3, dropCount: 1 },
    { type: "Final Exam", shortLabel: "Final", weight: 60, minCount: 1, dropCount: 0 },
  ],
  cutoffs: [
    { name: "A", percent: 90 },
    { name: "B", percent: 75 },
    { name: "C", percent: 60 },
  ],
  grace: { hours: 2, minutes: 30 },
  ...patch,
});

describe("grading page model", () => {
  it("builds Open edX's grading_policy.json shape and graceperiod", () => {
    const r = buildGradingPolicy(form(), { GRADER: [], GRADE_CUTOFFS: {}, KEEP: 1 });
    expect(r).toEqual({
      ok: true,
      graceperiod: "2 hours 30 minutes",
      policy: {
        KEEP: 1,
        GRADER: [
          { type: "Homework", min_count: 3, drop_count: 1, short_label: "HW", weight: 0.4 },
          { type: "Final Exam", min_count: 1, drop_count: 0, short_label: "Final", weight: 0.6 },
        ],
        GRADE_CUTOFFS: { A: 0.9, B: 0.75, C: 0.6 },
      },
    });
  });

  const bad: Array<[string, Partial<GradingForm>, string]> = [
    ["weights not totalling 100", { graders: [{ type: "HW", shortLabel: "", weight: 50, minCount: 1, dropCount: 0 }] }, "weights"],
    ["an empty type name", { graders: [{ type: " ", shortLabel: "", weight: 100, minCount: 1, dropCount: 0 }] }, "graders.0.type"],
    ["a duplicate type", { graders: [{ type: "HW", shortLabel: "", weight: 50, minCount: 1, dropCount: 0 }, { type: "hw", shortLabel: "", weight: 50, minCount: 1, dropCount: 0 }] }, "graders.1.type"],
    ["a negative weight", { graders: [{ type: "HW", shortLabel: "", weight: -10, minCount: 1, dropCount: 0 }, { type: "X", shortLabel: "", weight: 110, minCount: 1, dropCount: 0 }] }, "graders.0.weight"],
    ["zero assignments", { graders: [{ type: "HW", shortLabel: "", weight: 100, minCount: 0, dropCount: 0 }] }, "graders.0.minCount"],
    ["a fractional count", { graders: [{ type: "HW", shortLabel: "", weight: 100, minCount: 1.5, dropCount: 0 }] }, "graders.0.minCount"],
    ["dropping more than there are", { graders: [{ type: "HW", shortLabel: "", weight: 100, minCount: 2, dropCount: 3 }] }, "graders.0.dropCount"],
    ["cutoffs not decreasing", { cutoffs: [{ name: "A", percent: 70 }, { name: "B", percent: 80 }] }, "cutoffs.1.percent"],
    ["a cutoff of 100", { cutoffs: [{ name: "A", percent: 100 }] }, "cutoffs.0.percent"],
    ["a cutoff of 0", { cutoffs: [{ name: "Pass", percent: 0 }] }, "cutoffs.0.percent"],
    ["no cutoff", { cutoffs: [] }, "cutoffs"],
    ["a duplicate grade name", { cutoffs: [{ name: "A", percent: 80 }, { name: "A", percent: 50 }] }, "cutoffs.1.name"],
    ["NaN minutes", { grace: { hours: 1, minutes: NaN } }, "grace"],
    ["60 minutes", { grace: { hours: 1, minutes: 60 } }, "grace"],
  ];
  for (const [name, patch, key] of bad) {
    it(`refuses ${name}`, () => {
      const r = buildGradingPolicy(form(patch));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(Object.keys(r.errors)).toContain(key);
    });
  }

  it("reads a stored policy and graceperiod back into the page's model", () => {
    const f = gradingFormOf({ GRADER: [{ type: "Lab", min_count: "4", drop_count: 1, weight: 0.25 }], GRADE_CUTOFFS: { Pass: 0.5, A: 0.8 } }, "1 day 3 hours 5 minutes");
    expect(f).toEqual({ graders: [{ type: "Lab", shortLabel: "", weight: 25, minCount: 4, dropCount: 1 }], cutoffs: [{ name: "A", percent: 80 }, { name: "Pass", percent: 50 }], grace: { hours: 27, minutes: 5 } });
    expect(gradingFormOf(null, "").cutoffs).toEqual([{ name: "Pass", percent: 50 }]);
  });

  it("grace period text", () => {
    expect(parseGrace("2 days 5 hours")).toEqual({ hours: 53, minutes: 0 });
    expect(parseGrace("")).toEqual({ hours: 0, minutes: 0 });
    expect(parseGrace("nonsense")).toEqual({ hours: 0, minutes: 0 });
    expect(formatGrace({ hours: 0, minutes: 0 })).toBeNull();
    expect(formatGrace({ hours: 0, minutes: 15 })).toBe("0 hours 15 minutes");
  });

  it("detects a policy change that changes grades, ignoring key order", () => {
    const a = { GRADE_CUTOFFS: { Pass: 0.5 }, GRADER: [{ type: "HW", min_count: 1, drop_count: 0, weight: 1 }] };
    const b = { GRADER: [{ weight: 1, drop_count: 0, min_count: 1, type: "HW" }], GRADE_CUTOFFS: { Pass: 0.5 } };
    expect(gradingPolicyChanged(a, b)).toBe(false);
    expect(gradingPolicyChanged(a, { ...b, GRADE_CUTOFFS: { Pass: 0.6 } })).toBe(true);
  });

  it("moves a cutoff between its neighbours (drag and arrow keys)", () => {
    const cs = form().cutoffs;
    expect(moveCutoff(cs, 1, 80).map((c) => c.percent)).toEqual([90, 80, 60]);
    expect(moveCutoff(cs, 1, 95).map((c) => c.percent)).toEqual([90, 89, 60]);
    expect(moveCutoff(cs, 1, 10).map((c) => c.percent)).toEqual([90, 61, 60]);
    expect(moveCutoff(cs, 0, 150).map((c) => c.percent)).toEqual([99, 75, 60]);
    expect(moveCutoff(cs, 2, -5).map((c) => c.percent)).toEqual([90, 75, 1]);
  });
});

describe("advanced settings", () => {
  const table: Array<[string, string, unknown | { error: RegExp }]> = [
    ["max_attempts", "3", 3],
    ["max_attempts", "", undefined],
    ["max_attempts", "-1", { error: /less than 0/ }],
    ["max_attempts", "2.5", { error: /whole number/ }],
    ["max_attempts", "three", { error: /number/ }],
    ["showanswer", "past_due", "past_due"],
    ["showanswer", "sometimes", { error: /Choose one of/ }],
    ["rerandomize", "per_student", "per_student"],
    ["rerandomize", "true", { error: /Choose one of/ }],
    ["show_reset_button", "true", true],
    ["show_reset_button", "false", false],
    ["show_reset_button", "yes", { error: /true or false/ }],
    ["days_early_for_beta", "1.5", 1.5],
    ["days_early_for_beta", "-2", { error: /less than 0/ }],
    ["discussion_topics", '{"General": {"id": "course"}}', { General: { id: "course" } }],
    ["discussion_topics", "{General: 1}", { error: /not valid JSON/ }],
    ["discussion_topics", "[]", { error: /JSON object/ }],
    ["discussion_blackouts", '[["2027-01-01T00:00", "2027-01-07T00:00"]]', [["2027-01-01T00:00", "2027-01-07T00:00"]]],
    ["discussion_blackouts", '[["2027-01-01"]]', { error: /pair of dates/ }],
    ["discussion_blackouts", "{}", { error: /JSON list/ }],
    ["catalog_visibility", "about", "about"],
    ["catalog_visibility", "hidden", { error: /Choose one of/ }],
    ["certificates_display_behavior", "early_no_info", "early_no_info"],
    ["course_visibility", "public_outline", "public_outline"],
    ["display_name", "  New name ", "New name"],
    ["display_name", "", { error: /needs a value/ }],
    ["advertised_start", "", undefined],
    ["some_imported_key", '{"a": [1, 2]}', { a: [1, 2] }],
    ["some_imported_key", "not json", { error: /not valid JSON/ }],
    ["some_imported_key", "", undefined],
  ];
  for (const [key, text, expected] of table) {
    it(`${key} = ${JSON.stringify(text)}`, () => {
      const r = parseAdvancedValue(key, text);
      if (expected && typeof expected === "object" && "error" in expected && expected.error instanceof RegExp) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toMatch(expected.error);
      } else {
        expect(r).toEqual({ ok: true, value: expected });
      }
    });
  }

  it("shows XML-string values decoded, unknown keys as JSON, and hides keys of other pages", () => {
    const rows = advancedKeysFor({ max_attempts: "2", show_reset_button: "true", start: "2027-01-01T00:00:00Z", zzz_custom: { x: 1 }, display_name: "C" });
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get("max_attempts")?.text).toBe("2");
    expect(byKey.get("show_reset_button")?.text).toBe("true");
    expect(byKey.get("allow_anonymous")?.text).toBe("false");
    expect(byKey.has("start")).toBe(false);
    expect(byKey.get("zzz_custom")).toMatchObject({ def: null, text: JSON.stringify({ x: 1 }, null, 2) });
    expect(editorTextOf("discussion_topics", '{"A": {"id": "a"}}')).toBe(JSON.stringify({ A: { id: "a" } }, null, 2));
  });

  it("applies all edits or none", () => {
    const fields = { display_name: "C", max_attempts: "2", legacy: "x" };
    expect(applyAdvancedSettings(fields, { max_attempts: "5", showanswer: "never" })).toEqual({ ok: true, fields: { display_name: "C", max_attempts: 5, legacy: "x", showanswer: "never" }, changed: ["max_attempts", "showanswer"] });
    expect(applyAdvancedSettings(fields, { max_attempts: "" })).toEqual({ ok: true, fields: { display_name: "C", legacy: "x" }, changed: ["max_attempts"] });
    // unchanged text keeps the stored representation
    expect(applyAdvancedSettings(fields, { max_attempts: "2" })).toEqual({ ok: true, fields, changed: [] });
    const bad = applyAdvancedSettings(fields, { max_attempts: "5", showanswer: "bogus", start: "2020-01-01", invented_key: "1" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["invented_key", "showanswer", "start"]);
    expect(applyAdvancedSettings(fields, { legacy: '"y"' })).toMatchObject({ ok: true, fields: { legacy: "y" } });
  });
});
