// Prints one closing line with the real counts of the run: Vitest's and Playwright's JSON reports
// and the health-recovery check, added up ("Tests: N passed, N failed, N skipped"). Exits non-zero if a report is missing.
import { readFileSync, existsSync } from "node:fs";

const [vitestFile, playwrightFile, healthFile] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
const parts = [];

if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  parts.push(`vitest ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped`);
} else {
  console.error(`missing Vitest report ${vitestFile}`);
  process.exitCode = 1;
}
if (playwrightFile && existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, "utf8"));
  const s = p.stats;
  const pwFailed = s.unexpected;
  passed += s.expected + s.flaky; failed += pwFailed; skipped += s.skipped;
  parts.push(`playwright ${s.expected + s.flaky} passed (${s.flaky} flaky), ${pwFailed} failed, ${s.skipped} skipped`);
} else {
  console.error(`missing Playwright report ${playwrightFile}`);
  process.exitCode = 1;
}
if (healthFile) {
  const m = existsSync(healthFile) ? /health-recovery: (\d+) passed, (\d+) failed/.exec(readFileSync(healthFile, "utf8")) : null;
  if (m) {
    passed += Number(m[1]); failed += Number(m[2]);
    parts.push(`health-recovery ${m[1]} passed, ${m[2]} failed`);
  } else {
    console.error(`missing health-recovery summary in ${healthFile}`);
    process.exitCode = 1;
  }
}
console.log(parts.join("; "));
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
