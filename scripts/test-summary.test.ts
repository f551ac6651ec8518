// scripts/test-summary.mjs on sample reports: it never flatters. Load errors and Playwright's own
// errors count as failures, flaky is reported apart from passed, missing reports and failed
// stages fail the run, and the last line keeps the form a CI parser reads.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const SCRIPT = path.join(__dirname, "test-summary.mjs");
const F = (name: string) => path.join(__dirname, "fixtures/test-summary", name);
const LAST = /^Tests: (\d+) passed, (\d+) failed, (\d+) skipped, (\d+) flaky$/;

async function summary(...args: string[]) {
  try {
    const r = await run(process.execPath, [SCRIPT, ...args]);
    return { code: 0, out: r.stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, out: e.stdout ?? "" };
  }
}
function lastLine(out: string) {
  const lines = out.trimEnd().split("\n");
  const m = LAST.exec(lines.at(-1) ?? "");
  if (!m) throw new Error(`last line is not a counts line:\n${out}`);
  return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]), flaky: Number(m[4]) };
}

describe("test-summary.mjs", () => {
  it("adds up clean reports and exits 0", async () => {
    const r = await summary(F("vitest-clean.json"), F("playwright-clean.json"), F("health-clean.txt"));
    expect(r.code).toBe(0);
    expect(lastLine(r.out)).toEqual({ passed: 4 + 7 + 11, failed: 0, skipped: 1 + 2, flaky: 0 });
  });

  it("counts a Vitest file that failed to load as a failure and names it", async () => {
    // A real Vitest 4 JSON report: one file with 1 passed, 1 failed, 1 skipped, 1 todo; one file whose import failed.
    const r = await summary(F("vitest-failures-and-load-error.json"), F("playwright-clean.json"), F("health-clean.txt"));
    expect(r.code).toBe(1);
    expect(lastLine(r.out)).toEqual({ passed: 1 + 7 + 11, failed: 1 + 1, skipped: 2 + 2, flaky: 0 });
    expect(r.out).toMatch(/failed to load: .*b\.test\.mjs: Cannot find module/);
  });

  it("reports Playwright's flaky tests apart from passed", async () => {
    const r = await summary(F("vitest-clean.json"), F("playwright-flaky.json"), F("health-clean.txt"));
    const counts = lastLine(r.out);
    expect(counts.passed).toBe(4 + 6 + 11); // not 4 + 8 + 11
    expect(counts.flaky).toBe(2);
    expect(counts.failed).toBe(0);
    expect(r.out).toContain("playwright 6 passed, 0 failed, 0 skipped, 2 flaky");
  });

  it("counts Playwright errors outside tests and health-recovery failures, and exits non-zero", async () => {
    const r = await summary(F("vitest-clean.json"), F("playwright-failed-and-error.json"), F("health-one-failed.txt"));
    expect(r.code).toBe(1);
    expect(lastLine(r.out)).toEqual({ passed: 4 + 3 + 9, failed: 1 + 1 + 1, skipped: 1 + 1, flaky: 0 });
    expect(r.out).toContain("Timed out waiting 120000ms from config.webServer");
  });

  it("still prints the counts line, and exits non-zero, when a report is missing or a stage failed", async () => {
    const missing = await summary(F("vitest-clean.json"), F("no-such-playwright.json"), F("health-clean.txt"));
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("missing report");
    expect(lastLine(missing.out)).toEqual({ passed: 4 + 11, failed: 0, skipped: 1, flaky: 0 });

    const stage = await summary("--failed-stages", "Lint,Typecheck", F("vitest-clean.json"), F("playwright-clean.json"), F("health-clean.txt"));
    expect(stage.code).toBe(1);
    expect(stage.out).toContain("stage failed: Lint");
    expect(stage.out).toContain("stage failed: Typecheck");
    expect(lastLine(stage.out).failed).toBe(0);

    const none = await summary("--failed-stages", "", F("vitest-clean.json"), F("playwright-clean.json"), F("health-clean.txt"));
    expect(none.code).toBe(0);
  });
});
