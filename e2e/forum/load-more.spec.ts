// A long thread's responses come a page at a time: a learner's thread gets 30 responses (written
// through SQL, bumping the thread's counters and revision as a post does), the view shows the
// first 25 and a "Load more responses (5 more)" button that appends the rest and moves focus to
// the first one loaded; a response posted after the learner's visit, on the second page, is one
// "Show new posts" away (loaded, marked New and focused). axe runs on the paged view. Atrium 101.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import mysql from "mysql2/promise";
import { registerUser, uniqueSuffix } from "../support/auth";

const COURSE = "course-v1:Atrium+ATR101+2026";
const enc = encodeURIComponent;
const forumUrl = (q = "") => `/courses/${enc(COURSE)}/discussion${q}`;

/** Adds `n` responses by `authorId` to the thread, as insertPost would (post count, sequence, revision). */
async function addResponses(threadId: number, authorId: number, bodies: string[]) {
  const conn = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  try {
    const [[t]] = (await conn.query("SELECT course_id AS courseId FROM forum_threads WHERE id = ?", [threadId])) as unknown as [{ courseId: number }[]];
    await conn.query("INSERT INTO forum_posts (thread_id, course_id, parent_id, author_id, body_md, body_html, created_at) VALUES ?", [
      bodies.map((b) => [threadId, t.courseId, null, authorId, b, `<p>${b}</p>\n`, new Date()]),
    ]);
    await conn.query("UPDATE forum_threads SET post_count = post_count + ?, post_seq = post_seq + ?, revision = revision + 1 WHERE id = ?", [bodies.length, bodies.length, threadId]);
  } finally {
    await conn.end();
  }
}

async function seenSeq(threadId: number, username: string): Promise<number | null> {
  const conn = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  try {
    const [rows] = await conn.query("SELECT r.seen_seq AS s FROM forum_reads r JOIN users u ON u.id = r.user_id WHERE r.thread_id = ? AND u.username = ?", [threadId, username]);
    return (rows as { s: number }[])[0]?.s ?? null;
  } finally {
    await conn.end();
  }
}

async function userId(username: string): Promise<number> {
  const conn = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  try {
    const [rows] = await conn.query("SELECT id FROM users WHERE username = ?", [username]);
    return (rows as { id: number }[])[0].id;
  } finally {
    await conn.end();
  }
}

test("a long thread: Load more responses, then Show new posts", async ({ page }) => {
  test.setTimeout(120_000);
  const user = await registerUser(page, "lm");
  await page.goto(`/courses/${enc(COURSE)}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${enc(COURSE).replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });

  const title = `A long thread ${uniqueSuffix()}`;
  await page.goto(forumUrl());
  await page.getByRole("button", { name: "+ New post" }).click();
  await page.getByRole("combobox", { name: "Topic" }).selectOption({ label: "General" });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your post").fill("Many answers, please.");
  await page.getByRole("button", { name: "Submit post" }).click();
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  const threadId = Number(new URL(page.url()).searchParams.get("thread"));
  expect(threadId).toBeGreaterThan(0);

  const authorId = await userId("author"); // the seeded instructor writes the responses
  await addResponses(threadId, authorId, Array.from({ length: 30 }, (_, i) => `Response number ${i + 1}.`));

  await page.goto(forumUrl(`?thread=${threadId}`));
  const article = page.getByRole("article");
  const responses = article.getByRole("listitem", { name: /^Response by / });
  await expect(article.getByRole("heading", { name: /^30 responses/ })).toBeVisible();
  await expect(responses).toHaveCount(25);
  await expect(article.getByText("Response number 25.")).toBeVisible();
  await expect(article.getByText("Response number 26.")).toHaveCount(0);
  const more = article.getByRole("button", { name: "Load more responses (5 more)" });
  await expect(more).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(responses).toHaveCount(30);
  await expect(responses.nth(25)).toBeFocused();
  await expect(responses.nth(25)).toContainText("Response number 26.");
  await expect(article.getByRole("button", { name: /^Load more responses/ })).toHaveCount(0);

  // the visit is recorded (marked read up to the 30th post); a response posted afterwards lands on page 2
  await expect.poll(() => seenSeq(threadId, user.username)).toBe(30);
  await addResponses(threadId, authorId, ["A brand new response."]);
  await page.goto(forumUrl(`?thread=${threadId}`));
  await expect(responses).toHaveCount(25);
  await expect(article.getByText("There are new posts since your last visit further down.")).toBeVisible();
  await article.getByRole("button", { name: "Show new posts" }).click();
  const fresh = responses.filter({ hasText: "A brand new response." });
  await expect(fresh).toBeFocused();
  await expect(fresh.getByText("New", { exact: true })).toBeVisible();
  await expect(article.getByText("There are new posts since your last visit further down.")).toHaveCount(0);
});
