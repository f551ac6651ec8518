// Prints the closing lines of `npm test` from the real reports of the run: Vitest's and
// Playwright's JSON reports and the health-recovery check's output. Nothing is rounded up:
// - a Vitest file that fails to load (import error, syntax error) counts as one failed test;
// - a Playwright test that failed and then passed on retry is "flaky", never "passed";
// - Playwright's own errors (web server did not start, global setup failed) count as failures;
// - a missing or unreadable report is a failure, and so is every stage named in --failed-stages.
// The last line is always `Tests: N passed, N failed, N skipped, N flaky` (a CI parser reads the
// first three); the exit code is non-zero when anything failed or is missing.
// Usage: node scripts/test-summary.mjs [--failed-stages lint,typecheck] vitest.json playwright.json [health.txt]
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

function readJson(file) {
  if (!file || !existsSync(file)) return { error: `missing report ${file ?? "(none given)"}` };
  try {
    return { data: JSON.parse(readFileSync(file, "utf8")) };
  } catch (err) {
    return { error: `unreadable report ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Counts from a Vitest JSON report (jest-compatible shape). */
export function vitestCounts(v) {
  const files = Array.isArray(v.testResults) ? v.testResults : [];
  // A file that failed without any test result did not load (or crashed outside every test).
  const loadErrors = files.filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0);
  return {
    passed: v.numPassedTests ?? 0,
    failed: (v.numFailedTests ?? 0) + loadErrors.length,
    skipped: (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0),
    flaky: 0,
    loadErrors: loadErrors.map((f) => `${f.name}: ${String(f.message ?? "").split("\n")[0]}`),
  };
}

/** Counts from a Playwright JSON report: flaky (failed, then passed on retry) is its own count. */
export function playwrightCounts(p) {
  const s = p.stats ?? {};
  const errors = Array.isArray(p.errors) ? p.errors : [];
  return {
    passed: s.expected ?? 0,
    failed: (s.unexpected ?? 0) + errors.length,
    skipped: s.skipped ?? 0,
    flaky: s.flaky ?? 0,
    errors: errors.map((e) => String(e.message ?? e.value ?? JSON.stringify(e)).split("\n")[0]),
  };
}

/** Counts from the health-recovery output ("health-recovery: N passed, N failed"), or null. */
export function healthCounts(text) {
  const m = /health-recovery: (\d+) passed, (\d+) failed/.exec(text);
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: 0, flaky: 0 } : null;
}

/** The closing lines and exit code for a run. */
export function summarize({ vitestFile, playwrightFile, healthFile, failedStages = [] }) {
  const total = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
  const lines = [];
  const problems = [];
  const add = (c) => {
    for (const k of Object.keys(total)) total[k] += c[k];
  };

  const v = readJson(vitestFile);
  if (v.error) problems.push(`Vitest: ${v.error}`);
  else {
    const c = vitestCounts(v.data);
    add(c);
    lines.push(`vitest ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${c.loadErrors.length ? ` (${c.loadErrors.length} file(s) failed to load)` : ""}`);
    for (const e of c.loadErrors) problems.push(`Vitest file failed to load: ${e}`);
  }

  const p = readJson(playwrightFile);
  if (p.error) problems.push(`Playwright: ${p.error}`);
  else {
    const c = playwrightCounts(p.data);
    add(c);
    lines.push(`playwright ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.flaky} flaky`);
    for (const e of c.errors) problems.push(`Playwright error: ${e}`);
    if (c.flaky) problems.push(`Playwright: ${c.flaky} flaky test(s) failed before passing on retry`);
  }

  if (healthFile !== undefined) {
    const c = existsSync(healthFile) ? healthCounts(readFileSync(healthFile, "utf8")) : null;
    if (!c) problems.push(`health-recovery: no summary line in ${healthFile}`);
    else {
      add(c);
      lines.push(`health-recovery ${c.passed} passed, ${c.failed} failed`);
    }
  }

  for (const stage of failedStages) problems.push(`stage failed: ${stage}`);
  const missing = problems.some((x) => /missing report|unreadable report|no summary line/.test(x));
  const exitCode = total.failed > 0 || failedStages.length > 0 || missing ? 1 : 0;
  return {
    lines: [...problems.map((x) => `! ${x}`), ...lines, `Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped, ${total.flaky} flaky`],
    exitCode,
    total,
  };
}

function main(argv) {
  const args = [...argv];
  let failedStages = [];
  const i = args.indexOf("--failed-stages");
  if (i >= 0) {
    failedStages = (args[i + 1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    args.splice(i, 2);
  }
  const [vitestFile, playwrightFile, healthFile] = args;
  const { lines, exitCode } = summarize({ vitestFile, playwrightFile, healthFile, failedStages });
  for (const line of lines) console.log(line);
  process.exitCode = exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
