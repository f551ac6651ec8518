// Studio's settings pages end to end as the demo author, on a course the spec creates (New course,
// one graded subsection with a problem). Schedule & details entered in the browser's time zone
// (America/New_York here) → Publish → the LMS about page and dates tab show the new schedule (in
// UTC); an impossible date combination shows a message next to the field and saves nothing.
// Grading: assignment types and a cutoff set by dragging, arrow keys and typing → Publish; a
// learner answers; a new policy → Publish → the regrade job's progress bar completes and the
// learner's progress page shows the new grade. Advanced settings: a bad value is refused next to
// its key. axe (serious/critical) on the three pages.
import { expect, test, type Page } from "@playwright/test";
import { registerUser, signIn, uniqueSuffix } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA_BEST_PRACTICE } from "../support/axe";

const enc = encodeURIComponent;
const slow = expect.configure({ timeout: 30_000 });

test.use({ timezoneId: "America/New_York" });

const MARKDOWN = `>>Which planet is closest to the Sun?<<
( ) Venus
(x) Mercury
( ) Mars
`;

async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("main");
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  });
}

async function rename(page: Page, current: string, next: string) {
  await page.getByRole("button", { name: `Rename ${current}`, exact: true }).first().click();
  const input = page.getByRole("textbox", { name: `New name for ${current}` });
  await input.fill(next);
  await input.press("Enter");
}

async function coursePercent(page: Page): Promise<number> {
  return Number(((await page.getByTestId("course-percent").textContent()) ?? "").replace("%", "").trim());
}

