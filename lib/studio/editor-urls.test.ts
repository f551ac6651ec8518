import { describe, expect, it } from "vitest";
import { editorImageSrc } from "./editor-urls";

const key = "course-v1:Org+C1+2026";

describe("editorImageSrc", () => {
  it.each([
    ["/static/images/logo.png", "/assets/course-v1%3AOrg%2BC1%2B2026/images/logo.png"],
    ["/static/a%20b.png", "/assets/course-v1%3AOrg%2BC1%2B2026/a%20b.png"],
    ["/static/pic.png?raw#top", "/assets/course-v1%3AOrg%2BC1%2B2026/pic.png?raw#top"],
    ["/asset-v1:Org+C1+2026+type@asset+block@diagram.svg", "/assets/course-v1%3AOrg%2BC1%2B2026/diagram.svg"],
  ])("shows the course file %s from the asset route", (src, want) => {
    expect(editorImageSrc(key, src)).toBe(want);
  });

  it.each(["https://example.org/a.png", "data:image/png;base64,AAAA", "/assets/x/y.png", "relative.png"])("leaves %s alone", (src) => {
    expect(editorImageSrc(key, src)).toBe(src);
  });

  it("gives an empty string for a missing src", () => {
    expect(editorImageSrc(key, null)).toBe("");
  });
});
