import { describe, expect, it } from "vitest";
import { buildOutline, unitKind, type BlockRow } from "@/lib/lms/outline";
import { audienceOf, cacheableRequest, isSharedUnit, pageCacheKey, parseCoursePagePath, releaseDates, releaseEpoch, sharedPageOf, withNonce } from "@/lib/lms/page-cache-key";

const row = (usageKey: string, blockType: string, parent: string | null, position: number, settings: Record<string, unknown> = {}): BlockRow => ({
  usageKey, blockType, urlName: usageKey, parentUsageKey: parent, position, displayName: usageKey, settings, definitionHash: null, unsupportedReason: null,
});

describe("parseCoursePagePath", () => {
  it("reads the course home and unit paths, decoded", () => {
    expect(parseCoursePagePath("/courses/course-v1%3AA%2BB%2BC")).toEqual({ kind: "home", courseKey: "course-v1:A+B+C" });
    expect(parseCoursePagePath("/courses/course-v1%3AA%2BB%2BC/learn/s1/u%201")).toEqual({ kind: "unit", courseKey: "course-v1:A+B+C", subsection: "s1", unit: "u 1" });
  });
  it("refuses every other course page and malformed encodings", () => {
    for (const p of ["/courses", "/courses/k/about", "/courses/k/progress", "/courses/k/learn", "/courses/k/learn/s", "/courses/k/learn/s/u/x", "/courses/%E0%A4%A/learn/s/u", "/dashboard"]) {
      expect(parseCoursePagePath(p), p).toBeNull();
    }
  });
});

describe("cacheableRequest", () => {
  const unit = "/courses/course-v1%3AA%2BB%2BC/learn/s1/u1";
  const ask = (path: string, headers: Record<string, string> = {}, method = "GET") => {
    const url = new URL(path, "http://x");
    return cacheableRequest({ method, pathname: url.pathname, query: url.searchParams, headers: new Headers(headers) });
  };
  it("answers a browser's plain document GET and a client navigation's Flight GET of a course page", () => {
    expect(ask(unit)).toBe("document");
    expect(ask("/courses/course-v1%3AA%2BB%2BC")).toBe("document");
    expect(ask(`${unit}?_rsc=abc`, { rsc: "1", "next-router-state-tree": "%5B%5D" })).toBe("flight");
  });
  it("leaves prefetches, server actions, other queries, other methods and other pages to Next", () => {
    expect(ask(`${unit}?_rsc=abc`, { rsc: "1", "next-router-prefetch": "1" })).toBeNull();
    expect(ask(`${unit}?_rsc=abc`, { rsc: "1", "next-router-segment-prefetch": "/_tree" })).toBeNull();
    expect(ask(unit, { "next-action": "abc" }, "POST")).toBeNull();
    expect(ask(unit, {}, "POST")).toBeNull();
    expect(ask(`${unit}?x=1`)).toBeNull();
    expect(ask(`${unit}?_rsc=abc&x=1`, { rsc: "1" })).toBeNull();
    expect(ask(unit, { "next-router-state-tree": "%5B%5D" })).toBeNull();
    expect(ask(unit, { rsc: "2" })).toBeNull();
    expect(ask("/courses/course-v1%3AA%2BB%2BC/progress")).toBeNull();
  });
});

describe("isSharedUnit", () => {
  const outline = buildOutline([
    row("course", "course", null, 0),
    row("ch", "chapter", "course", 0),
    row("seq", "sequential", "ch", 0),
    row("u1", "vertical", "seq", 0),
    row("h1", "html", "u1", 0),
    row("v1", "video", "u1", 1),
    row("u2", "vertical", "seq", 1),
    row("p2", "problem", "u2", 0),
    row("u3", "vertical", "seq", 2),
    row("lib", "library_content", "u3", 0),
    row("h3", "html", "lib", 0),
    row("p3", "problem", "lib", 1),
    row("u4", "vertical", "seq", 3),
    row("h4", "html", "u4", 0),
    row("p4a", "problem", "u4", 1),
    row("p4b", "problem", "u4", 2),
  ]);
  it("shares units made only of text, video and discussion", () => {
    expect(isSharedUnit(outline.byKey.get("u1")!)).toBe(true);
  });
  it("shares a unit of problems: each learner's own render of a problem that differs comes with their state", () => {
    expect(isSharedUnit(outline.byKey.get("u2")!)).toBe(true);
    expect(isSharedUnit(outline.byKey.get("u4")!)).toBe(true);
  });
  it("never shares a unit with a personalized block anywhere inside, whatever its problems are like", () => {
    // A library's picks are the learner's own.
    expect(isSharedUnit(outline.byKey.get("u3")!)).toBe(false);
  });
  it("gives a unit the same sequence-bar icon for every learner of an audience: a library counts its whole pool, not the learner's picks", () => {
    const u3 = outline.byKey.get("u3")!;
    const now = new Date();
    expect(unitKind(u3, { staff: false, now })).toBe("problem");
    // what the learner's own picks would have given (the unit page no longer asks this)
    expect(unitKind(u3, { staff: false, now, content: { library: new Map([["lib", ["h3"]]]), split: new Map(), conditional: new Map() } })).toBe("html");
  });
  it("shares a unit with blocks Atrium shows as a notice (the same for everyone), but not one with a vertical of personal blocks", () => {
    const o = buildOutline([
      row("course", "course", null, 0),
      row("ch", "chapter", "course", 0),
      row("seq", "sequential", "ch", 0),
      row("ua", "vertical", "seq", 0),
      row("ora", "openassessment", "ua", 0),
      row("lti", "lti", "ua", 1),
      row("poll", "poll", "ua", 2),
      row("ub", "vertical", "seq", 1),
      row("inner", "vertical", "ub", 0),
      row("st", "split_test", "inner", 0),
    ]);
    expect(isSharedUnit(o.byKey.get("ua")!)).toBe(true);
    expect(isSharedUnit(o.byKey.get("ub")!)).toBe(false);
  });
});

