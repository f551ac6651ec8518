// Re-run logic (pure): date shifting in every style Open edX stores dates, key rewriting, meta.
import { describe, expect, it } from "vitest";
import {
  dayOffset,
  parseCourseKey,
  rerunBlock,
  rerunDocumentPath,
  rerunMeta,
  rerunSettings,
  rewriteKeysInString,
  rewriteUsageKey,
  shiftDate,
  shiftDateString,
  type RerunPlan,
} from "./rerun";

const from = { org: "Atrium", number: "ATR101", run: "2026" };
const to = { org: "Atrium", number: "ATR101", run: "2027" };
const plan: RerunPlan = { from, to, days: 365, rootUrlName: "2026" };

describe("shiftDateString", () => {
  it.each([
    ["2026-01-01T00:00:00Z", 10, "2026-01-11T00:00:00Z"],
    ["2026-01-01T00:00:00+00:00", 1, "2026-01-02T00:00:00Z"],
    ["2026-01-01T12:30:00+02:00", 1, "2026-01-02T10:30:00Z"],
    ["2026-01-01T00:00", 31, "2026-02-01T00:00:00Z"],
    ["2026-01-01T00:00:00.500Z", 1, "2026-01-02T00:00:00.500Z"],
    ["2026-03-01", -1, "2026-02-28"],
    ['"2026-01-01T00:00:00Z"', 2, '"2026-01-03T00:00:00Z"'],
    ["2024-02-28T08:00:00Z", 366, "2025-02-28T08:00:00Z"],
    ["2026-01-01T00:00:00Z", 0, "2026-01-01T00:00:00Z"],
  ])("%s + %i days = %s", (input, days, out) => {
    expect(shiftDateString(input, days)).toBe(out);
  });
  it.each(["Spring 2027", "", "soon", "2026-13-45T00:00:00Z", "null"])("%j is not a date", (v) => {
    expect(shiftDateString(v, 3)).toBeNull();
  });
  it("shifts Date objects and offsets between dates", () => {
    expect(shiftDate(new Date("2026-01-01T00:00:00Z"), 7)?.toISOString()).toBe("2026-01-08T00:00:00.000Z");
    expect(shiftDate(null, 7)).toBeNull();
    expect(dayOffset(new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"))).toBe(365);
    expect(dayOffset(new Date("2026-01-10T00:00:00Z"), new Date("2026-01-01T06:00:00Z"))).toBe(-9);
  });
});

describe("rerunSettings", () => {
  it("shifts every date setting, keeps other values and non-date advertised starts", () => {
    const s = rerunSettings(
      {
        start: "2026-01-01T00:00:00Z",
        due: "2026-02-01T00:00:00+00:00",
        end: "2026-06-01",
        enrollment_start: "2025-12-01T00:00",
        enrollment_end: "2026-01-15T00:00:00Z",
        announcement: "2025-11-01T00:00:00Z",
        certificate_available_date: "2026-07-01T00:00:00Z",
        advertised_start: "Spring 2026",
        display_name: "2026-01-01T00:00:00Z is not a setting that is a date",
        graded: true,
        weight: 1,
        discussion_blackouts: [["2026-03-01T00:00", "2026-03-08T00:00"]],
      },
      1,
      from,
      to,
    );
    expect(s).toEqual({
      start: "2026-01-02T00:00:00Z",
      due: "2026-02-02T00:00:00Z",
      end: "2026-06-02",
      enrollment_start: "2025-12-02T00:00:00Z",
      enrollment_end: "2026-01-16T00:00:00Z",
      announcement: "2025-11-02T00:00:00Z",
      certificate_available_date: "2026-07-02T00:00:00Z",
      advertised_start: "Spring 2026",
      display_name: "2026-01-01T00:00:00Z is not a setting that is a date",
      graded: true,
      weight: 1,
      discussion_blackouts: [["2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"]],
    });
  });
  it("rewrites course and block keys in nested strings, offset 0 leaves dates alone", () => {
    const s = rerunSettings(
      { start: "2026-01-01T00:00", link: "/courses/course-v1:Atrium+ATR101+2026/jump_to/x", refs: ["block-v1:Atrium+ATR101+2026+type@problem+block@p1"] },
      0,
      from,
      to,
    );
    expect(s).toEqual({ start: "2026-01-01T00:00", link: "/courses/course-v1:Atrium+ATR101+2027/jump_to/x", refs: ["block-v1:Atrium+ATR101+2027+type@problem+block@p1"] });
  });
});

describe("key rewriting", () => {
  it("rewrites course keys and block keys, and nothing that merely looks alike", () => {
    expect(rewriteKeysInString("course-v1:Atrium+ATR101+2026", from, to)).toBe("course-v1:Atrium+ATR101+2027");
    expect(rewriteKeysInString("course-v1:Atrium+ATR101+20261", from, to)).toBe("course-v1:Atrium+ATR101+20271"); // prefix match, as Open edX keys cannot be ambiguous in practice
    expect(rewriteKeysInString("block-v1:Other+ATR101+2026+type@html+block@a", from, to)).toBe("block-v1:Other+ATR101+2026+type@html+block@a");
    expect(rewriteKeysInString("plain text", from, to)).toBe("plain text");
  });
  it("renames the course block named after the run, keeps other url_names", () => {
    const rename = { from: "2026", to: "2027" };
    expect(rewriteUsageKey("block-v1:Atrium+ATR101+2026+type@course+block@2026", from, to, rename)).toBe("block-v1:Atrium+ATR101+2027+type@course+block@2027");
    expect(rewriteUsageKey("block-v1:Atrium+ATR101+2026+type@html+block@2026", from, to, rename)).toBe("block-v1:Atrium+ATR101+2027+type@html+block@2026");
    const other = { org: "NewOrg", number: "N1", run: "R9" };
    expect(rewriteUsageKey("block-v1:Atrium+ATR101+2026+type@vertical+block@v1", from, other)).toBe("block-v1:NewOrg+N1+R9+type@vertical+block@v1");
  });
  it("parses course keys", () => {
    expect(parseCourseKey("course-v1:A+B+C")).toEqual({ org: "A", number: "B", run: "C" });
    expect(parseCourseKey("course-v1:A+B")).toBeNull();
    expect(parseCourseKey("A/B/C")).toBeNull();
  });
});

describe("rerunBlock", () => {
  it("rewrites the root block's key, url_name and dates", () => {
    const root = rerunBlock(
      {
        usageKey: "block-v1:Atrium+ATR101+2026+type@course+block@2026",
        blockType: "course",
        urlName: "2026",
        parentUsageKey: null,
        settings: { start: "2026-01-01T00:00:00Z", display_name: "ATR" },
        fields: { start: "2026-01-01T00:00:00Z" },
      },
      plan,
    );
    expect(root).toMatchObject({
      usageKey: "block-v1:Atrium+ATR101+2027+type@course+block@2027",
      urlName: "2027",
      parentUsageKey: null,
      settings: { start: "2027-01-01T00:00:00Z", display_name: "ATR" },
      fields: { start: "2027-01-01T00:00:00Z" },
    });
  });
  it("rewrites a child's parent key (the renamed root) and its due date", () => {
    const seq = rerunBlock(
      {
        usageKey: "block-v1:Atrium+ATR101+2026+type@chapter+block@ch1",
        blockType: "chapter",
        urlName: "ch1",
        parentUsageKey: "block-v1:Atrium+ATR101+2026+type@course+block@2026",
        settings: { due: "2026-03-01T00:00:00Z" },
        fields: {},
      },
      plan,
    );
    expect(seq.usageKey).toBe("block-v1:Atrium+ATR101+2027+type@chapter+block@ch1");
    expect(seq.parentUsageKey).toBe("block-v1:Atrium+ATR101+2027+type@course+block@2027");
    expect(seq.settings.due).toBe("2027-03-01T00:00:00Z");
    expect(seq.fields).toEqual({});
  });
  it("keeps a course block whose url_name is not the run", () => {
    const p = { ...plan, rootUrlName: "course" };
    const root = rerunBlock({ usageKey: "block-v1:Atrium+ATR101+2026+type@course+block@course", blockType: "course", urlName: "course", parentUsageKey: null, settings: {}, fields: {} }, p);
    expect(root.usageKey).toBe("block-v1:Atrium+ATR101+2027+type@course+block@course");
    expect(root.urlName).toBe("course");
  });
});

describe("rerunMeta and documents", () => {
  it("moves policies to the new run and rewrites course.xml attributes", () => {
    const meta = rerunMeta(
      {
        run: "2026",
        org: "Atrium",
        course: "ATR101",
        url_name: "2026",
        courseXml: { url_name: "2026", org: "Atrium", course: "ATR101" },
        policy: { "course/2026": { start: "2026-01-01T00:00:00Z" }, "sequential/s1": { due: "2026-02-01T00:00:00Z" } },
        policyPath: "policies/2026/policy.json",
        gradingPolicyPath: "policies/2026/grading_policy.json",
      },
      { ...plan, to: { org: "New", number: "N2", run: "2027" } },
    );
    expect(meta).toMatchObject({
      run: "2027",
      org: "New",
      course: "N2",
      url_name: "2027",
      courseXml: { url_name: "2027", org: "New", course: "N2" },
      policy: { "course/2027": { start: "2027-01-01T00:00:00Z" }, "sequential/s1": { due: "2027-02-01T00:00:00Z" } },
      policyPath: "policies/2027/policy.json",
      gradingPolicyPath: "policies/2027/grading_policy.json",
      rerunOf: "course-v1:Atrium+ATR101+2026",
      rerunOffsetDays: 365,
    });
  });
  it("moves policy documents only", () => {
    expect(rerunDocumentPath("policies/2026/policy.json", plan)).toBe("policies/2027/policy.json");
    expect(rerunDocumentPath("policies/assets.json", plan)).toBe("policies/assets.json");
    expect(rerunDocumentPath("about/overview.html", plan)).toBe("about/overview.html");
  });
});
