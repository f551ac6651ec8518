import { describe, expect, it } from "vitest";
import { buildAssetIndex, renderCourseHtml, rewriteUrl } from "./html";
import { buildOutline, componentsOf, findUnit, holdsLearnerChoices, learnerView, neighbours, parseOlxDate, unitKeyOf, unitKeyPrefix, visibleKeysOf, type BlockRow } from "./outline";
import { parseRange } from "./range";
import { cuesFromJson, isTranscriptFormat, parseSjson, parseSrt, parseTranscript, parseVtt, toVtt, transcriptHref } from "./transcripts";
import { parseVideoXml } from "./video";
import { completionKeysOf, courseProgress, keysComplete, nextDue, progressOfKeys } from "./progress";
import { dateGroup, enrollmentBlock } from "./dates";
import { learnHref } from "./urls";

const K = "course-v1:Org+N+R";
const ctx = {
  courseKey: K,
  assets: buildAssetIndex([
    { path: "images/logo.png", hash: "a".repeat(64) },
    { path: "Video Player (1).png", hash: "b".repeat(64) },
  ]),
};

describe("html rewriting and sanitizing", () => {
  it("rewrites /static, /c4x, asset-v1 of another course, jump_to_id and /course links", () => {
    expect(rewriteUrl("/static/images/logo.png?x=1#f", ctx)).toBe(`/assets/course-v1%3AOrg%2BN%2BR/images/logo.png?v=${"a".repeat(16)}&x=1#f`);
    expect(rewriteUrl("/c4x/Old/Course/asset/images_logo.png", ctx)).toContain("/images/logo.png?v=aaaa");
    expect(rewriteUrl("https://edge.edx.org/asset-v1:Old+C+R+type@asset+block@images_logo.png", ctx)).toContain("/images/logo.png?v=aaaa");
    expect(rewriteUrl("/static/Video%20Player%20(1).png", ctx)).toContain("?v=bbbb");
    expect(rewriteUrl("/jump_to_id/abc:def", ctx)).toBe(`/courses/course-v1%3AOrg%2BN%2BR/jump/abc%3Adef`);
    expect(rewriteUrl("/course/progress", ctx)).toBe(`/courses/course-v1%3AOrg%2BN%2BR/progress`);
    expect(rewriteUrl("https://example.org/x", ctx)).toBe("https://example.org/x");
  });
  it("strips scripts, handlers and javascript: URLs but keeps content", () => {
    const out = renderCourseHtml(`<p onclick="x()">Hi <img src="/static/images/logo.png"><script>alert(1)</script><a href="javascript:alert(1)">x</a><style>body{}</style></p>`, ctx);
    expect(out).not.toMatch(/script|onclick|javascript|<style/);
    expect(out).toContain("Hi");
    expect(out).toContain(`src="/assets/course-v1%3AOrg%2BN%2BR/images/logo.png?v=`);
  });
  it("shows CDATA sections as escaped text instead of dropping them", () => {
    const out = renderCourseHtml(`<p><![CDATA[7/10 < 8/10 & <b>not bold</b>]]></p>`, ctx);
    expect(out).toBe("<p>7/10 &lt; 8/10 &amp; &lt;b&gt;not bold&lt;/b&gt;</p>");
  });
});

describe("transcripts", () => {
  it("parses srt, vtt and sjson", () => {
    const srt = "1\r\n00:00:01,500 --> 00:00:03,000\r\nHello <i>world</i>\r\n\r\n2\r\n00:00:04,000 --> 00:00:05,000\r\nAgain\r\n";
    expect(parseSrt(srt)).toEqual([{ start: 1.5, end: 3, text: "Hello world" }, { start: 4, end: 5, text: "Again" }]);
    expect(parseVtt("WEBVTT\n\nNOTE hi\n\nc1\n00:01.000 --> 00:02.500\nOne\n")).toEqual([{ start: 1, end: 2.5, text: "One" }]);
    expect(parseSjson(JSON.stringify({ start: [0, 1000], end: [900, 2000], text: ["a", "b"] }))).toHaveLength(2);
    expect(parseTranscript("x.srt.sjson", '{"start":[10],"end":[20],"text":["z"]}')[0].text).toBe("z");
    expect(parseSjson("not json")).toEqual([]);
    expect(toVtt([{ start: 61.5, end: 62, text: "x" }])).toBe("WEBVTT\n\n00:01:01.500 --> 00:01:02.000\nx\n");
  });
  it("names the route's conversions of a transcript URL and checks the JSON the player fetches", () => {
    expect(transcriptHref("/assets/k/subs.srt?v=abcdef12", "json")).toBe("/assets/k/subs.srt?v=abcdef12&format=json");
    expect(transcriptHref("/assets/k/subs.srt", "vtt")).toBe("/assets/k/subs.srt?format=vtt");
    expect(["vtt", "json", "srt", null].map(isTranscriptFormat)).toEqual([true, true, false, false]);
    const cues = [{ start: 0, end: 1.5, text: "a < b" }];
    expect(cuesFromJson({ cues })).toEqual(cues);
    expect(cuesFromJson({ cues: [] })).toEqual([]);
    for (const bad of [null, "x", [], { cues: "x" }, { cues: [{ start: "0", end: 1, text: "a" }] }, { cues: [{ start: 0, end: 1 }] }, { cues: [null] }]) expect(cuesFromJson(bad)).toBeNull();
  });
});

