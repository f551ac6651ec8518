// The course discussions, end to end, with two learners and a moderator on the Open edX demo
// course (it allows anonymous posts and has an inline discussion): A asks a question in the
// unit's inline discussion, B answers, A marks it answered, B sees the notification, B reports
// A's post, the moderator pins and closes the thread (A can no longer reply) and finds the report
// in the queue; an anonymous post shows no name to A but shows it to the moderator. axe runs on
// the forum pages. Each learner registers fresh; the moderator is the demo courses' instructor.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { registerUser, signIn, uniqueSuffix } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA } from "../support/axe";

const COURSE = "course-v1:OpenedX+DemoX+DemoCourse";
/** url_name of the demo course's inline discussion block ("Language Learning Tools and Tips") */
const DISCUSSION_BLOCK = "01b57eb7ba284241bd61462a99798516";
const enc = encodeURIComponent;
const forumUrl = (q = "") => `/courses/${enc(COURSE)}/discussion${q}`;

// Skipped only when ../shared (the Open edX demo course, not committed: CC BY-NC-SA) is absent:
// scripts/e2e.sh imports it and sets E2E_OPENEDX_DEMO whenever it is there, as in CI.
test.skip(!process.env.E2E_OPENEDX_DEMO, "the Open edX demo course is not imported");

