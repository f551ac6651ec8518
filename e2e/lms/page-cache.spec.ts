// The learner page cache (lib/lms/page-cache.ts) against a real server: pages rendered once per
// version and audience reach only that audience, never carry one learner's identity to another,
// and never open courseware to someone without access. Raw HTML is read with the browser context's
// cookies (a document request, as a browser's first load makes).
import { expect, test, type APIResponse, type Browser, type Page } from "@playwright/test";
import { registerUser, signIn } from "../support/auth";

const KEY = encodeURIComponent("course-v1:Atrium+ATR101+2026");
const HOME = `/courses/${KEY}`;
const SHARED_UNIT = `/courses/${KEY}/learn/getting_started/welcome_unit`;
const UNRELEASED_UNIT = `/courses/${KEY}/learn/coming_soon/coming_soon_unit`;
/** Problems that render alike for every learner (text and number inputs). */
const PROBLEM_UNIT = `/courses/${KEY}/learn/typing/typing_words`;
/** A problem with shuffled choices: its order is the learner's own (it comes with their state). */
const SHUFFLED_UNIT = `/courses/${KEY}/learn/choices/choices_single`;

const cacheStatus = (r: APIResponse) => r.headers()["x-atrium-page-cache"] ?? "";

async function enroll(page: Page) {
  await page.goto(`${HOME}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`${HOME.replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });
}

/** A fresh learner enrolled in the course, on a page of their own (`prefix` names them). */
async function enrolledLearner(browser: Browser, prefix: string) {
  const page = await browser.newPage();
  const user = await registerUser(page, prefix);
  await enroll(page);
  return { page, user };
}

test("a shared page is served from the cache to the next learner without the first one's identity", async ({ browser }) => {
  const { page: a, user: userA } = await enrolledLearner(browser, "pca");
  const { page: b, user: userB } = await enrolledLearner(browser, "pcb");

  for (const path of [HOME, SHARED_UNIT]) {
    const first = await a.request.get(path);
    expect(first.status()).toBe(200);
    expect(cacheStatus(first)).toMatch(/^(hit|miss)$/);
    const second = await b.request.get(path);
    expect(second.status()).toBe(200);
    expect(cacheStatus(second), path).toBe("hit");
    const html = await second.text();
    for (const who of [userA, userB]) {
      expect(html).not.toContain(who.username);
      expect(html).not.toContain(who.email);
    }
    // A fresh nonce per response: the cached copy's placeholder never leaks.
    const nonceOf = (r: APIResponse) => /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonceOf(first));
    expect(html).toContain(`nonce="${nonceOf(second)}"`);
    expect(html.match(/nonce="([^"]+)"/g)!.every((n) => n === `nonce="${nonceOf(second)}"`)).toBe(true);
  }

  // The page still works in the browser: marks and the account menu arrive from the JSON routes.
  await b.goto(SHARED_UNIT);
  await expect(b.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(b.getByTestId("account-menu-button")).toBeVisible();
  await b.getByTestId("account-menu-button").click();
  await expect(b.getByText(userB.email)).toBeVisible();
  await a.close();
  await b.close();
});

