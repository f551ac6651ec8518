// jsinput in the learner's view: the author's /static/ page becomes the asset route with the
// jsinput flag (nothing else is ever framed), and a jsinput answer (grade + page state as JSON)
// may be longer than a typed answer.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { jsinputSrc, MAX_ANSWER_CHARS, MAX_ANSWERS_TOTAL_CHARS, validateAnswers } from "./service";

const KEY = "course-v1:Org+C1+2026";

describe("jsinputSrc", () => {
  it("maps a course page to the asset route with ?jsinput=1 (the author's query is dropped)", () => {
    expect(jsinputSrc("/static/game.html", KEY)).toBe("/assets/course-v1%3AOrg%2BC1%2B2026/game.html?jsinput=1");
    expect(jsinputSrc("/static/sims/a%20b.html?x=1#top", KEY)).toBe("/assets/course-v1%3AOrg%2BC1%2B2026/sims/a%20b.html?jsinput=1");
  });

  it("gives nothing for other sites, other paths or dot segments", () => {
    for (const src of ["https://files.edx.org/x.html", "//evil.test/x.html", "javascript:alert(1)", "/static/../x.html", "/static//x.html", "game.html"]) {
      expect(jsinputSrc(src, KEY), src).toBe("");
    }
  });
});

describe("validateAnswers with jsinput inputs", () => {
  it("lets a jsinput answer use the whole total, typed answers keep their limit", () => {
    const long = "x".repeat(MAX_ANSWER_CHARS + 10);
    expect(validateAnswers({ j: long }, ["j"], ["j"])).toEqual({ j: long });
    expect(() => validateAnswers({ t: long }, ["t"], ["j"])).toThrow(AppError);
    expect(() => validateAnswers({ j: "x".repeat(MAX_ANSWERS_TOTAL_CHARS + 1) }, ["j"], ["j"])).toThrow(/at most 20000 characters/);
  });
});
