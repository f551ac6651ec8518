// The learner's journey on both demo courses: sign up → search → about → enroll → course home →
// first unit → next/previous across a subsection boundary → transcript click-to-seek → bookmark →
// dashboard progress and Resume. Plus access rules (unenrolled redirect, 404s, locked asset,
// Range) and axe checks. Each state-changing test registers its own user.
import { expect, test, type Page } from "@playwright/test";
import { registerUser } from "../support/auth";
import { expectNoSeriousAxeViolations } from "../support/axe";

interface DemoCourse {
  key: string;
  name: string;
  search: string;
  sections?: number;
  /** url_name of a unit whose video has a transcript */
  videoUnit: string;
  html5: boolean;
}

const COURSES: DemoCourse[] = [
  { key: "course-v1:OpenedX+DemoX+DemoCourse", name: "Open edX Demo Course", search: "DemoX", sections: 6, videoUnit: "78b75020d3894fdfa8b4994f97275294", html5: false },
  { key: "course-v1:Atrium+ATR101+2026", name: "Atrium 101: Learning with Atrium", search: "Atrium 101", videoUnit: "welcome_unit", html5: true },
];

const enc = (k: string) => encodeURIComponent(k);
const subsectionOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/learn/")[1]?.split("/")[0] ?? "");
// Left out of the axe checks: a jsinput problem's page is the course author's own document (the
// demo course's Twine simulation has low-contrast links), checked by its author, not by Atrium.
const JSINPUT_FRAMES = 'iframe[data-testid^="jsinput-"]';

async function enrollThroughCatalog(page: Page, c: DemoCourse) {
  await page.goto("/courses");
  await page.getByLabel("Search", { exact: true }).fill(c.search);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/courses\?q=/);
  await page.getByRole("link", { name: c.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: c.name })).toBeVisible();
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${enc(c.key).replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });
}

