// The one place fixture paths come from: ATRIUM_SHARED_DIR, else ../shared beside the checkout.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePath, OPENEDX_DEMO_DIR, sharedDir } from "./shared-fixtures";

const ROOT = path.resolve(__dirname, "../..");

describe("shared fixtures", () => {
  it("honours ATRIUM_SHARED_DIR and falls back to ../shared beside the checkout", () => {
    expect(sharedDir({ ATRIUM_SHARED_DIR: "/srv/atrium-shared" })).toBe("/srv/atrium-shared");
    expect(sharedDir({})).toBe(path.resolve(ROOT, "../shared"));
    expect(fixturePath("olx", "x")).toBe(path.join(sharedDir(), "fixtures", "olx", "x"));
  });

  it("finds the Open edX demo course", () => {
    expect(existsSync(path.join(OPENEDX_DEMO_DIR, "course.xml"))).toBe(true);
  });

  it("no test, bench or script hard-codes where the shared folder is", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === "node_modules" || name.startsWith(".") || name === "var" || name === "fixtures") continue;
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx|mjs|sh)$/.test(name) && p !== __filename) {
          const text = readFileSync(p, "utf8");
          if (/["'`]\/work\/shared\/fixtures|\.\.\/shared\/fixtures/.test(text)) offenders.push(path.relative(ROOT, p));
        }
      }
    };
    for (const dir of ["lib", "tests", "bench", "scripts", "e2e"]) walk(path.join(ROOT, dir));
    expect(offenders).toEqual([]);
  });
});
