// Studio's unit editor on the Atrium 101 course (imported by scripts/e2e.sh, owned by `author`):
// add / edit / duplicate / move / delete components, Text written in the rich editor, a video
// with an uploaded transcript, two authors saving the same component (the second gets the
// conflict message), discard changes, and axe on the editor and each component editor.
// Only the course's DRAFT is changed here (nothing is published), so learner specs are unaffected;
// each test works on its own unit.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA_BEST_PRACTICE } from "../support/axe";
import { keyboardDrag, pointerDrag } from "../support/drag";

const COURSE = "course-v1:Atrium+ATR101+2026";
const unitKey = (urlName: string) => `block-v1:Atrium+ATR101+2026+type@vertical+block@${urlName}`;
const unitUrl = (urlName: string) => `/studio/courses/${encodeURIComponent(COURSE)}/units/${encodeURIComponent(unitKey(urlName))}`;

/** Waits until React has hydrated the page (a click before that does nothing). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("main");
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  });
}

const items = (page: Page) => page.getByTestId("unit-component");
const item = (page: Page, name: string) => items(page).filter({ has: page.getByRole("heading", { name, level: 3 }) });
const editorOf = (page: Page) => page.getByTestId("component-editor");

async function openUnit(page: Page, urlName: string) {
  await page.goto(unitUrl(urlName));
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Components", level: 2 })).toBeVisible();
}

/** Reloads and waits until the page's scripts have run (a click before hydration does nothing). */
async function reload(page: Page) {
  await page.reload();
  await hydrated(page);
}

async function keysInOrder(page: Page): Promise<string[]> {
  return items(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-usage-key") ?? ""));
}

async function saveAndWait(editor: Locator) {
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByTestId("save-status")).toHaveText("Saved.");
}

