// Studio import: an author uploads a small course export, follows the progress bar to the result,
// opens the course page (versions, export) — and the pages pass axe. Each run imports a course
// with a unique org, so it changes nothing other specs use.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn, uniqueSuffix } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA } from "../support/axe";

function makeArchive(org: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "atrium-e2e-import-"));
  const c = path.join(dir, "course");
  const w = (p: string, body: string) => {
    mkdirSync(path.dirname(path.join(c, p)), { recursive: true });
    writeFileSync(path.join(c, p), body);
  };
  w("course.xml", `<course url_name="2026" org="${org}" course="E2E1"/>`);
  w("course/2026.xml", `<course display_name="E2E import ${org}" start="2026-01-01T00:00:00Z"><chapter url_name="ch1"/></course>`);
  w("chapter/ch1.xml", `<chapter display_name="Week 1"><sequential url_name="s1"/></chapter>`);
  w("sequential/s1.xml", `<sequential display_name="Lesson"><vertical url_name="v1"/></sequential>`);
  w("vertical/v1.xml", `<vertical display_name="Unit"><html url_name="h1"/><problem url_name="p1"/></vertical>`);
  w("html/h1.xml", `<html filename="h1" display_name="Text"/>`);
  w("html/h1.html", `<p>Hello from the e2e import.</p>`);
  w("problem/p1.xml", `<problem display_name="Q"><multiplechoiceresponse><label>Pick</label><choicegroup type="MultipleChoice"><choice correct="true">A</choice><choice correct="false">B</choice></choicegroup></multiplechoiceresponse></problem>`);
  w("policies/2026/policy.json", `{"course/2026": {"display_name": "E2E import ${org}"}}`);
  w("about/short_description.html", "A course imported by the e2e suite.");
  const archive = path.join(dir, `${org}.tar.gz`);
  execFileSync("tar", ["-czf", archive, "-C", dir, "course"]);
  return archive;
}

test("an author imports a course export and sees its versions and export link", async ({ page }) => {
  const org = `E2E${uniqueSuffix()}`.slice(0, 20);
  const archive = makeArchive(org);
  await signIn(page, "author@example.com", "author-pass-1");
  await page.goto("/studio/import");
  await expect(page.getByRole("heading", { name: "Import a course" })).toBeVisible();
  await expectNoSeriousAxeViolations(page, { tags: WCAG21AA });
  await page.getByLabel("Course export (.tar.gz)").setInputFiles(archive);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 60_000 });
  const key = `course-v1:${org}+E2E1+2026`;
  await expect(page.getByText("vertical: 1")).toBeVisible();
  await expectNoSeriousAxeViolations(page, { tags: WCAG21AA });
  await page.getByRole("link", { name: key }).click();
  await expect(page.getByRole("heading", { name: `E2E import ${org}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Version history" })).toBeVisible();
  await expectNoSeriousAxeViolations(page, { tags: WCAG21AA });
  const href = await page.getByRole("link", { name: "Export course (.tar.gz)" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/gzip");
  const body = await res.body();
  expect(body[0]).toBe(0x1f);
  expect(body[1]).toBe(0x8b);
});

test("a broken upload fails with a message and the page says nothing changed", async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "atrium-e2e-bad-"));
  const bad = path.join(dir, "broken.tar.gz");
  writeFileSync(bad, "this is not an archive");
  await signIn(page, "author@example.com", "author-pass-1");
  await page.goto("/studio/import");
  await page.getByLabel("Course export (.tar.gz)").setInputFiles(bad);
  await page.getByRole("button", { name: "Import" }).click();
  const progress = page.getByRole("region", { name: "Import progress" });
  await expect(progress.getByText("Import failed")).toBeVisible({ timeout: 60_000 });
  await expect(progress.getByText(/broken\.tar\.gz: not a \.tar\.gz/)).toBeVisible();
  await expect(progress.getByText(/Nothing was changed/)).toBeVisible();
});