test("staff-only and unreleased content cached for staff never reaches a learner", async ({ browser }) => {
  const staff = await browser.newPage();
  await signIn(staff, "author", "author-pass-1");
  const staffHome = await staff.request.get(HOME);
  expect(staffHome.status()).toBe(200);
  const staffHtml = await staffHome.text();
  expect(staffHtml).toContain("Staff Notes");
  expect(staffHtml).toContain("Coming Soon");
  expect((await staff.request.get(UNRELEASED_UNIT)).status()).toBe(200);

  const learner = await browser.newPage();
  await registerUser(learner, "pcl");
  await enroll(learner);
  for (let i = 0; i < 2; i++) {
    const home = await learner.request.get(HOME);
    expect(home.status()).toBe(200);
    expect(cacheStatus(home)).toMatch(/^(hit|miss)$/);
    const html = await home.text();
    expect(html).not.toContain("Staff Notes");
    expect(html).not.toContain("Coming Soon");
    const unreleased = await learner.request.get(UNRELEASED_UNIT);
    expect(unreleased.status()).toBe(404);
    expect(await unreleased.text()).not.toContain("What Peer Review Will Look Like");
  }

  // Staff viewing as a learner are a third audience: the learner rules, not the staff page.
  await staff.goto(HOME);
  await staff.getByRole("button", { name: "View as learner" }).click();
  await expect(staff.getByText("Viewing as a learner")).toBeVisible();
  const asLearner = await staff.request.get(HOME);
  expect(await asLearner.text()).not.toContain("Staff Notes");
  await staff.getByRole("button", { name: "Return to staff view" }).click();
  await expect(staff.getByText("Staff view", { exact: true })).toBeVisible();
  await staff.close();
  await learner.close();
});

test("without access the cache answers nothing: anonymous and unenrolled users get no courseware", async ({ browser }) => {
  // Someone enrolled warms the cache first.
  const enrolled = await browser.newPage();
  await registerUser(enrolled, "pce");
  await enroll(enrolled);
  expect((await enrolled.request.get(SHARED_UNIT)).status()).toBe(200);

  const stranger = await browser.newPage();
  await registerUser(stranger, "pcs");
  for (const path of [HOME, SHARED_UNIT]) {
    const r = await stranger.request.get(path, { maxRedirects: 0 });
    expect(r.status(), path).toBe(307);
    expect(r.headers().location).toContain("/about?notice=enroll-required");
    expect(cacheStatus(r)).toBe("bypass:access");
  }
  const anonymous = await browser.newContext();
  const r = await anonymous.request.get(SHARED_UNIT, { maxRedirects: 0 });
  expect(r.status()).toBe(307);
  expect(r.headers().location).toContain("/login");
  // Forged internal headers ask for a shared render in vain: still no courseware, and no chosen nonce.
  const forged = await stranger.request.get(SHARED_UNIT, { maxRedirects: 0, headers: { "x-atrium-shared-render": "1", "x-atrium-render-token": "guess", "x-atrium-render-nonce": "AAAAAAAAAAAAAAAAAAAAAA==" } });
  expect(forged.status()).toBe(307);
  expect(forged.headers()["content-security-policy"]).not.toContain("AAAAAAAAAAAAAAAAAAAAAA==");
  await anonymous.close();
  await enrolled.close();
  await stranger.close();
});

test("a unit of problems that render alike is shared; each learner's answers and attempts arrive from the state route", async ({ browser }) => {
  const { page: a } = await enrolledLearner(browser, "pqa");
  const { page: b } = await enrolledLearner(browser, "pqb");
  const answer = `zebra-${Date.now().toString(36)}`;

  // A answers (wrongly, with a word no page contains) in the browser.
  await a.goto(PROBLEM_UNIT);
  const problemA = a.getByTestId("problem").filter({ hasText: "Name the Page" });
  const inputA = problemA.getByRole("textbox");
  await expect(inputA).toBeEnabled();
  await inputA.fill(answer);
  await problemA.getByRole("button", { name: "Submit" }).click();
  await expect(problemA.getByTestId("problem-message")).toContainText("Incorrect");
  await expect(problemA.getByTestId("problem-attempts")).toHaveText("1 attempt used");

  // The unit's HTML is shared: B gets it from the cache, and it carries nothing of A's.
  const first = await a.request.get(PROBLEM_UNIT);
  expect(cacheStatus(first)).toMatch(/^(hit|miss)$/);
  const second = await b.request.get(PROBLEM_UNIT);
  expect(second.status()).toBe(200);
  expect(cacheStatus(second)).toBe("hit");
  const html = await second.text();
  expect(html).toContain("Name the Page");
  expect(html).not.toContain(answer);
  expect(html).not.toContain("attempt used");

  // A's answer, mark and attempts come back after a reload; B starts empty with nothing used.
  await a.reload();
  await expect(inputA).toHaveValue(answer);
  await expect(problemA.getByTestId(/^mark-/)).toHaveText(/Incorrect/);
  await expect(problemA.getByTestId("problem-attempts")).toHaveText("1 attempt used");
  await b.goto(PROBLEM_UNIT);
  const problemB = b.getByTestId("problem").filter({ hasText: "Name the Page" });
  await expect(problemB.getByTestId("problem-attempts")).toHaveText("0 attempts used");
  await expect(problemB.getByRole("textbox")).toHaveValue("");
  await expect(problemB.getByRole("textbox")).toBeEnabled();
  // B can answer from the shared page: graded for B alone.
  await problemB.getByRole("textbox").fill("Vertical");
  await problemB.getByRole("button", { name: "Submit" }).click();
  await expect(problemB.getByTestId("problem-message")).toContainText("Correct");
  await expect(problemB.getByTestId(/^mark-/)).toHaveText(/Correct/);

  await a.close();
  await b.close();
});

