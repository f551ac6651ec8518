// A long thread's responses come a page at a time: a learner's thread gets 30 responses (written
// through SQL, bumping the thread's counters and revision as a post does), the view shows the
// first 25 and a "Load more responses (5 more)" button that appends the rest and moves focus to
// the first one loaded; a response posted after the learner's visit, on the second page, is one
// "Show new posts" away (loaded, marked New and focused). A response's comments come 10 at a time
// the same way: "Load more comments (N more)" appends the next page and focuses its first comment,
// a learner's own new comment, landing beyond the loaded ones, is loaded and focused after posting
// it, and so is a new comment beyond the first 10 that "Show new posts" leads to (or that the reader
// loads by hand, which takes the notice away too). axe runs on the paged views. Atrium 101.
import { expect, test, type Locator, type Page } from "@playwright/test";
import mysql from "mysql2/promise";
import { registerUser, uniqueSuffix } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA } from "../support/axe";

const COURSE = "course-v1:Atrium+ATR101+2026";
const enc = encodeURIComponent;
const forumUrl = (q = "") => `/courses/${enc(COURSE)}/discussion${q}`;

/** One query on a fresh connection to the e2e database. */
async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const conn = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  try {
    const [rows] = await conn.query(sql, params);
    return rows as T[];
  } finally {
    await conn.end();
  }
}

/** Adds posts by `authorId` to the thread (responses, or comments under `parentId`), as insertPost would (post count, sequence, revision). */
async function addPosts(threadId: number, parentId: number | null, authorId: number, bodies: string[]) {
  const [t] = await query<{ courseId: number }>("SELECT course_id AS courseId FROM forum_threads WHERE id = ?", [threadId]);
  await query("INSERT INTO forum_posts (thread_id, course_id, parent_id, author_id, body_md, body_html, created_at) VALUES ?", [
    bodies.map((b) => [threadId, t.courseId, parentId, authorId, b, `<p>${b}</p>\n`, new Date()]),
  ]);
  await query("UPDATE forum_threads SET post_count = post_count + ?, post_seq = post_seq + ?, revision = revision + 1 WHERE id = ?", [bodies.length, bodies.length, threadId]);
}
const addResponses = (threadId: number, authorId: number, bodies: string[]) => addPosts(threadId, null, authorId, bodies);
const addComments = (threadId: number, parentId: number, authorId: number, bodies: string[]) => addPosts(threadId, parentId, authorId, bodies);

const responseIds = async (threadId: number) => (await query<{ id: number }>("SELECT id FROM forum_posts WHERE thread_id = ? AND parent_id IS NULL ORDER BY id", [threadId])).map((r) => r.id);

const seenSeq = async (threadId: number, username: string) =>
  (await query<{ s: number }>("SELECT r.seen_seq AS s FROM forum_reads r JOIN users u ON u.id = r.user_id WHERE r.thread_id = ? AND u.username = ?", [threadId, username]))[0]?.s ?? null;

const userId = async (username: string) => (await query<{ id: number }>("SELECT id FROM users WHERE username = ?", [username]))[0].id;

/** A paged list's first page: `shown` items, the last reading `last`, the next one (`next`) not there yet. */
async function expectFirstPage(container: Locator, items: Locator, { shown, last, next }: { shown: number; last: string; next: string }) {
  await expect(items).toHaveCount(shown);
  await expect(container.getByText(last)).toBeVisible();
  await expect(container.getByText(next)).toHaveCount(0);
}

/** "Load more …" pressed from the keyboard: the list grows to `total`, and focus moves to the first item loaded, which reads `firstLoaded`. */
async function loadMoreByKeyboard(page: Page, more: Locator, items: Locator, { total, firstLoaded }: { total: number; firstLoaded: string }) {
  const from = await items.count();
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(items).toHaveCount(total);
  await expect(items.nth(from)).toBeFocused();
  await expect(items.nth(from)).toContainText(firstLoaded);
}

