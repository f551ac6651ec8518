// The whole Studio → LMS journey, end to end. As an author: New course → New section /
// subsection / unit → a Text component written in the rich editor → a multiple-choice problem
// written in the markdown editor and answered in its preview → a video with an uploaded
// transcript → the subsection graded as Homework → Publish. As a learner: enroll, see exactly
// that content, answer the problem, get graded, see the progress page change. Then the author
// exports the course and imports it as a new run (the archive's run renamed), and the two
// outlines are compared.
import { createGunzip, gzipSync } from "node:zlib";
import { Readable } from "node:stream";
import { expect, test, type Page } from "@playwright/test";
import * as tar from "tar-stream";
import { signIn, uniqueSuffix } from "../support/auth";

const enc = encodeURIComponent;

const MARKDOWN = `Check what you read.

>>Which planet is closest to the Sun?<<
( ) Venus
(x) Mercury
( ) Mars
`;

const SRT = "1\n00:00:01,000 --> 00:00:04,000\nWelcome to the journey video.\n\n2\n00:00:05,000 --> 00:00:08,000\nThis line comes second.\n";

/** Waits until React has hydrated the page (a click before that does nothing). */
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

async function saved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveText("Saved.");
}

/** Outline as text lines ("chapter: Week 1", …) read from the Studio outline page. */
async function studioOutline(page: Page, courseKey: string): Promise<string[]> {
  await page.goto(`/studio/courses/${enc(courseKey)}/outline`);
  await hydrated(page);
  return page.locator('[data-testid="outline-chapter"], [data-testid="outline-sequential"], [data-testid="outline-vertical"]').evaluateAll((els) =>
    els.map((e) => {
      const kind = (e.getAttribute("data-testid") ?? "").replace("outline-", "");
      const name = e.querySelector("h2, h3, h4, a[href*='/units/']")?.textContent?.trim() ?? "";
      return `${kind}: ${name}`;
    }),
  );
}