describe("range", () => {
  it("parses single ranges and rejects unsatisfiable ones", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-10", 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange("bytes=0-5000", 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=5-1", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1,5-6", 1000)).toBeNull();
    expect(parseRange(null, 1000)).toBeNull();
  });
});

describe("video", () => {
  it("reads sources, youtube id, transcripts and legacy sub", () => {
    const m = parseVideoXml(`<video youtube="1.00:AOUEsgFrYeg" sub="abc" transcripts="{&quot;es&quot;: &quot;x-es.srt&quot;}" html5_sources="[&quot;/static/v.mp4&quot;]" start_time="00:01:05"><source src="/static/v.webm"/><transcript language="fr" src="x-fr.srt"/></video>`);
    expect(m.html5Sources).toEqual(["/static/v.mp4", "/static/v.webm"]);
    expect(m.youtubeId).toBe("AOUEsgFrYeg");
    expect(m.transcripts).toEqual({ fr: "x-fr.srt", es: "x-es.srt", en: "subs_abc.srt.sjson" });
    expect(m.startTime).toBe(65);
  });
});

function row(type: string, name: string, parent: string | null, position: number, settings: Record<string, unknown> = {}): BlockRow {
  return { usageKey: `b@${type}+${name}`, blockType: type, urlName: name, parentUsageKey: parent, position, displayName: name, settings, definitionHash: null, unsupportedReason: null };
}

