import { describe, expect, it } from "vitest";
import { assetServePolicy, parseMediaType } from "./asset-policy";
import { signAssetGrant, verifyAssetGrant } from "./asset-origin";

describe("parseMediaType", () => {
  it("trims, lower-cases and keeps the charset", () => {
    expect(parseMediaType(" text/html")).toEqual({ essence: "text/html", charset: undefined });
    expect(parseMediaType("\tTEXT/HTML ; Charset=\"UTF-8\"")).toEqual({ essence: "text/html", charset: "utf-8" });
  });
  it("rejects what is not a media type", () => {
    for (const bad of ["", "html", "text/", "/html", "text/html image/png", "text/ht<ml", null, undefined]) expect(parseMediaType(bad as string)).toBeNull();
  });
});

describe("assetServePolicy", () => {
  const disp = (t: string) => assetServePolicy(t, "dir/file.bin").disposition;

  it("serves passive types inline", () => {
    for (const t of ["image/png", "image/jpeg", "image/webp", "audio/mpeg", "video/mp4", "application/pdf", "text/plain", "text/vtt", "application/x-subrip", "application/json", "text/css", "font/woff2", "application/font-woff"])
      expect(disp(t), t).toBe("inline");
  });

  it("sandboxes HTML and SVG however the type is written", () => {
    for (const t of ["text/html", " text/html", "Text/HTML; charset=utf-8", "application/xhtml+xml", "image/svg+xml", " IMAGE/SVG+XML"]) {
      const p = assetServePolicy(t, "x");
      expect(p.disposition, t).toBe("sandboxed");
      expect(p.headers["Content-Security-Policy"]).toMatch(/^sandbox /);
      expect(p.headers["Content-Security-Policy"]).not.toContain("allow-same-origin");
      expect(p.contentType).not.toMatch(/^\s/);
    }
  });

  it("sends XML, +xml, scripts, unknown and unparsable types as sandboxed attachments", () => {
    for (const t of ["application/atom+xml", "application/rss+xml", "text/xml", "application/xml", "text/javascript", "application/x-shockwave-flash", "video/x+xml", "", "text/html image/png", "application/octet-stream"]) {
      const p = assetServePolicy(t, "dir/some file.xml");
      expect(p.disposition, t).toBe("attachment");
      expect(p.headers["Content-Disposition"]).toBe(`attachment; filename="some file.xml"; filename*=UTF-8''some%20file.xml`);
      expect(p.headers["Content-Security-Policy"]).toMatch(/^sandbox /);
    }
    expect(assetServePolicy("text/html image/png", "x").contentType).toBe("application/octet-stream");
  });

  it("always says nosniff", () => {
    for (const t of ["image/png", "text/html", "application/atom+xml"]) expect(assetServePolicy(t, "x").headers["X-Content-Type-Options"]).toBe("nosniff");
  });
});

describe("asset grants", () => {
  const secret = "s".repeat(40);
  it("verifies for the same file within the lifetime only", () => {
    const now = Date.UTC(2026, 0, 1);
    const g = signAssetGrant(secret, "course-v1:a+b+c", "x.html", now);
    expect(verifyAssetGrant(secret, "course-v1:a+b+c", "x.html", g, now + 60_000)).toBe(true);
    expect(verifyAssetGrant(secret, "course-v1:a+b+c", "y.html", g, now)).toBe(false);
    expect(verifyAssetGrant(secret, "course-v1:a+b+d", "x.html", g, now)).toBe(false);
    expect(verifyAssetGrant("t".repeat(40), "course-v1:a+b+c", "x.html", g, now)).toBe(false);
    expect(verifyAssetGrant(secret, "course-v1:a+b+c", "x.html", g, now + 3_600_000)).toBe(false);
    expect(verifyAssetGrant(secret, "course-v1:a+b+c", "x.html", null, now)).toBe(false);
  });
});