/** Renames the run inside an Open edX export: course.xml's url_name, course/<run>.xml, policies/<run>/. */
async function renameRun(archive: Buffer, oldRun: string, newRun: string): Promise<Buffer> {
  const extract = tar.extract();
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c) => chunks.push(c as Buffer));
  const packed = new Promise<void>((resolve, reject) => {
    pack.on("end", resolve);
    pack.on("error", reject);
  });
  extract.on("entry", (header, stream, next) => {
    const parts: Buffer[] = [];
    stream.on("data", (c) => parts.push(c as Buffer));
    stream.on("end", () => {
      let body = Buffer.concat(parts);
      const name = header.name
        .replace(new RegExp(`(^|/)course/${oldRun}\\.xml$`), `$1course/${newRun}.xml`)
        .replace(new RegExp(`(^|/)policies/${oldRun}(/|$)`), `$1policies/${newRun}$2`);
      if (/(^|\/)course\.xml$/.test(header.name)) body = Buffer.from(body.toString("utf8").replace(`url_name="${oldRun}"`, `url_name="${newRun}"`));
      if (header.type === "file") pack.entry({ ...header, name, size: body.length }, body, next);
      else pack.entry({ ...header, name }, next);
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  Readable.from(archive).pipe(createGunzip()).pipe(extract);
  await done;
  pack.finalize();
  await packed;
  return gzipSync(Buffer.concat(chunks));
}

test("author builds and publishes a course; a learner takes it; export and re-import as a new run", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const run = `J${uniqueSuffix()}`.slice(0, 16);
  const courseKey = `course-v1:E2EJourney+J101+${run}`;

  // ── Author: New course and its outline ──────────────────────────────────────────────────────
  await signIn(page, "author", "author-pass-1");
  await page.goto("/studio");
  await page.getByRole("button", { name: "New course" }).click();
  await page.getByLabel("Course name").fill("Journey Course");
  await page.getByLabel("Organization").fill("E2EJourney");
  await page.getByLabel("Course number").fill("J101");
  await page.getByLabel("Course run").fill(run);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/outline$/, { timeout: 30_000 });
  await hydrated(page);
  await page.getByRole("button", { name: "+ New section" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(1);
  await rename(page, "Section", "Week 1");
  await expect(page.getByRole("heading", { name: "Week 1" })).toBeVisible();
  await page.getByRole("button", { name: "+ New subsection" }).click();
  await expect(page.getByTestId("outline-sequential")).toHaveCount(1);
  await rename(page, "Subsection", "Lesson 1");
  await expect(page.getByRole("heading", { name: "Lesson 1" })).toBeVisible();
  await page.getByRole("button", { name: "+ New unit" }).click();
  await expect(page.getByTestId("outline-vertical")).toHaveCount(1);
  await rename(page, "Unit", "The Planets");
  await page.getByRole("link", { name: "The Planets", exact: true }).click();
  await expect(page.getByRole("heading", { name: "The Planets", level: 1 })).toBeVisible();
  await hydrated(page);
  const unitEditorUrl = page.url();

  // ── Text in the rich editor ─────────────────────────────────────────────────────────────────
  await page.getByRole("button", { name: "Text", exact: true }).click();
  let editor = page.getByTestId("component-editor");
  await editor.getByLabel("Display name", { exact: true }).fill("Planet notes");
  await editor.getByRole("textbox", { name: "Text content" }).click();
  const toolbar = editor.getByRole("toolbar", { name: "Formatting" });
  await toolbar.getByRole("button", { name: "Heading 2" }).click();
  await page.keyboard.type("Our solar system");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Mercury is the ");
  await toolbar.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type("closest");
  await toolbar.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type(" planet to the Sun.");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await saved(page);
  await editor.getByRole("button", { name: "Close", exact: true }).click();

  // ── A multiple-choice problem in the markdown editor, answered in its preview ──────────────
  await page.getByRole("button", { name: "Problem", exact: true }).click();
  const problemEditor = page.getByTestId("problem-editor");
  await expect(problemEditor).toBeVisible();
  await problemEditor.getByLabel("Display name", { exact: true }).fill("Closest planet");
  await problemEditor.getByLabel("Problem markdown").fill(MARKDOWN);
  const preview = problemEditor.getByTestId("problem-preview");
  await expect(preview.getByRole("group", { name: "Which planet is closest to the Sun?" })).toBeVisible({ timeout: 20_000 });
  await preview.getByLabel("Venus").check();
  await preview.getByRole("button", { name: "Submit" }).click();
  await expect(preview.getByTestId("problem-message")).toHaveText("Incorrect: 0 of 1 points.");
  await preview.getByLabel("Mercury").check();
  await preview.getByRole("button", { name: "Submit" }).click();
  await expect(preview.getByTestId("problem-message")).toHaveText("Correct: 1 of 1 points.");
  await problemEditor.getByRole("button", { name: "Save", exact: true }).click();
  await saved(page);
  await page.goto(unitEditorUrl);
  await hydrated(page);

  // ── A video with an uploaded transcript ────────────────────────────────────────────────────
  await page.getByRole("button", { name: "Video", exact: true }).click();
  editor = page.getByTestId("component-editor");
  await expect(editor).toHaveAttribute("data-block-type", "video");
  await editor.getByLabel("Display name", { exact: true }).fill("Planets video");
  await editor.getByLabel("Source 1 URL").fill("https://media.example.test/planets.mp4");
  await editor.getByRole("button", { name: "Add a transcript" }).click();
  await editor.getByRole("button", { name: "Upload or choose transcript 1" }).click();
  await editor.getByLabel("Upload a file").setInputFiles({ name: "planets-en.srt", mimeType: "application/x-subrip", buffer: Buffer.from(SRT) });
  await editor.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(editor.getByLabel("Transcript 1 file")).toHaveValue(/planets-en\.srt$/);
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await saved(page);

  const components = page.getByTestId("unit-component");
  await expect(components).toHaveCount(3);
  expect(await components.evaluateAll((els) => els.map((e) => e.getAttribute("data-block-type")))).toEqual(["html", "problem", "video"]);

  // The draft preview shows all three through the LMS renderers.
  await page.getByRole("link", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Our solar system" })).toBeVisible();
  await expect(page.getByText("Welcome to the journey video.")).toBeVisible();
  // …and its problem is answered and graded there too (nothing is saved).
  const unitPreviewProblem = page.getByTestId("problem-preview");
  await expect(unitPreviewProblem.getByRole("group", { name: "Which planet is closest to the Sun?" })).toBeVisible({ timeout: 20_000 });
  await unitPreviewProblem.getByLabel("Mercury").check();
  await unitPreviewProblem.getByRole("button", { name: "Submit" }).click();
  await expect(unitPreviewProblem.getByTestId("problem-message")).toHaveText("Correct: 1 of 1 points.");

  // ── Graded subsection, then Publish ────────────────────────────────────────────────────────
  await page.goto(`/studio/courses/${enc(courseKey)}/outline`);
  await hydrated(page);
  await page.getByRole("button", { name: "Settings of Lesson 1" }).click();
  const settings = page.getByRole("form", { name: "Settings of Lesson 1" });
  await settings.getByLabel("Graded as").selectOption("Homework");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Graded as Homework")).toBeVisible();
  await page.getByRole("button", { name: "Publish all changes in the course" }).click();
  await expect(page.getByTestId("course-state")).toHaveText("Published and live");
  const authorOutline = await studioOutline(page, courseKey);
  expect(authorOutline).toEqual(["chapter: Week 1", "sequential: Lesson 1", "vertical: The Planets"]);

  // ── Learner: enroll, see exactly that content, answer, get graded ──────────────────────────
  const learnerCtx = await browser.newContext();
  const learner = await learnerCtx.newPage();
  await signIn(learner, "learner", "learner-pass-1");
  await learner.goto(`/courses/${enc(courseKey)}/about`);
  await learner.getByRole("button", { name: /Enroll now/ }).click();
  await expect(learner).not.toHaveURL(/\/about$/, { timeout: 20_000 });
  await learner.goto(`/courses/${enc(courseKey)}/progress`);
  const percentBefore = Number(((await learner.getByTestId("course-percent").textContent()) ?? "").replace("%", "").trim());
  await expect(learner.locator('[data-testid="subsection-score"]').filter({ hasText: "Lesson 1" }).getByTestId("subsection-points")).toHaveText(/^0\/1/);

  await learner.goto(`/courses/${enc(courseKey)}`);
  await learner.getByRole("link", { name: "The Planets" }).first().click();
  await expect(learner.getByRole("heading", { name: "The Planets", level: 1 })).toBeVisible();
  expect(await learner.locator("section[data-block-type]").evaluateAll((els) => els.map((e) => e.getAttribute("data-block-type")))).toEqual(["html", "problem", "video"]);
  await expect(learner.getByRole("heading", { name: "Our solar system", level: 2 })).toBeVisible();
  await expect(learner.locator("strong", { hasText: "closest" })).toBeVisible();
  await expect(learner.getByRole("heading", { name: "Planets video" })).toBeVisible();
  await expect(learner.getByText("Welcome to the journey video.")).toBeVisible();
  const problem = learner.getByTestId("problem");
  await expect(problem.getByRole("heading", { name: "Closest planet" })).toBeVisible();
  await problem.getByLabel("Mercury").check();
  await problem.getByRole("button", { name: "Submit" }).click();
  await expect(problem.getByTestId("problem-message")).toHaveText("Correct: 1 of 1 points.");

  await learner.goto(`/courses/${enc(courseKey)}/progress`);
  await expect(learner.locator('[data-testid="subsection-score"]').filter({ hasText: "Lesson 1" }).getByTestId("subsection-points")).toHaveText(/^1\/1/);
  const percentAfter = Number(((await learner.getByTestId("course-percent").textContent()) ?? "").replace("%", "").trim());
  expect(percentAfter).toBeGreaterThan(percentBefore);
  await learnerCtx.close();

  // ── Export, import as a new run, compare the outlines ──────────────────────────────────────
  const exported = await page.request.get(`/api/studio/courses/${enc(courseKey)}/export`);
  expect(exported.status()).toBe(200);
  const newRun = `${run}b`;
  const renamed = await renameRun(Buffer.from(await exported.body()), run, newRun);
  await page.goto("/studio/import");
  await page.locator('input[type="file"][name="archive"]').setInputFiles({ name: `journey-${newRun}.tar.gz`, mimeType: "application/gzip", buffer: renamed });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const newKey = `course-v1:E2EJourney+J101+${newRun}`;
  await expect(page.getByText(newKey).first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => (await page.request.get(`/studio/courses/${enc(newKey)}/outline`)).status(), { timeout: 60_000 }).toBe(200);
  const importedOutline = await studioOutline(page, newKey);
  expect(importedOutline).toEqual(authorOutline);
  // The new run's unit holds the same components.
  await page.getByRole("link", { name: "The Planets", exact: true }).click();
  await expect(page.getByRole("heading", { name: "The Planets", level: 1 })).toBeVisible();
  expect(await page.getByTestId("unit-component").evaluateAll((els) => els.map((e) => e.getAttribute("data-block-type")))).toEqual(["html", "problem", "video"]);
  await expect(page.getByRole("heading", { name: /Planet notes/, level: 3 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Closest planet/, level: 3 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Planets video/, level: 3 })).toBeVisible();
});