test.describe("unit editor", () => {
  // Long flows with several axe runs on a shared 2-core machine.
  test.describe.configure({ timeout: 300_000 });

  test.beforeEach(async ({ page }) => {
    await signIn(page, "author", "author-pass-1");
  });

  test("add, edit, duplicate, move and delete components; raw OLX is checked", async ({ page }) => {
    await openUnit(page, "extras_unit");
    await expect(page.getByRole("heading", { name: "Not Supported Here", level: 1 })).toBeVisible();
    await expect(page.getByTestId("unit-state")).toHaveAttribute("data-state", "published");
    await expectNoSeriousAxeViolations(page, { label: "unit editor", tags: WCAG21AA_BEST_PRACTICE });
    const before = await keysInOrder(page);
    expect(before).toHaveLength(3);

    // Add a discussion: its editor opens in place.
    await page.getByRole("button", { name: "Discussion", exact: true }).click();
    await expect(items(page)).toHaveCount(4);
    const editor = editorOf(page);
    await expect(editor).toHaveAttribute("data-block-type", "discussion");
    await editor.getByLabel("Display name", { exact: true }).fill("Week 1 chat");
    await editor.getByLabel("Category", { exact: true }).fill("Week 1");
    await editor.getByLabel("Subcategory").fill("Introductions");
    await expectNoSeriousAxeViolations(page, { label: "discussion editor", tags: WCAG21AA_BEST_PRACTICE });
    await saveAndWait(editor);
    await expect(item(page, "Week 1 chat")).toHaveCount(1);
    await expect(page.getByTestId("unit-state")).toHaveAttribute("data-state", "changed");

    // The stored OLX is what the discussion editor wrote.
    await reload(page);
    await item(page, "Week 1 chat").getByRole("button", { name: "Edit: Week 1 chat" }).click();
    await expect(editorOf(page).getByLabel("Category", { exact: true })).toHaveValue("Week 1");
    await expect(editorOf(page).getByLabel("Subcategory")).toHaveValue("Introductions");
    await editorOf(page).getByRole("button", { name: "Close", exact: true }).click();

    // Duplicate: the copy lands right after the original.
    await item(page, "Week 1 chat").getByRole("button", { name: "Duplicate: Week 1 chat" }).click();
    await expect(items(page)).toHaveCount(5);
    const afterDup = await keysInOrder(page);
    const original = afterDup[3];
    expect(afterDup.slice(0, 3)).toEqual(before);
    expect(afterDup[4]).not.toBe(original);
    await expect(items(page).nth(4)).toHaveAttribute("data-block-type", "discussion");

    // Move the original up twice, then the first component down once.
    const orig = items(page).nth(3);
    await orig.getByRole("button", { name: /^Move up:/ }).click();
    await expect.poll(() => keysInOrder(page)).toEqual([before[0], before[1], original, before[2], afterDup[4]]);
    await items(page).nth(2).getByRole("button", { name: /^Move up:/ }).click();
    await expect.poll(() => keysInOrder(page)).toEqual([before[0], original, before[1], before[2], afterDup[4]]);
    await items(page).nth(0).getByRole("button", { name: /^Move down:/ }).click();
    await expect.poll(() => keysInOrder(page)).toEqual([original, before[0], before[1], before[2], afterDup[4]]);

    // Drag the first one by its handle (pointer) below the second.
    // (reordering is off while the previous move is still being saved)
    await expect(items(page).nth(0).getByRole("button", { name: /^Move down:/ })).toBeEnabled();
    await pointerDrag(page, items(page).nth(0).getByRole("button", { name: /^Drag to reorder:/ }), items(page).nth(1), "below", `over droppable area ${before[0]}`);
    await expect.poll(() => keysInOrder(page)).toEqual([before[0], original, before[1], before[2], afterDup[4]]);
    await expect(items(page).nth(0).getByRole("button", { name: /^Duplicate:/ })).toBeEnabled(); // saved
    await reload(page);
    expect(await keysInOrder(page)).toEqual([before[0], original, before[1], before[2], afterDup[4]]);

    // And by keyboard on the same handle: Space lifts, ArrowDown moves one place, Space drops.
    await expect(items(page).nth(1).getByRole("button", { name: /^Move down:/ })).toBeEnabled();
    await keyboardDrag(page, items(page).nth(1).getByRole("button", { name: /^Drag to reorder:/ }), "ArrowDown", `over droppable area ${before[1]}`);
    await expect.poll(() => keysInOrder(page)).toEqual([before[0], before[1], original, before[2], afterDup[4]]);
    await expect(items(page).nth(0).getByRole("button", { name: /^Duplicate:/ })).toBeEnabled(); // saved
    await reload(page);
    expect(await keysInOrder(page)).toEqual([before[0], before[1], original, before[2], afterDup[4]]);

    // Delete the copy, after confirming; cancelling keeps it.
    const copy = items(page).nth(4);
    await copy.getByRole("button", { name: /^Delete:/ }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this component?" });
    await expect(dialog).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "delete dialog", tags: WCAG21AA_BEST_PRACTICE });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(items(page)).toHaveCount(5);
    await copy.getByRole("button", { name: /^Delete:/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete component" }).click();
    await expect(items(page)).toHaveCount(4);
    expect(await keysInOrder(page)).not.toContain(afterDup[4]);

    // An unknown XBlock (poll) gets the raw OLX editor, which checks the XML before saving.
    const poll = items(page).filter({ has: page.locator('[data-block-type="poll"]') }).or(page.locator('[data-testid="unit-component"][data-block-type="poll"]'));
    await poll.getByRole("button", { name: /^Edit:/ }).click();
    const olxEditor = editorOf(page);
    const textarea = olxEditor.getByLabel("OLX of this poll component");
    const original_olx = await textarea.inputValue();
    expect(original_olx).toContain("<poll");
    expect(original_olx).toContain('question="Which kind of component do you enjoy most?"');
    await textarea.fill("<poll><answer></poll>");
    await olxEditor.getByRole("button", { name: "Save", exact: true }).click();
    await expect(olxEditor.getByRole("alert")).toContainText("not well-formed");
    await textarea.fill('<html display_name="x"/>');
    await olxEditor.getByRole("button", { name: "Save", exact: true }).click();
    await expect(olxEditor.getByRole("alert")).toHaveText("The root element must be <poll>, not <html>.");
    await expectNoSeriousAxeViolations(page, { label: "raw OLX editor with an error", tags: WCAG21AA_BEST_PRACTICE });
    const edited = original_olx.replace("Which kind of component do you enjoy most?", "Which component do you like best?");
    await textarea.fill(edited);
    await saveAndWait(olxEditor);
    await reload(page);
    await page.locator('[data-testid="unit-component"][data-block-type="poll"]').getByRole("button", { name: /^Edit:/ }).click();
    const saved = await editorOf(page).getByLabel("OLX of this poll component").inputValue();
    expect(saved).toContain('question="Which component do you like best?"');
    // Everything else of the unknown XBlock is kept as written.
    expect(saved).toContain('feedback="Thanks for voting! Tell us why in the Questions discussion."');
    expect(saved).toContain("max_submissions=\"1\"");
  });

  test("Text written in the rich editor is saved, sanitized in its preview and shown in the unit preview", async ({ page }) => {
    await openUnit(page, "finding_your_way");
    await page.getByRole("button", { name: "Text", exact: true }).click();
    const editor = editorOf(page);
    await expect(editor).toHaveAttribute("data-block-type", "html");
    await editor.getByLabel("Display name", { exact: true }).fill("Rich notes");
    const rich = editor.getByRole("textbox", { name: "Text content" });
    await rich.click();
    const toolbar = editor.getByRole("toolbar", { name: "Formatting" });
    await toolbar.getByRole("button", { name: "Heading 2" }).click();
    await page.keyboard.type("Study plan");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Read the ");
    await toolbar.getByRole("button", { name: "Bold" }).click();
    await page.keyboard.type("whole");
    await toolbar.getByRole("button", { name: "Bold" }).click();
    await page.keyboard.type(" chapter.");
    await page.keyboard.press("Enter");
    await toolbar.getByRole("button", { name: "Bulleted list" }).click();
    await page.keyboard.type("First item");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Second item");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await toolbar.getByRole("button", { name: "Insert a table" }).click();
    await page.keyboard.type("Cell A");
    await expect(rich.locator("h2")).toHaveText("Study plan");
    await expect(rich.locator("table")).toHaveCount(1);
    await expectNoSeriousAxeViolations(page, { label: "text editor (visual)", tags: WCAG21AA_BEST_PRACTICE });

    // The raw HTML tab shows what the rich editor wrote; a script added there is kept in the
    // stored HTML (authors are trusted) but the preview shows what learners get: no script.
    await editor.getByRole("tab", { name: "HTML" }).click();
    const raw = editor.getByLabel("HTML source");
    const html = await raw.inputValue();
    expect(html).toContain("<h2>Study plan</h2>");
    expect(html).toContain("<strong>whole</strong>");
    expect(html).toMatch(/<ul><li><p>First item<\/p><\/li><li><p>Second item<\/p><\/li><\/ul>/);
    expect(html).toContain("<table");
    await raw.fill(`${html}<p onclick="alert(1)">Clicked<script>window.__bad = 1</script></p><p><img src="/static/atrium-101-card.png" alt="Course card"></p>`);
    await expectNoSeriousAxeViolations(page, { label: "text editor (html)", tags: WCAG21AA_BEST_PRACTICE });
    // Back in the visual tab the course file's image loads (from the asset route), while the
    // HTML keeps the portable /static/ address.
    await editor.getByRole("tab", { name: "Visual" }).click();
    const card = rich.getByRole("img", { name: "Course card" });
    await expect(card).toHaveAttribute("src", /^\/assets\/.+\/atrium-101-card\.png/);
    await expect.poll(() => card.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await editor.getByRole("tab", { name: "HTML" }).click();
    expect(await raw.inputValue()).toContain('src="/static/atrium-101-card.png"');
    await editor.getByRole("tab", { name: "Preview" }).click();
    const preview = editor.getByTestId("html-preview");
    await expect(preview.locator("h2")).toHaveText("Study plan");
    await expect(preview.getByText("Clicked")).toBeVisible();
    expect(await preview.innerHTML()).not.toMatch(/script|onclick/);
    await expectNoSeriousAxeViolations(page, { label: "text editor (preview)", tags: WCAG21AA_BEST_PRACTICE });
    await saveAndWait(editor);
    await expect(item(page, "Rich notes")).toHaveCount(1);

    // Reopened, the rich editor shows the saved content.
    await reload(page);
    await item(page, "Rich notes").getByRole("button", { name: "Edit: Rich notes" }).click();
    await expect(editorOf(page).getByRole("textbox", { name: "Text content" }).locator("h2")).toHaveText("Study plan");

    // The unit preview renders the draft through the LMS renderer.
    await page.goto(`/studio/courses/${encodeURIComponent(COURSE)}/preview/${encodeURIComponent(unitKey("finding_your_way"))}`);
    await expect(page.getByRole("heading", { name: "Study plan", level: 2 })).toBeVisible();
    await expect(page.getByText("Clicked")).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __bad?: number }).__bad)).toBeUndefined();
    await expectNoSeriousAxeViolations(page, { label: "unit preview", tags: WCAG21AA_BEST_PRACTICE });
    // Learners still see the published unit, without the draft's new text.
    await page.goto(`/courses/${encodeURIComponent(COURSE)}/jump/finding_your_way`);
    await expect(page.getByRole("heading", { name: "Finding Your Way", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Study plan" })).toHaveCount(0);
  });

  test("a video with an uploaded transcript", async ({ page }) => {
    await openUnit(page, "formula_unit");
    await page.getByRole("button", { name: "Video", exact: true }).click();
    const editor = editorOf(page);
    await expect(editor).toHaveAttribute("data-block-type", "video");
    await editor.getByLabel("Display name", { exact: true }).fill("Formula walkthrough");
    await editor.getByLabel("Source 1 URL").fill("https://media.example.test/formulas.mp4");
    await editor.getByLabel("Start time").fill("0:05");
    await editor.getByRole("button", { name: "Add a transcript" }).click();
    await expect(editor.getByLabel("Transcript 1 language")).toHaveValue("en");
    await editor.getByRole("button", { name: "Upload or choose transcript 1" }).click();
    await expectNoSeriousAxeViolations(page, { label: "video editor with the file picker", tags: WCAG21AA_BEST_PRACTICE });
    await editor.getByLabel("Upload a file").setInputFiles({
      name: "formulas-en.srt",
      mimeType: "application/x-subrip",
      buffer: Buffer.from("1\n00:00:01,000 --> 00:00:04,000\nA formula is a recipe for a number.\n\n2\n00:00:05,000 --> 00:00:09,000\nType it with the usual operators.\n"),
    });
    await editor.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(editor.getByLabel("Transcript 1 file")).toHaveValue(/formulas-en\.srt$/);
    await editor.getByLabel("Learners may download the video").check();
    await saveAndWait(editor);
    await expect(item(page, "Formula walkthrough")).toHaveCount(1);

    await reload(page);
    await item(page, "Formula walkthrough").getByRole("button", { name: "Edit: Formula walkthrough" }).click();
    await expect(editorOf(page).getByLabel("Start time")).toHaveValue("00:00:05");
    await expect(editorOf(page).getByLabel("Transcript 1 file")).toHaveValue(/formulas-en\.srt$/);
    await expect(editorOf(page).getByLabel("Learners may download the video")).toBeChecked();

    // The preview plays it through the LMS player, with the uploaded transcript.
    await page.goto(`/studio/courses/${encodeURIComponent(COURSE)}/preview/${encodeURIComponent(unitKey("formula_unit"))}`);
    const video = page.locator('[data-block-type="video"]');
    await expect(video.getByRole("heading", { name: "Formula walkthrough" })).toBeVisible();
    await expect(video.getByText("A formula is a recipe for a number.")).toBeVisible();
    await expect(video.locator("video source, video[src]").first()).toHaveAttribute("src", "https://media.example.test/formulas.mp4");
  });

  test("two authors save the same component: the second gets the conflict message", async ({ page, browser }) => {
    await openUnit(page, "typing_words");
    await page.getByRole("button", { name: "Discussion", exact: true }).click();
    await editorOf(page).getByLabel("Display name", { exact: true }).fill("Shared topic");
    await saveAndWait(editorOf(page));
    await reload(page);

    const other = await secondAuthor(browser);
    await openUnit(other, "typing_words");
    await item(page, "Shared topic").getByRole("button", { name: "Edit: Shared topic" }).click();
    await item(other, "Shared topic").getByRole("button", { name: "Edit: Shared topic" }).click();
    await editorOf(page).getByLabel("Category", { exact: true }).fill("From the first author");
    await editorOf(other).getByLabel("Category", { exact: true }).fill("From the second author");

    await saveAndWait(editorOf(page));
    await editorOf(other).getByRole("button", { name: "Save", exact: true }).click();
    const conflict = editorOf(other).getByTestId("conflict");
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText("Your changes were not saved");
    await expect(conflict.getByTestId("conflict-theirs")).toContainText('discussion_category="From the first author"');
    await expect(conflict.getByTestId("conflict-mine")).toContainText("From the second author", { useInnerText: false });
    // The author's own text is still in the editor to copy.
    await expect(editorOf(other).getByLabel("Category", { exact: true })).toHaveValue("From the second author");
    await expectNoSeriousAxeViolations(other, { label: "conflict message", tags: WCAG21AA_BEST_PRACTICE });
    await conflict.getByRole("button", { name: "Load the newer version" }).click();
    await expect(editorOf(other).getByTestId("conflict")).toHaveCount(0);
    await expect(editorOf(other).getByLabel("Category", { exact: true })).toHaveValue("From the first author");
    // Now based on the newest revision, the second author's save goes through.
    await editorOf(other).getByLabel("Category", { exact: true }).fill("Merged by hand");
    await saveAndWait(editorOf(other));
    await other.context().close();
  });

  test("discard changes puts the unit back to its published content", async ({ page }) => {
    await openUnit(page, "choices_single");
    await expect(page.getByTestId("unit-state")).toHaveAttribute("data-state", "published");
    await expect(page.getByRole("button", { name: "Discard changes" })).toHaveCount(0);
    const before = await keysInOrder(page);
    await items(page).nth(1).getByRole("button", { name: /^Move up:/ }).click();
    await expect.poll(() => keysInOrder(page)).toEqual([before[1], before[0]]);
    await page.getByRole("button", { name: "Discussion", exact: true }).click();
    await expect(items(page)).toHaveCount(3);
    await expect(page.getByTestId("unit-state")).toHaveAttribute("data-state", "changed");
    await expect(page.getByRole("link", { name: "View live" })).toHaveAttribute("href", /\/jump\/choices_single$/);

    await page.getByRole("button", { name: "Discard changes" }).click();
    const dialog = page.getByRole("dialog", { name: "Discard unpublished changes?" });
    await dialog.getByRole("button", { name: "Discard changes" }).click();
    await expect(page.getByTestId("unit-state")).toHaveAttribute("data-state", "published");
    await expect.poll(() => keysInOrder(page)).toEqual(before);
  });
});

async function secondAuthor(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await signIn(p, "author", "author-pass-1");
  return p;
}