describe("release epochs", () => {
  const outline = buildOutline([
    row("course", "course", null, 0, { start: "2020-01-01T00:00:00Z" }),
    row("ch", "chapter", "course", 0, { start: "2030-01-01T00:00:00Z" }),
    row("ch2", "chapter", "course", 1, { start: "2030-01-01T00:00:00Z" }),
    row("ch3", "chapter", "course", 2, { start: "2031-06-01T00:00:00Z" }),
  ]);
  it("counts the distinct release dates that have passed", () => {
    const dates = releaseDates(outline);
    expect(dates.length).toBe(3);
    expect(releaseEpoch(dates, Date.parse("2019-01-01"))).toBe(0);
    expect(releaseEpoch(dates, Date.parse("2026-12-06"))).toBe(1);
    expect(releaseEpoch(dates, Date.parse("2030-01-01T00:00:00Z"))).toBe(2);
    expect(releaseEpoch(dates, Date.parse("2040-01-01"))).toBe(3);
    expect(releaseDates(outline)).toBe(dates);
  });
});

describe("pageCacheKey", () => {
  const base = { courseId: 1, versionId: 7, courseDigest: "d", audience: "learner" as const, epoch: 2, pathname: "/courses/k" };
  it("differs by every part a page depends on", () => {
    const keys = new Set([
      pageCacheKey(base),
      pageCacheKey({ ...base, versionId: 8 }),
      pageCacheKey({ ...base, courseDigest: "e" }),
      pageCacheKey({ ...base, audience: "staff-as-learner" }),
      pageCacheKey({ ...base, epoch: 3 }),
      pageCacheKey({ ...base, pathname: "/courses/k/learn/s/u" }),
      pageCacheKey({ ...base, courseId: 2 }),
    ]);
    expect(keys.size).toBe(7);
  });
  it("ignores the release epoch for staff, who see everything", () => {
    expect(pageCacheKey({ ...base, audience: "staff", epoch: 1 })).toBe(pageCacheKey({ ...base, audience: "staff", epoch: 5 }));
  });
  it("names three audiences", () => {
    expect(audienceOf({ isStaff: false, viewingAsLearner: false })).toBe("learner");
    expect(audienceOf({ isStaff: true, viewingAsLearner: false })).toBe("staff");
    expect(audienceOf({ isStaff: true, viewingAsLearner: true })).toBe("staff-as-learner");
  });
});

describe("a shared page's nonce", () => {
  const placeholder = "AAAAAAAAAAAAAAAAAAAAAA==";
  const html = `<html><head><script nonce="${placeholder}">x</script></head><body>Grüße — ✓<script nonce="${placeholder}">self.__next_f.push([0,"${placeholder}"])</script></body></html>`;
  it("is written over every placeholder, leaving the rest byte for byte", () => {
    const page = sharedPageOf(html, placeholder);
    expect(page.nonceOffsets.length).toBe(3);
    const fresh = "bm9uY2Vub25jZW5vbmNlMQ==";
    const out = Buffer.from(withNonce(page, fresh)).toString("utf8");
    expect(out).toBe(html.replaceAll(placeholder, fresh));
    // The cached bytes are untouched: the next answer gets its own nonce.
    expect(Buffer.from(withNonce(page, "c2Vjb25kc2Vjb25kc2Vjbw==")).toString("utf8")).toBe(html.replaceAll(placeholder, "c2Vjb25kc2Vjb25kc2Vjbw=="));
  });
  it("of another length is still replaced everywhere", () => {
    const page = sharedPageOf(html, placeholder);
    expect(Buffer.from(withNonce(page, "short")).toString("utf8")).toBe(html.replaceAll(placeholder, "short"));
  });
});
