// Image-click inputs (imageresponse) in the learner's view: the image's src is rewritten like an
// <img> in problem text (/static/ and /c4x/ → the asset route), and only safe URLs survive.
import { describe, expect, it } from "vitest";
import { problemImageSrc } from "./html";
import { sanitizeInput } from "./service";

const KEY = "course-v1:Org+C1+2026";

describe("problemImageSrc", () => {
  it("maps course files to the asset route, as <img> in problem text", () => {
    expect(problemImageSrc("/static/maps/Africa.png", KEY)).toMatch(/^\/assets\/course-v1%3AOrg%2BC1%2B2026\/maps\/Africa\.png/);
    expect(problemImageSrc("https://studio.edx.org/c4x/edX/DemoX/asset/Africa.png", KEY)).toMatch(/^\/assets\/course-v1%3AOrg%2BC1%2B2026\/Africa\.png/);
  });

  it("keeps other https images and drops unsafe URLs", () => {
    expect(problemImageSrc("https://example.org/a.png", KEY)).toBe("https://example.org/a.png");
    for (const src of ["javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.test/a.png", "a.png"]) expect(problemImageSrc(src, KEY), src).toBe("");
  });

  it("sanitizeInput rewrites an image input's src", () => {
    const input = { id: "1_2_1", responseId: "1_2", responseType: "imageresponse", descriptions: [], questionLabel: "Question 1", kind: "image" as const, src: "/static/a.png", width: 10, height: 20, alt: "A map" };
    expect(sanitizeInput(input, KEY)).toMatchObject({ kind: "image", src: expect.stringMatching(/^\/assets\/.*\/a\.png/), width: 10, height: 20, alt: "A map" });
  });
});