/** A new learner enrolled in Atrium 101 who starts a thread in General; its id. */
async function learnerWithThread(page: Page, prefix: string, title: string, body: string) {
  const user = await registerUser(page, prefix);
  await page.goto(`/courses/${enc(COURSE)}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${enc(COURSE).replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });
  await page.goto(forumUrl());
  await page.getByRole("button", { name: "+ New post" }).click();
  await page.getByRole("combobox", { name: "Topic" }).selectOption({ label: "General" });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your post").fill(body);
  await page.getByRole("button", { name: "Submit post" }).click();
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  const threadId = Number(new URL(page.url()).searchParams.get("thread"));
  expect(threadId).toBeGreaterThan(0);
  return { user, threadId };
}

test("a long thread: Load more responses, then Show new posts", async ({ page }) => {
  test.setTimeout(120_000);
  const { user, threadId } = await learnerWithThread(page, "lm", `A long thread ${uniqueSuffix()}`, "Many answers, please.");

  const authorId = await userId("author"); // the seeded instructor writes the responses
  await addResponses(threadId, authorId, Array.from({ length: 30 }, (_, i) => `Response number ${i + 1}.`));

  await page.goto(forumUrl(`?thread=${threadId}`));
  const article = page.getByRole("article");
  const responses = article.getByRole("listitem", { name: /^Response by / });
  await expect(article.getByRole("heading", { name: /^30 responses/ })).toBeVisible();
  await expectFirstPage(article, responses, { shown: 25, last: "Response number 25.", next: "Response number 26." });
  const more = article.getByRole("button", { name: "Load more responses (5 more)" });
  await expect(more).toBeVisible();
  await expectNoSeriousAxeViolations(page, { tags: WCAG21AA });
  await loadMoreByKeyboard(page, more, responses, { total: 30, firstLoaded: "Response number 26." });
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

test("a response with many comments: Load more comments, and one's own new comment shown wherever it lands", async ({ page }) => {
  test.setTimeout(120_000);
  const { user, threadId } = await learnerWithThread(page, "lc", `Many comments ${uniqueSuffix()}`, "Discuss at length.");

  const authorId = await userId("author");
  await addResponses(threadId, authorId, ["A much discussed response."]);
  const [responseId] = await responseIds(threadId);
  await addComments(threadId, responseId, authorId, Array.from({ length: 23 }, (_, i) => `Comment number ${i + 1}.`));

  await page.goto(forumUrl(`?thread=${threadId}`));
  const article = page.getByRole("article");
  const response = article.getByRole("listitem", { name: /^Response by / });
  const comments = response.getByRole("list", { name: "Comments" }).getByRole("listitem");
  await expectFirstPage(response, comments, { shown: 10, last: "Comment number 10.", next: "Comment number 11." });
  const more = response.getByRole("button", { name: "Load more comments (13 more)" });
  await expect(more).toBeVisible();
  await expectNoSeriousAxeViolations(page, { tags: WCAG21AA });

  await loadMoreByKeyboard(page, more, comments, { total: 20, firstLoaded: "Comment number 11." });
  await response.getByRole("button", { name: "Load more comments (3 more)" }).click();
  await expect(comments).toHaveCount(23);
  await expect(comments.nth(20)).toBeFocused();
  await expect(comments.nth(22)).toContainText("Comment number 23.");
  await expect(response.getByRole("button", { name: /^Load more comments/ })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, { tags: WCAG21AA });

  // on a fresh visit only the first 10 are shown: one's own new comment (the 24th) is loaded and focused
  await page.goto(forumUrl(`?thread=${threadId}`));
  await expect(comments).toHaveCount(10);
  await response.getByRole("button", { name: "Add a comment" }).click();
  await response.getByRole("textbox", { name: "Your comment" }).fill("My own late comment.");
  await response.getByRole("button", { name: "Add comment" }).click();
  const mine = comments.filter({ hasText: "My own late comment." });
  await expect(mine).toBeFocused();
  await expect(mine).toContainText("(you)");
  await expect(comments).toHaveCount(24);
  await expect(response.getByRole("button", { name: /^Load more comments/ })).toHaveCount(0);

  // a comment posted after this visit lands beyond the first 10: "Show new posts" loads and focuses it
  await expect.poll(() => seenSeq(threadId, user.username)).toBe(25);
  await addComments(threadId, responseId, authorId, ["A brand new comment."]);
  await page.goto(forumUrl(`?thread=${threadId}`));
  await expect(comments).toHaveCount(10);
  await expect(article.getByText("There are new posts since your last visit further down.")).toBeVisible();
  await article.getByRole("button", { name: "Show new posts" }).click();
  const fresh = comments.filter({ hasText: "A brand new comment." });
  await expect(fresh).toBeFocused();
  await expect(fresh.getByText("New", { exact: true })).toBeVisible();
  await expect(article.getByText("There are new posts since your last visit further down.")).toHaveCount(0);

  // another one, reached this time by loading the comments by hand: the notice goes once it is shown
  await expect.poll(() => seenSeq(threadId, user.username)).toBe(26);
  await addComments(threadId, responseId, authorId, ["Another new comment."]);
  await page.goto(forumUrl(`?thread=${threadId}`));
  await expect(comments).toHaveCount(10);
  await expect(article.getByText("There are new posts since your last visit further down.")).toBeVisible();
  await response.getByRole("button", { name: "Load more comments (16 more)" }).click();
  await expect(comments).toHaveCount(20);
  await expect(article.getByText("There are new posts since your last visit further down.")).toBeVisible();
  await response.getByRole("button", { name: "Load more comments (6 more)" }).click();
  await expect(comments.filter({ hasText: "Another new comment." }).getByText("New", { exact: true })).toBeVisible();
  await expect(article.getByText("There are new posts since your last visit further down.")).toHaveCount(0);
});
