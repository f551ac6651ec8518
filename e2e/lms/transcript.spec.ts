// The video player's transcript on Atrium 101's video unit: the page carries the transcript's URL,
// not its cues (neither in the HTML nor in the Flight data); the panel loads them itself, says so
// while it does, and when the load fails it offers "Try again" and the download link. Captions
// (<track>) read the same file as WebVTT; click-to-seek works on the loaded cues.
import { expect, test, type Page } from "@playwright/test";
import { registerUser } from "../support/auth";

const KEY = encodeURIComponent("course-v1:Atrium+ATR101+2026");
const UNIT = `/courses/${KEY}/learn/getting_started/welcome_unit`;
const SECOND_CUE = "A course is made of sections, subsections and units.";

async function enroll(page: Page) {
  await page.goto(`/courses/${KEY}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${KEY.replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });
}

test("the transcript loads in the browser: loading, failure with retry and download, captions, seek", async ({ page }) => {
  await registerUser(page, "trl");
  await enroll(page);

  // The page itself (a browser's document request) carries no cue.
  const doc = await page.request.get(UNIT, { headers: { Accept: "text/html" } });
  expect(doc.status()).toBe(200);
  const html = await doc.text();
  expect(html).toContain("Atrium in Five Seconds");
  expect(html).not.toContain(SECOND_CUE);

  // Held, then failed: "Loading transcript…", then the error with "Try again" and the download link.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/[?&]format=json/, async (route) => {
    await held;
    await route.fulfill({ status: 500, contentType: "text/plain", body: "unavailable" });
  });
  await page.goto(UNIT);
  const panel = page.getByRole("region", { name: /^Transcript:/ });
  await expect(panel.getByTestId("transcript-loading")).toHaveText("Loading transcript…");
  await expect(panel).toHaveAttribute("aria-busy", "true");
  release();
  const error = panel.getByTestId("transcript-error");
  await expect(error).toContainText("The transcript could not be loaded.");
  const download = error.getByRole("link", { name: "download it" });
  await expect(download).toHaveAttribute("href", /\/assets\/.+atrium-intro-en\.srt(\?v=[0-9a-f]+)?$/);
  expect((await page.request.get((await download.getAttribute("href"))!)).status()).toBe(200);
  await expect(page.getByRole("link", { name: "Download transcript (English)" })).toBeVisible();

  // The server answers again: "Try again" loads the cues.
  await page.unroute(/[?&]format=json/);
  await error.getByRole("button", { name: "Try again" }).click();
  const cues = panel.getByRole("button");
  await expect(cues.filter({ hasText: SECOND_CUE })).toBeVisible();
  await expect(panel).not.toHaveAttribute("aria-busy", "true");

  // Captions: the <track> reads the same file as WebVTT.
  const track = page.locator("video track").first();
  const vtt = await page.request.get((await track.getAttribute("src"))!);
  expect(vtt.headers()["content-type"]).toMatch(/^text\/vtt/);
  expect(await vtt.text()).toContain(SECOND_CUE);

  // Click-to-seek on a loaded cue.
  await cues.nth(1).click();
  await expect(cues.nth(1)).toHaveAttribute("aria-current", "true");
  await expect.poll(() => page.locator("video").first().evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(1.7);
});

test("the transcript JSON is cached for good under its versioned URL and answers If-None-Match", async ({ page }) => {
  await registerUser(page, "trc");
  await enroll(page);
  await page.goto(UNIT);
  const href = await page.getByRole("link", { name: "Download transcript (English)" }).getAttribute("href");
  expect(href).toMatch(/\?v=[0-9a-f]{8,}$/);
  const res = await page.request.get(`${href}&format=json`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  expect(res.headers()["cache-control"]).toMatch(/max-age=31536000, immutable/);
  const body = (await res.json()) as { cues: { start: number; end: number; text: string }[] };
  expect(body.cues[1]).toEqual({ start: 1.8, end: 3.5, text: SECOND_CUE });
  const again = await page.request.get(`${href}&format=json`, { headers: { "If-None-Match": res.headers()["etag"] } });
  expect(again.status()).toBe(304);
});
