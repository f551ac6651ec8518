// Studio's course tools, as the demo author: re-run the demo course with every date a year later
// (the new course's dates shown in Studio); import a course from a Git repository this spec makes
// (a local bare repository: scripts/e2e.sh sets GIT_IMPORT_ALLOW_LOCAL=true), re-import the same
// commit ("already up to date"), push a change and re-import it as a new version (reloading the
// page while the import runs keeps the progress: the job is in the URL); export as a job and
// download the archive. axe on the re-run, import and export pages.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueSuffix } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA } from "../support/axe";

const enc = encodeURIComponent;
const DEMO = "course-v1:Atrium+ATR101+2026";
const slow = expect.configure({ timeout: 60_000 });

async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("main");
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=E2E", "-c", "user.email=e2e@example.test", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  }).trim();
}

let hasGit = true;
try {
  execFileSync("git", ["--version"]);
} catch {
  hasGit = false;
}

test("re-run the demo course a year later and see the moved dates", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "author", "author-pass-1");
  await page.goto(`/studio/courses/${enc(DEMO)}/rerun`);
  await expect(page.getByRole("heading", { name: /^Re-run / })).toBeVisible();
  await hydrated(page);
  await expectNoSeriousAxeViolations(page, { label: "rerun", tags: WCAG21AA });
  const run = `R${uniqueSuffix()}`.slice(0, 20);
  await page.getByLabel("Course name").fill(`Atrium 101 (${run})`);
  await page.getByLabel("Course run").fill(run);
  await page.getByLabel("Move every date by (days)").fill("365");
  await expect(page.getByLabel("New start date")).toHaveValue("2027-01-01");
  const dates = page.getByRole("table", { name: "Dates of the new run" });
  await expect(dates.getByRole("row", { name: /Course start/ })).toContainText("2027-01-01 00:00 UTC");
  await page.getByRole("button", { name: "Create re-run" }).click();
  const key = `course-v1:Atrium+ATR101+${run}`;
  await slow(page.getByRole("heading", { name: `Atrium 101 (${run})`, exact: true })).toBeVisible();
  await expect(page.getByText(key, { exact: true })).toBeVisible();
  // Studio's course info: the new run starts and ends a year later; the source is unchanged
  await expect(page.locator("dt:has-text('Starts') + dd")).toHaveText("2027-01-01 00:00 UTC");
  await expect(page.locator("dt:has-text('Ends') + dd")).toHaveText("2031-12-31 23:59 UTC");
  await expect(page.getByRole("cell", { name: "rerun" }).first()).toBeVisible();
  await page.goto(`/studio/courses/${enc(DEMO)}`);
  await expect(page.locator("dt:has-text('Starts') + dd")).toHaveText("2026-01-01 00:00 UTC");
});

test("import a course from Git, re-import (unchanged, then a pushed change) and export it", async ({ page }) => {
  // Skipped only without the system `git`, which Git import needs.
  test.skip(!hasGit, "git is not installed on this machine");
  test.setTimeout(240_000);
  const work = mkdtempSync(path.join(tmpdir(), "atrium-e2e-git-"));
  try {
    const org = `Git${uniqueSuffix()}`.slice(0, 20);
    const bare = path.join(work, "course.git");
    const clone = path.join(work, "work");
    git(work, "init", "--bare", "--quiet", bare);
    git(work, "init", "--quiet", clone);
    cpSync(path.resolve("content/atr101"), path.join(clone, "content/atr101"), { recursive: true });
    const courseXml = path.join(clone, "content/atr101/course.xml");
    writeFileSync(courseXml, readFileSync(courseXml, "utf8").replace('org="Atrium"', `org="${org}"`));
    git(clone, "add", "-A");
    git(clone, "commit", "--quiet", "-m", "course");
    git(clone, "push", "--quiet", bare, "HEAD:refs/heads/main");
    const first = git(clone, "rev-parse", "HEAD");
    const key = `course-v1:${org}+ATR101+2026`;

    await signIn(page, "author", "author-pass-1");
    await page.goto("/studio/import");
    await hydrated(page);
    await page.getByLabel("Repository URL").fill(bare);
    await page.getByLabel("Branch or tag").fill("main");
    await page.getByLabel("Folder in the repository").fill("content/atr101");
    await page.getByRole("button", { name: "Clone from Git" }).click();
    const progress = page.getByRole("region", { name: "Import progress" });
    await slow(progress.getByText("Import finished")).toBeVisible();
    await expect(page).toHaveURL(/\?job=\d+$/);
    await expect(progress.getByTestId("git-commit")).toHaveText(first.slice(0, 12));
    await expectNoSeriousAxeViolations(page, { label: "studio import", tags: WCAG21AA });

    // the course's own import page: the Git source is remembered; the same commit changes nothing
    await page.goto(`/studio/courses/${enc(key)}/import`);
    await hydrated(page);
    await expect(page.getByLabel("Repository URL")).toHaveValue(bare);
    await expect(page.getByLabel("Folder in the repository")).toHaveValue("content/atr101");
    await expectNoSeriousAxeViolations(page, { label: "course import", tags: WCAG21AA });
    await page.getByRole("button", { name: "Re-import from Git" }).click();
    await slow(progress.getByText("Already up to date")).toBeVisible();

    // a pushed change is a new version; a reload while it runs keeps following the same job
    const policy = path.join(clone, "content/atr101/policies/2026/policy.json");
    writeFileSync(policy, readFileSync(policy, "utf8").replace('"Atrium 101: Learning with Atrium"', '"Atrium 101, from Git"'));
    git(clone, "commit", "--quiet", "-am", "rename");
    git(clone, "push", "--quiet", bare, "HEAD:refs/heads/main");
    const second = git(clone, "rev-parse", "HEAD");
    await page.goto(`/studio/courses/${enc(key)}/import`);
    await hydrated(page);
    const before = page.url();
    await page.getByRole("button", { name: "Re-import from Git" }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).not.toBe(before);
    expect(page.url()).toMatch(/\?job=\d+$/);
    await page.reload();
    await expect(progress).toBeVisible();
    await slow(progress.getByText("Import finished")).toBeVisible();
    await expect(progress.getByTestId("git-commit")).toHaveText(second.slice(0, 12));
    await page.goto(`/studio/courses/${enc(key)}`);
    await expect(page.getByRole("heading", { name: "Atrium 101, from Git" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Import page" })).toBeVisible();

    // export as a job, then download the archive it stored
    await page.goto(`/studio/courses/${enc(key)}/export`);
    await hydrated(page);
    await expectNoSeriousAxeViolations(page, { label: "export", tags: WCAG21AA });
    await page.getByRole("button", { name: "Export course content" }).click();
    const exported = page.getByRole("region", { name: "Export progress" });
    await slow(exported.getByText("Export ready")).toBeVisible();
    await expect(page).toHaveURL(/\?job=\d+$/);
    const link = exported.getByRole("link", { name: /^Download / });
    const href = await link.getAttribute("href");
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/gzip");
    const body = await res.body();
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);
    await expectNoSeriousAxeViolations(page, { label: "export done", tags: WCAG21AA });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
