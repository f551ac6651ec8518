// Issue 11 items 2 and 3 on the Open edX demo course: a YouTube unit shows the player placeholder
// and the transcript, requests nothing from YouTube until the learner presses play and then loads
// the player frame from youtube-nocookie.com (no network here: YouTube requests are answered by a
// stub); the transcript and controls work. A library_content unit shows each of two learners their
// own two problems, the same on every visit.
import { expect, test, type Page } from "@playwright/test";
import { registerUser } from "../support/auth";

const KEY = "course-v1:OpenedX+DemoX+DemoCourse";
const enc = (k: string) => encodeURIComponent(k);
const VIDEO_UNIT = "78b75020d3894fdfa8b4994f97275294";
const LIBRARY_UNIT = "7aaf479ec21f4b90b30822bdc35ae894";

// Skipped only when ../shared (the Open edX demo course, not committed: CC BY-NC-SA) is absent:
// scripts/e2e.sh imports it and sets E2E_OPENEDX_DEMO whenever it is there, as in CI.
test.skip(!process.env.E2E_OPENEDX_DEMO, "the Open edX demo course is not imported");

async function enroll(page: Page) {
  await page.goto(`/courses/${enc(KEY)}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${enc(KEY).replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });
}

test("YouTube unit: placeholder + transcript, youtube-nocookie requested only on play", async ({ page }) => {
  const youtube: string[] = [];
  await page.route(/youtube(-nocookie)?\.com/, (route) => {
    youtube.push(route.request().url());
    const js = route.request().url().includes("iframe_api");
    return route.fulfill({ status: 200, contentType: js ? "text/javascript" : "text/html", body: js ? "" : "<!doctype html><title>stub</title>" });
  });
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await registerUser(page, "ytl");
  await enroll(page);
  await page.goto(`/courses/${enc(KEY)}/jump/${VIDEO_UNIT}`);
  const placeholder = page.getByTestId("youtube-placeholder");
  await expect(placeholder).toBeVisible();
  const transcript = page.getByRole("region", { name: /^Transcript:/ }).first();
  await expect(transcript).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(youtube).toEqual([]);

  // Click-to-seek before the player exists: the playhead and active line move; the play button says where it starts.
  const cues = transcript.getByRole("button");
  await cues.nth(2).click();
  await expect(cues.nth(2)).toHaveAttribute("aria-current", "true");
  const player = page.getByTestId("video-player").first();
  const t = Number(await player.getAttribute("data-current-time"));
  expect(t).toBeGreaterThan(0);
  // Keyboard: arrows move through the transcript, Enter seeks.
  await cues.nth(2).focus();
  await page.keyboard.press("ArrowDown");
  await expect(cues.nth(3)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(cues.nth(3)).toHaveAttribute("aria-current", "true");
  await page.getByLabel("Speed").selectOption("1.5");
  await expect(page.getByLabel("Speed")).toHaveValue("1.5");

  await placeholder.getByRole("button", { name: /^▶ Play/ }).click();
  const frame = page.locator('[data-testid="youtube-player"] iframe');
  await expect(frame).toHaveAttribute("src", /^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+\?.*enablejsapi=1/);
  await expect.poll(() => youtube.some((u) => u.startsWith("https://www.youtube-nocookie.com/embed/"))).toBe(true);
  const src = new URL((await frame.getAttribute("src"))!);
  expect(Number(src.searchParams.get("start"))).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});

async function picks(page: Page): Promise<string[]> {
  await page.goto(`/courses/${enc(KEY)}/jump/${LIBRARY_UNIT}`);
  await expect(page.getByRole("heading", { level: 1, name: "Randomized Content" })).toBeVisible();
  const problems = page.locator('[data-block-type="problem"]');
  await expect(problems).toHaveCount(2);
  return problems.evaluateAll((els) => els.map((e) => e.getAttribute("data-usage-key") ?? ""));
}

test("library_content: two learners each see two problems, the same on every visit", async ({ browser }) => {
  test.slow();
  const seen: string[][] = [];
  for (const prefix of ["liba", "libb"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await registerUser(page, prefix);
    await enroll(page);
    const first = await picks(page);
    expect(first.every((k) => k.includes("type@problem"))).toBe(true);
    await page.waitForLoadState("networkidle"); // the unit-view action persists the pick
    expect(await picks(page)).toEqual(first);
    seen.push(first);
    await context.close();
  }
  expect(seen).toHaveLength(2);
});