async function learner(browser: Browser, prefix: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const user = await registerUser(page, prefix);
  await page.goto(`/courses/${enc(COURSE)}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${enc(COURSE).replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });
  return { page, user, close: () => ctx.close() };
}

async function openUnitDiscussion(page: Page) {
  await page.goto(`/courses/${enc(COURSE)}/jump/${DISCUSSION_BLOCK}`);
  const inline = page.getByTestId("inline-discussion");
  await expect(inline).toBeVisible();
  await expect(inline.getByText(/Loading the discussion/)).toHaveCount(0);
  return inline;
}

async function openThreadFromForum(page: Page, title: string) {
  await page.goto(forumUrl());
  await page.getByLabel("Search posts").fill(title.split(" ").slice(-1)[0]);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
}

test("question answered in an inline discussion, notification, report, pin and close, anonymity", async ({ browser }) => {
  test.setTimeout(180_000);
  const tag = uniqueSuffix();
  const title = `Where is the glossary ${tag}`;
  const A = await learner(browser, "fa");
  const B = await learner(browser, "fb");

  // A asks in the unit's inline discussion (the unit's HTML carries no posts: the island fetches them)
  const inlineA = await openUnitDiscussion(A.page);
  await expectNoSeriousAxeViolations(A.page, { label: "unit with an inline discussion", tags: WCAG21AA });
  await inlineA.getByRole("button", { name: "+ New post" }).click();
  await inlineA.getByLabel("Title").fill(title);
  await inlineA.getByLabel("Your post").fill("I cannot find the **glossary**. Is it $e^{i\\pi}$ pages long?");
  await inlineA.getByRole("button", { name: "Submit post" }).click();
  await expect(inlineA.getByRole("heading", { level: 3, name: title })).toBeVisible();
  await expect(inlineA.locator(".katex").first()).toBeVisible();

  // B finds it in the same unit and answers
  const inlineB = await openUnitDiscussion(B.page);
  await inlineB.getByRole("link", { name: title }).click();
  await inlineB.getByRole("textbox", { name: "Your response" }).fill("It is under the **Glossary** tab.");
  await inlineB.getByRole("button", { name: "Submit response" }).click();
  await expect(inlineB.getByRole("listitem", { name: new RegExp(`Response by ${B.user.fullName}`) })).toBeVisible();

  // A marks B's response as the answer
  await openThreadFromForum(A.page, title);
  await expect(A.page.getByRole("listitem", { name: new RegExp(`Response by ${B.user.fullName}`) })).toBeVisible();
  await A.page.getByRole("button", { name: "Mark as answer" }).click();
  await expect(A.page.getByText("✓ Answer", { exact: true })).toBeVisible();
  await expect(A.page.getByText("✓ Answered question")).toBeVisible();
  await expectNoSeriousAxeViolations(A.page, { label: "thread view", tags: WCAG21AA });

  // B sees the notification
  await B.page.goto(forumUrl());
  await expect(B.page.getByTestId("notification-count")).toBeVisible();
  await expectNoSeriousAxeViolations(B.page, { label: "forum board", tags: WCAG21AA });
  await B.page.getByRole("link", { name: /^Notifications/ }).click();
  await expect(B.page.getByTestId("forum-notifications")).toContainText(`${A.user.fullName} marked your response as the answer`);
  await expect(B.page.getByTestId("forum-notifications")).toContainText(title);

  // B reports A's post
  await openThreadFromForum(B.page, title);
  await B.page.getByRole("button", { name: "Report" }).first().click();
  await B.page.getByLabel("What is wrong with this post?").fill(`e2e report ${tag}`);
  await B.page.getByRole("button", { name: "Send report" }).click();
  await expect(B.page.getByText("Thanks: the course team will review this post.")).toBeVisible();

  // B posts anonymously in the course forum
  const anonTitle = `Anonymous worry ${tag}`;
  await B.page.goto(forumUrl());
  await B.page.getByRole("button", { name: "+ New post" }).click();
  await B.page.getByLabel("Title").fill(anonTitle);
  await B.page.getByLabel("Your post").fill("I am shy.");
  await B.page.getByLabel("Post as").selectOption("anonymous");
  await B.page.getByRole("button", { name: "Submit post" }).click();
  await expect(B.page.getByRole("heading", { level: 2, name: anonTitle })).toBeVisible();

  // A sees no name on it
  await openThreadFromForum(A.page, anonTitle);
  const anonArticle = A.page.getByRole("article");
  await expect(anonArticle.getByText("Anonymous", { exact: true })).toBeVisible();
  await expect(anonArticle).not.toContainText(B.user.fullName);
  await expect(anonArticle).not.toContainText(B.user.username);

  // The moderator: pins and closes A's thread, finds the report, and sees who wrote the anonymous post
  const modCtx = await browser.newContext();
  const mod = await modCtx.newPage();
  await signIn(mod, "author", "author-pass-1");
  await openThreadFromForum(mod, title);
  await mod.getByRole("button", { name: "Pin", exact: true }).click();
  await expect(mod.getByText("Pinned", { exact: true })).toBeVisible();
  await mod.getByRole("button", { name: "Close", exact: true }).click();
  await expect(mod.getByText("This thread is closed: it takes no new responses or comments.")).toBeVisible();
  await mod.goto(forumUrl("?view=reports"));
  const queue = mod.getByTestId("report-queue");
  await expect(queue).toContainText(`e2e report ${tag}`);
  await expect(queue).toContainText(title);
  await expectNoSeriousAxeViolations(mod, { label: "moderation queue", tags: WCAG21AA });
  await openThreadFromForum(mod, anonTitle);
  await expect(mod.getByRole("article")).toContainText(B.user.fullName);
  await expect(mod.getByRole("article")).toContainText("posted anonymously");

  // A can no longer reply to the closed thread; it is pinned at the top of the list
  await openThreadFromForum(A.page, title);
  await expect(A.page.getByText("This thread is closed: it takes no new responses or comments.")).toBeVisible();
  await expect(A.page.getByRole("textbox", { name: "Your response" })).toHaveCount(0);
  await A.page.goto(forumUrl());
  await expect(A.page.getByRole("list", { name: "Posts" }).getByRole("listitem").first()).toContainText(title);

  await Promise.all([A.close(), B.close(), modCtx.close()]);
});

test("the forum's JSON routes refuse the anonymous and the unenrolled", async ({ browser }) => {
  const anon = await browser.newContext();
  const res = await anon.request.get(`/api/lms/courses/${enc(COURSE)}/forum/threads`);
  expect(res.status()).toBe(401);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await registerUser(page, "fun");
  const r2 = await page.request.get(`/api/lms/courses/${enc(COURSE)}/forum/threads`);
  expect(r2.status()).toBe(403);
  expect(await r2.text()).not.toContain("title");
  await page.goto(forumUrl());
  await expect(page).toHaveURL(/\/about\?notice=enroll-required/);
  await Promise.all([anon.close(), ctx.close()]);
});
