// The committed icon set is what scripts/make-icons.ts draws, and each file is what its name says;
// robots.txt keeps crawlers to the public pages. (The e2e spec e2e/security/headers.spec.ts checks
// that the running site answers 200 for them.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { iconFiles } from "./make-icons";

const pub = (name: string) => readFileSync(path.resolve(__dirname, "../public", name));

describe("public icon set", () => {
  it("matches what scripts/make-icons.ts generates (rerun it after changing the drawing)", () => {
    for (const [name, data] of Object.entries(iconFiles())) expect(pub(name).equals(data), name).toBe(true);
  });

  it("favicon.ico is an icon directory of 16, 32 and 48 px PNG images", () => {
    const ico = pub("favicon.ico");
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const n = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < n; i++) {
      const e = 6 + 16 * i;
      const len = ico.readUInt32LE(e + 8);
      const off = ico.readUInt32LE(e + 12);
      const png = ico.subarray(off, off + len);
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(ico[e]);
      sizes.push(ico[e]);
    }
    expect(sizes).toEqual([16, 32, 48]);
  });

  it("apple-touch-icon.png is a 180×180 PNG and icon.svg an SVG", () => {
    const png = pub("apple-touch-icon.png");
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
    expect(pub("icon.svg").toString("utf8")).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});

describe("robots.txt", () => {
  const robots = pub("robots.txt").toString("utf8");
  const rules = robots.split("\n").filter((l) => /^(Allow|Disallow):/.test(l));
  it("allows the catalog and help", () => {
    expect(rules).toEqual(expect.arrayContaining(["Allow: /courses", "Allow: /help"]));
  });
  it("keeps crawlers out of Studio, the API, accounts and the courseware", () => {
    for (const p of ["/studio", "/api/", "/account", "/dashboard", "/bookmarks", "/courses/*/learn/"]) expect(rules).toContain(`Disallow: ${p}`);
    expect(rules).not.toContain("Disallow: /");
  });
});