test("schedule, grading and advanced settings: saved, published, seen by learners", async ({ page, browser }) => {
  test.setTimeout(420_000);
  page.setDefaultTimeout(30_000);
  const run = `S${uniqueSuffix()}`.slice(0, 16);
  const courseKey = `course-v1:E2ESettings+S101+${run}`;
  const studio = `/studio/courses/${enc(courseKey)}`;

  // ── A course with one graded subsection holding one problem ───────────────────────────────
  await signIn(page, "author", "author-pass-1");
  await page.goto("/studio");
  await page.getByRole("button", { name: "New course" }).click();
  await page.getByLabel("Course name").fill("Settings Course");
  await page.getByLabel("Organization").fill("E2ESettings");
  await page.getByLabel("Course number").fill("S101");
  await page.getByLabel("Course run").fill(run);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/outline$/, { timeout: 30_000 });
  await hydrated(page);
  await page.getByRole("button", { name: "+ New section" }).click();
  await slow(page.getByTestId("outline-chapter")).toHaveCount(1);
  await page.getByRole("button", { name: "+ New subsection" }).click();
  await slow(page.getByTestId("outline-sequential")).toHaveCount(1);
  await rename(page, "Subsection", "Lesson 1");
  await slow(page.getByRole("heading", { name: "Lesson 1" })).toBeVisible();
  await page.getByRole("button", { name: "+ New unit" }).click();
  await slow(page.getByTestId("outline-vertical")).toHaveCount(1);
  await rename(page, "Unit", "Planets");
  await page.getByRole("link", { name: "Planets", exact: true }).click();
  await slow(page.getByRole("heading", { name: "Planets", level: 1 })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Problem", exact: true }).click();
  const problemEditor = page.getByTestId("problem-editor");
  await slow(problemEditor).toBeVisible();
  await problemEditor.getByLabel("Display name", { exact: true }).fill("Closest planet");
  await problemEditor.getByLabel("Problem markdown").fill(MARKDOWN);
  await problemEditor.getByRole("button", { name: "Save", exact: true }).click();
  await slow(page.getByTestId("save-status")).toHaveText("Saved.");
  await page.goto(`${studio}/outline`);
  await hydrated(page);
  await page.getByRole("button", { name: "Settings of Lesson 1" }).click();
  const subSettings = page.getByRole("form", { name: "Settings of Lesson 1" });
  await subSettings.getByLabel("Graded as").selectOption("Homework");
  await subSettings.getByRole("button", { name: "Save" }).click();
  await slow(page.getByText("Graded as Homework")).toBeVisible();

  // ── Schedule & details ─────────────────────────────────────────────────────────────────────
  await page.goto(`${studio}/settings/details`);
  await hydrated(page);
  const form = page.getByRole("form", { name: "Schedule and details" });
  await slow(form).toBeVisible();
  await expect(form.getByText("America/New_York")).toBeVisible();
  await expectNoSeriousAxeViolations(page, { label: "details", tags: WCAG21AA_BEST_PRACTICE });

  // An impossible combination: a message next to the field, nothing saved.
  await form.getByLabel("Course start").fill("2026-02-03T09:00");
  await form.getByLabel("Course end").fill("2026-01-01T09:00");
  await form.getByRole("button", { name: "Save changes" }).click();
  const endField = form.getByLabel("Course end");
  await expect(endField).toHaveAttribute("aria-invalid", "true");
  const errorId = ((await endField.getAttribute("aria-describedby")) ?? "").split(" ").find((x) => x.endsWith("-error"));
  expect(errorId).toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText("The course end date must be after the course start date.");
  await page.reload();
  await hydrated(page);
  await expect(form.getByLabel("Course end")).toHaveValue("");

  await form.getByLabel("Course start").fill("2026-02-03T09:00");
  await form.getByLabel("Course end").fill("2027-08-20T17:00");
  await form.getByLabel("Enrollment start").fill("2026-01-15T00:00");
  await form.getByLabel("Enrollment end").fill("2027-08-01T00:00");
  await form.getByRole("radio", { name: /Self-paced/ }).check();
  await form.getByLabel("Short description").fill("Planets, for settings tests.");
  // the overview in the rich-text editor: "An **overview** of the planets."
  const overview = form.getByRole("group", { name: "Course overview" });
  await overview.getByRole("textbox", { name: "Course overview", exact: true }).click();
  await page.keyboard.type("An ");
  await overview.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type("overview");
  await overview.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type(" of the planets.");
  await overview.getByRole("tab", { name: "HTML" }).click();
  await expect(overview.getByLabel("HTML source")).toHaveValue("<p>An <strong>overview</strong> of the planets.</p>");
  await form.getByLabel("Hours of effort per week").fill("3 hours/week");
  await form.getByLabel("Course language").selectOption("fr");
  await form.getByLabel("Upload a new image").setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64") });
  await slow(form.getByLabel("Image shown in the catalog and on the about page")).toHaveValue("cover.png");
  await expect(form.getByRole("img", { name: "Preview of the course image" })).toBeVisible();
  await form.getByRole("button", { name: "Save changes" }).click();
  await slow(page.getByText("Saved to the draft. Publish to show learners.")).toBeVisible();
  // shown back in the author's zone
  await page.reload();
  await hydrated(page);
  await expect(form.getByLabel("Course start")).toHaveValue("2026-02-03T09:00");
  await expect(form.getByLabel("Course end")).toHaveValue("2027-08-20T17:00");
  await expect(page.getByTestId("settings-unpublished")).toBeVisible();
  await form.getByRole("button", { name: "Publish course" }).click();
  await slow(page.getByText("Published: learners now see these settings.")).toBeVisible();
  await slow(page.getByTestId("settings-unpublished")).toHaveCount(0);

  // ── Grading ────────────────────────────────────────────────────────────────────────────────
  await page.goto(`${studio}/settings/grading`);
  await hydrated(page);
  await expect(page.getByText("Learners’ grades are recomputed when you publish.")).toBeVisible();
  await expectNoSeriousAxeViolations(page, { label: "grading", tags: WCAG21AA_BEST_PRACTICE });
  for (const t of ["Lab", "Midterm Exam", "Final Exam"]) await page.getByRole("button", { name: `Remove ${t}` }).click();
  await page.getByLabel("Weight of assignment type 1").fill("100");
  await page.getByLabel("Total number of assignment type 1").fill("1");
  await page.getByLabel("Droppable of assignment type 1").fill("0");
  await expect(page.getByText("Weights total: 100 %")).toBeVisible();
  // drag the Pass handle with the pointer to about 70 %
  const handle = page.getByRole("slider", { name: "Lowest percent for grade Pass" });
  await handle.scrollIntoViewIfNeeded();
  const bar = (await page.getByTestId("cutoff-bar").boundingBox())!;
  const hb = (await handle.boundingBox())!;
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width * 0.7, hb.y + hb.height / 2, { steps: 10 });
  await page.mouse.up();
  const dragged = Number(await handle.getAttribute("aria-valuenow"));
  expect(dragged).toBeGreaterThanOrEqual(67);
  expect(dragged).toBeLessThanOrEqual(73);
  await expect(page.getByLabel("Lowest percent for grade Pass (number)")).toHaveValue(String(dragged));
  // arrow keys on the handle, then typing the number
  await handle.focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(handle).toHaveAttribute("aria-valuenow", String(dragged + 2));
  await page.getByLabel("Lowest percent for grade Pass (number)").fill("50");
  await expect(handle).toHaveAttribute("aria-valuenow", "50");
  await page.getByLabel("Hours").fill("1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await slow(page.getByText("Saved to the draft. Publish to re-grade learners with it.")).toBeVisible();
  await page.getByRole("button", { name: "Publish course" }).click();
  await slow(page.getByText(/Re-graded 0 of 0 learners/)).toBeVisible();

  // ── Learner: the about page and dates tab show the schedule; answers the problem ─────────────
  const learnerCtx = await browser.newContext();
  const learner = await learnerCtx.newPage();
  learner.setDefaultTimeout(30_000);
  await registerUser(learner, "settings");
  await learner.goto(`/courses/${enc(courseKey)}/about`);
  await expect(learner.getByText("Planets, for settings tests.")).toBeVisible();
  await expect(learner.getByText("overview", { exact: true })).toBeVisible();
  const aside = learner.getByRole("complementary", { name: "Enrollment and dates" });
  // 09:00 in New York on Feb 3 is 14:00 UTC
  await expect(aside.getByText(/Feb 3, 2026,? 2:00\sPM UTC/)).toBeVisible();
  await expect(aside.getByText(/Aug 20, 2027/)).toBeVisible();
  await expect(aside.getByText("3 hours/week")).toBeVisible();
  await expect(aside.getByText("Self-paced")).toBeVisible();
  await expect(aside.locator("img")).toHaveAttribute("src", /cover\.png/);
  await learner.getByRole("button", { name: /Enroll now/ }).click();
  await expect(learner).not.toHaveURL(/\/about$/, { timeout: 20_000 });
  await learner.goto(`/courses/${enc(courseKey)}/dates`);
  await expect(learner.getByText("Course ends")).toBeVisible();
  await expect(learner.getByText(/Aug 20, 2027/).first()).toBeVisible();
  await learner.goto(`/courses/${enc(courseKey)}`);
  await learner.getByRole("link", { name: "Planets" }).first().click();
  const problem = learner.getByTestId("problem");
  await slow(problem.getByRole("heading", { name: "Closest planet" })).toBeVisible();
  await problem.getByLabel("Mercury").check();
  await problem.getByRole("button", { name: "Submit" }).click();
  await slow(problem.getByTestId("problem-message")).toHaveText("Correct: 1 of 1 points.");
  await learner.goto(`/courses/${enc(courseKey)}/progress`);
  expect(await coursePercent(learner)).toBe(100);

  // ── Author: a new policy (Homework 40 %, Final Exam 60 %), published → learner re-graded ─────
  await page.reload();
  await hydrated(page);
  await page.getByLabel("Weight of assignment type 1").fill("40");
  await page.getByRole("button", { name: "Add an assignment type" }).click();
  await page.getByLabel("Name of assignment type 2").fill("Final Exam");
  await page.getByLabel("Abbreviation of assignment type 2").fill("Final");
  await page.getByLabel("Weight of assignment type 2").fill("60");
  await page.getByRole("button", { name: "Save changes" }).click();
  await slow(page.getByText("Saved to the draft. Publish to re-grade learners with it.")).toBeVisible();
  await page.getByRole("button", { name: "Publish course" }).click();
  await slow(page.getByText("Re-graded 1 of 1 learners.")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /Re-graded 1 of 1/ })).toHaveAttribute("value", "100");
  await learner.goto(`/courses/${enc(courseKey)}/progress`);
  expect(await coursePercent(learner)).toBe(40);
  await learnerCtx.close();

  // ── Advanced settings: a bad value is refused next to its key; a good one saves ─────────────
  await page.goto(`${studio}/settings/advanced`);
  await hydrated(page);
  await expectNoSeriousAxeViolations(page, { label: "advanced", tags: WCAG21AA_BEST_PRACTICE });
  const maxAttempts = page.getByLabel("Maximum attempts");
  await maxAttempts.fill("-1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator('[data-setting="max_attempts"]').getByText("This cannot be less than 0.")).toBeVisible();
  await page.getByLabel("Discussion topic mapping").fill("{not json");
  await maxAttempts.fill("3");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator('[data-setting="discussion_topics"]').getByText(/not valid JSON/)).toBeVisible();
  await page.getByLabel("Discussion topic mapping").fill('{"General": {"id": "course"}}');
  await page.getByRole("button", { name: "Save changes" }).click();
  await slow(page.getByText(/Saved to the draft \(.*max_attempts.*\)/)).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Maximum attempts")).toHaveValue("3");
});