test("a unit with shuffled choices is shared too: each learner's order arrives with their state, and their pick is graded", async ({ browser }) => {
  const { page: a } = await enrolledLearner(browser, "psa");
  const { page: b } = await enrolledLearner(browser, "psb");
  // The page carries no order of the choices: the second learner is answered from the cache.
  const first = await a.request.get(SHUFFLED_UNIT);
  expect(cacheStatus(first)).toMatch(/^(hit|miss)$/);
  const second = await b.request.get(SHUFFLED_UNIT);
  expect(cacheStatus(second)).toBe("hit");
  expect(await second.text()).not.toContain("The video jumps to that moment.");
  // In the browser B's own order arrives with B's state, and B's pick is graded by the choice.
  await b.goto(SHUFFLED_UNIT);
  const problem = b.getByTestId("problem").filter({ hasText: "Pick One: Video Transcripts" });
  const right = problem.getByRole("radio", { name: "The video jumps to that moment." });
  await expect(right).toBeEnabled();
  await expect(problem.getByRole("radio")).toHaveCount(4);
  await right.check();
  await problem.getByRole("button", { name: "Submit" }).click();
  await expect(problem.getByTestId("problem-message")).toContainText("Correct");
  await a.close();
  await b.close();
});

test("a client navigation (the Next button) is answered from the cache too, and shows the next unit", async ({ browser }) => {
  for (const [i, prefix] of ["pna", "pnb"].entries()) {
    const page = await browser.newPage();
    await registerUser(page, prefix);
    await enroll(page);
    await page.goto(SHARED_UNIT);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const flight = page.waitForResponse((r) => {
      const h = r.request().headers();
      return h["rsc"] === "1" && !h["next-router-prefetch"] && new URL(r.url()).pathname.endsWith("/learn/getting_started/finding_your_way");
    });
    await page.getByRole("link", { name: /^Next/ }).click();
    const res = await flight;
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/x-component");
    // The first learner may fill the cache; the second is answered from it.
    expect(res.headers()["x-atrium-page-cache"]).toMatch(i === 0 ? /^(hit|miss)$/ : /^hit$/);
    await expect(page).toHaveURL(/\/learn\/getting_started\/finding_your_way$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finding Your Way");
    // Still this learner's page: the account menu and Previous work after the cached navigation.
    await expect(page.getByTestId("account-menu-button")).toBeVisible();
    await page.getByRole("link", { name: /^← Previous/ }).click();
    await expect(page).toHaveURL(/\/learn\/getting_started\/welcome_unit$/);
    // Viewing the text-only unit completed it: the sequence bar's ✓ comes with this learner's state.
    await expect(page.getByRole("link", { name: "2. Finding Your Way, text, completed" })).toBeVisible();
    await page.close();
  }
});