for (const c of COURSES) {
  test.describe(`learner on ${c.name}`, () => {
    test("catalog → enroll → courseware → video → bookmark → dashboard Resume", async ({ page }) => {
      await registerUser(page, "lmsl");
      await enrollThroughCatalog(page, c);

      const outline = page.getByRole("list", { name: "Course outline" });
      await expect(outline).toBeVisible();
      if (c.sections) await expect(outline.locator(":scope > li")).toHaveCount(c.sections);

      await page.getByRole("link", { name: /Start course|Resume course/ }).click();
      await expect(page.getByRole("navigation", { name: /^Units in / })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(c.name);

      // Next until the subsection changes (a boundary), then Previous goes back into the first one.
      const first = subsectionOf(page.url());
      let crossed = false;
      for (let i = 0; i < 40 && !crossed; i++) {
        const before = page.url();
        await page.getByRole("link", { name: /^Next/ }).click();
        await page.waitForURL((u) => u.href !== before);
        crossed = subsectionOf(page.url()) !== first;
      }
      expect(crossed).toBe(true);
      const second = subsectionOf(page.url());
      await page.getByRole("link", { name: /^← Previous|^Previous/ }).click();
      await expect.poll(() => subsectionOf(page.url())).toBe(first);
      await page.getByRole("link", { name: /^Next/ }).click();
      await expect.poll(() => subsectionOf(page.url())).toBe(second);

      // A video unit: transcript panel, click-to-seek.
      await page.goto(`/courses/${enc(c.key)}/jump/${enc(c.videoUnit)}`);
      const transcript = page.getByRole("region", { name: /^Transcript:/ }).first();
      await expect(transcript).toBeVisible();
      // The panel loads its cues after the page (the page carries only the transcript's URL).
      const cues = transcript.getByRole("button");
      await expect.poll(() => cues.count()).toBeGreaterThan(1);
      await cues.nth(1).click();
      await expect(cues.nth(1)).toHaveAttribute("aria-current", "true");
      const player = page.getByTestId("video-player").first();
      await expect.poll(async () => Number(await player.getAttribute("data-current-time"))).toBeGreaterThan(0);
      if (c.html5) {
        const t = await page.locator("video").first().evaluate((v: HTMLVideoElement) => v.currentTime);
        expect(t).toBeGreaterThan(0);
        await expect(page.getByLabel("Speed")).toBeVisible();
      } else {
        // YouTube: a placeholder until the learner starts it (e2e/lms/content.spec.ts plays it).
        await expect(page.getByTestId("youtube-placeholder")).toBeVisible();
        await expect(page.getByRole("button", { name: /^▶ Play .* from / })).toBeVisible();
        await expect(page.getByLabel("Speed")).toBeVisible();
      }
      // Keyboard path through the transcript.
      await cues.nth(0).focus();
      await page.keyboard.press("ArrowDown");
      await expect(cues.nth(1)).toBeFocused();
      const videoUnitUrl = page.url();
      const unitTitle = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();

      await page.getByRole("button", { name: /Bookmark this page/ }).click();
      await expect(page.getByRole("button", { name: /Bookmarked/ })).toHaveAttribute("aria-pressed", "true");
      // Let the view recorder (runs after render) reach the server before leaving.
      await page.waitForTimeout(1200);

      await page.goto("/bookmarks");
      await expect(page.getByRole("link", { name: unitTitle })).toBeVisible();

      await page.goto("/dashboard");
      const card = page.getByRole("article", { name: c.name });
      await expect(card).toBeVisible();
      await expect.poll(async () => Number((await card.getByTestId("course-progress").textContent())?.match(/\d+/)?.[0] ?? 0)).toBeGreaterThan(0);
      await card.getByRole("link", { name: /Resume/ }).click();
      await expect(page).toHaveURL(videoUnitUrl);
    });
  });
}

test.describe("access", () => {
  test("unenrolled learner is sent to the about page with a message; 404s; locked asset; range", async ({ page, playwright, baseURL }) => {
    await registerUser(page, "lmsu");
    const k = enc("course-v1:Atrium+ATR101+2026");
    await page.goto(`/courses/${k}/learn/getting_started/welcome_unit`);
    await expect(page).toHaveURL(new RegExp(`/courses/${k.replace(/%/g, "%")}/about\\?notice=enroll-required`));
    await expect(page.getByText("You must be enrolled in this course")).toBeVisible();

    for (const path of [`/courses/${enc("course-v1:Nope+X+Y")}`, `/courses/${enc("course-v1:Nope+X+Y")}/about`, `/courses/${enc("course-v1:Nope+X+Y")}/learn/a/b`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
    }
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    // Locked asset: 403 for a signed-in learner who is not enrolled, 401 anonymous.
    const locked = `/assets/${k}/atrium-lab-notes.txt`;
    expect((await page.request.get(locked)).status()).toBe(403);
    const anon = await playwright.request.newContext({ baseURL });
    expect((await anon.get(locked)).status()).toBe(401);

    // Public media: Range → 206 with Content-Range; the hash-pinned URL is immutable.
    const media = await anon.get(`/assets/${k}/video/atrium-intro.mp4`, { headers: { Range: "bytes=0-99" } });
    expect(media.status()).toBe(206);
    expect(media.headers()["content-range"]).toMatch(/^bytes 0-99\/\d+$/);
    expect((await media.body()).length).toBe(100);
    expect(media.headers()["content-type"]).toBe("video/mp4");
    const etag = media.headers()["etag"]!.replace(/"/g, "");
    const pinned = await anon.get(`/assets/${k}/video/atrium-intro.mp4?v=${etag.slice(0, 16)}`, { headers: { Range: "bytes=0-0" } });
    expect(pinned.headers()["cache-control"]).toContain("immutable");
    await anon.dispose();

    // Enrolled: the locked asset is readable; unknown units are 404.
    await page.goto(`/courses/${k}/about`);
    await page.getByRole("button", { name: /Enroll now/ }).click();
    await expect(page).toHaveURL(new RegExp(`/courses/${k}$`));
    expect((await page.request.get(locked)).status()).toBe(200);
    expect((await page.goto(`/courses/${k}/learn/getting_started/no_such_unit`))?.status()).toBe(404);
    // Staff-only and unreleased units are 404 for learners by direct URL, and absent from the outline.
    expect((await page.goto(`/courses/${k}/learn/extras/staff_notes`))?.status()).toBe(404);
    expect((await page.goto(`/courses/${k}/learn/coming_soon/coming_soon_unit`))?.status()).toBe(404);
    await page.goto(`/courses/${k}`);
    await expect(page.getByRole("list", { name: "Course outline" })).not.toContainText("Staff Notes");
    await expect(page.getByRole("list", { name: "Course outline" })).not.toContainText("Coming Soon");
  });

  test("axe: catalog, about, dashboard, course home, dates, unit with video and problem", async ({ page }) => {
    // Seven full axe scans, the demo course's home among them: 51 s on CI's busy 2 cores once,
    // and over the 60 s default once (then passed on retry). Triple time, not a retry, covers it.
    test.slow();
    await registerUser(page, "lmsa");
    const k = enc("course-v1:OpenedX+DemoX+DemoCourse");
    await page.goto("/courses");
    await expectNoSeriousAxeViolations(page, { label: "catalog", exclude: JSINPUT_FRAMES });
    await page.goto(`/courses/${k}/about`);
    await expectNoSeriousAxeViolations(page, { label: "about", exclude: JSINPUT_FRAMES });
    await page.getByRole("button", { name: /Enroll now/ }).click();
    await expect(page).toHaveURL(new RegExp(`/courses/${k}$`));
    await expectNoSeriousAxeViolations(page, { label: "course home", exclude: JSINPUT_FRAMES });
    await page.goto(`/courses/${k}/dates`);
    await expectNoSeriousAxeViolations(page, { label: "dates", exclude: JSINPUT_FRAMES });
    await page.goto(`/courses/${k}/jump/bf1cd17b606440ca8fc26bf08b22b22b`);
    await expect(page.locator('[data-block-type="video"]').first()).toBeVisible();
    await expect(page.locator('[data-block-type="problem"]').first()).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "unit", exclude: JSINPUT_FRAMES });
    await page.goto(`/courses/${enc("course-v1:Atrium+ATR101+2026")}/about`);
    await page.getByRole("button", { name: /Enroll now/ }).click();
    await expect(page).toHaveURL(/ATR101%2B2026$/);
    await page.goto(`/courses/${enc("course-v1:Atrium+ATR101+2026")}/learn/getting_started/welcome_unit`);
    await expectNoSeriousAxeViolations(page, { label: "atr101 video unit", exclude: JSINPUT_FRAMES });
    await page.goto("/dashboard");
    await expectNoSeriousAxeViolations(page, { label: "dashboard", exclude: JSINPUT_FRAMES });
  });
});