describe("outline", () => {
  const future = "2999-01-01T00:00";
  const rows = [
    row("course", "c", null, 0),
    row("chapter", "s1", "b@course+c", 0),
    row("sequential", "q1", "b@chapter+s1", 0, { due: "2030-01-01T00:00:00Z", graded: true, format: "Homework" }),
    row("vertical", "u1", "b@sequential+q1", 0),
    row("html", "h1", "b@vertical+u1", 0),
    row("vertical", "u2", "b@sequential+q1", 1, { visible_to_staff_only: true }),
    row("sequential", "q2", "b@chapter+s1", 1),
    row("vertical", "u3", "b@sequential+q2", 0),
    row("problem", "p3", "b@vertical+u3", 0),
    row("chapter", "s2", "b@course+c", 1, { start: future }),
    row("sequential", "q4", "b@chapter+s2", 0, { start: future }),
    row("vertical", "u4", "b@sequential+q4", 0, { start: future }),
  ];
  const outline = buildOutline(rows);
  const now = new Date("2026-06-01T00:00:00Z");
  it("hides unreleased and staff-only content from learners, not from staff", () => {
    const learner = learnerView(outline, { staff: false, now });
    expect(learner.sections.map((s) => s.node.urlName)).toEqual(["s1"]);
    expect(learner.units.map((u) => u.unit.urlName)).toEqual(["u1", "u3"]);
    expect(findUnit(learner, "q1", "u2")).toBeNull();
    expect(findUnit(learner, "q4", "u4")).toBeNull();
    const staff = learnerView(outline, { staff: true, now });
    expect(staff.units.map((u) => u.unit.urlName)).toEqual(["u1", "u2", "u3", "u4"]);
  });
  it("lists the keys a learner may see once per view: staff-only and unreleased blocks out, every child of a split_test or library in", () => {
    const o = buildOutline([
      ...rows,
      row("split_test", "ab", "b@vertical+u3", 1),
      row("html", "groupA", "b@split_test+ab", 0),
      row("html", "groupB", "b@split_test+ab", 1),
      row("html", "hidden", "b@vertical+u1", 1, { visible_to_staff_only: true }),
    ]);
    const viewer = { staff: false, now };
    const v = learnerView(o, viewer);
    const keys = visibleKeysOf(v, viewer);
    expect([...keys].sort()).toEqual(["b@html+groupA", "b@html+groupB", "b@html+h1", "b@problem+p3", "b@split_test+ab", "b@vertical+u1", "b@vertical+u3"]);
    expect(visibleKeysOf(v, viewer)).toBe(keys); // cached for the view
    expect(visibleKeysOf(learnerView(o, { staff: true, now }), { staff: true, now }).has("b@vertical+u2")).toBe(true);
    // only u3 holds a learner's choice (the split_test): the state route reads choices for its subsection alone
    expect(["u1", "u3"].map((u) => holdsLearnerChoices(o.byKey.get(`b@vertical+${u}`)!))).toEqual([false, true]);
  });
  it("walks previous/next across subsection boundaries and finds a block's unit", () => {
    const v = learnerView(outline, { staff: false, now });
    const f = findUnit(v, "q1", "u1")!;
    expect(neighbours(v, f.position).next?.unit.urlName).toBe("u3");
    expect(neighbours(v, 1).prev?.subsection.urlName).toBe("q1");
    expect(unitKeyOf(outline, "b@html+h1")).toBe("b@vertical+u1");
    expect(componentsOf(f.ref.unit, { staff: false, now }).map((c) => c.urlName)).toEqual(["h1"]);
  });
  it("computes progress and the next due date", () => {
    const viewer = { staff: false, now };
    const v = learnerView(outline, viewer);
    expect(courseProgress(v, viewer, new Set()).percent).toBe(0);
    expect(courseProgress(v, viewer, new Set(["b@html+h1"])).percent).toBe(50);
    expect(nextDue(v, viewer, new Set(), now)?.title).toBe("q1");
    expect(nextDue(v, viewer, new Set(["b@html+h1"]), now)).toBeNull();
  });
  it("computes the same progress from each unit's completion keys alone (the course home's client islands)", () => {
    for (const viewer of [{ staff: false, now }, { staff: true, now }]) {
      const v = learnerView(outline, viewer);
      const keys = v.units.map(({ unit }) => completionKeysOf(unit, viewer));
      for (const done of [new Set<string>(), new Set(["b@html+h1"]), new Set(["b@html+h1", "b@problem+p3", "b@vertical+u2", "b@vertical+u4"])]) {
        expect(progressOfKeys(keys, done)).toEqual(courseProgress(v, viewer, done));
      }
    }
    // An empty unit is completed by itself (it has been viewed).
    expect(keysComplete(["b@vertical+u2"], new Set(["b@vertical+u2"]))).toBe(true);
    expect(keysComplete(["b@html+h1", "b@html+h2"], new Set(["b@html+h1"]))).toBe(false);
    expect(progressOfKeys([], new Set())).toEqual({ completed: 0, total: 0, percent: 0 });
    expect(progressOfKeys([["a", "b"], ["c"]], new Set(["a", "c"])).percent).toBe(67);
  });
  it("finds the unit key prefix the course home's islands rebuild keys with", () => {
    const key = (type: string, name: string) => `block-v1:O+C+R+type@${type}+block@${name}`;
    const real = buildOutline([
      { ...row("course", "c", null, 0), usageKey: key("course", "c") },
      { ...row("chapter", "s1", key("course", "c"), 0), usageKey: key("chapter", "s1") },
      { ...row("sequential", "q1", key("chapter", "s1"), 0), usageKey: key("sequential", "q1") },
      { ...row("vertical", "u1", key("sequential", "q1"), 0), usageKey: key("vertical", "u1") },
      { ...row("vertical", "u2", key("sequential", "q1"), 1), usageKey: key("vertical", "u2") },
    ]);
    const view = learnerView(real, { staff: false, now });
    const prefix = unitKeyPrefix(view);
    expect(prefix).toBe("block-v1:O+C+R+type@vertical+block@");
    expect(view.units.every(({ unit }) => prefix + unit.urlName === unit.usageKey)).toBe(true);
    // Keys of another form give no prefix: every unit is then sent with its own key.
    expect(unitKeyPrefix(learnerView(outline, { staff: false, now }))).toBe("");
    expect(unitKeyPrefix({ sections: [], units: [] })).toBe("");
  });
  it("parses OLX dates with and without a zone as UTC", () => {
    expect(parseOlxDate("2016-07-17T12:00")?.toISOString()).toBe("2016-07-17T12:00:00.000Z");
    expect(parseOlxDate("2029-01-01T00:00:00+01:00")?.toISOString()).toBe("2028-12-31T23:00:00.000Z");
    expect(parseOlxDate("garbage")).toBeNull();
  });
});

describe("dates and urls", () => {
  it("applies the enrollment window and invitation-only", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const base = { enrollmentStart: null, enrollmentEnd: null, invitationOnly: false };
    expect(enrollmentBlock(base, now, false)).toBeNull();
    expect(enrollmentBlock({ ...base, enrollmentStart: new Date("2027-01-01") }, now, false)).toBe("not_open_yet");
    expect(enrollmentBlock({ ...base, enrollmentEnd: new Date("2026-01-01") }, now, false)).toBe("closed");
    expect(enrollmentBlock({ ...base, invitationOnly: true }, now, false)).toBe("invitation_only");
    expect(enrollmentBlock({ ...base, invitationOnly: true }, now, true)).toBeNull();
    expect(dateGroup({ kind: "due", date: new Date("2026-05-01"), title: "x" }, now)).toBe("past_due");
    expect(dateGroup({ kind: "due", date: new Date("2026-06-03"), title: "x" }, now)).toBe("due_soon");
    expect(dateGroup({ kind: "due", date: new Date("2026-07-03"), title: "x" }, now)).toBe("upcoming");
  });
  it("encodes odd url_names", () => {
    expect(learnHref("course-v1:A+B+C", "sec:magic", "u (1)")).toBe("/courses/course-v1%3AA%2BB%2BC/learn/sec%3Amagic/u%20%281%29");
  });
});
