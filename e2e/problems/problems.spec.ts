// Problems and grades end to end: a fresh learner enrolls in Atrium 101, answers a graded problem
// wrong then right (attempts used/remaining, correctness marks), sees Show Answer and hints, a
// malformed number uses no attempt, and the Progress page changes; one Open edX demo course
// problem grades too. Answers come from content/atr101-answers.md. Each test registers its own user.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { registerUser, signIn } from "../support/auth";
import { expectNoSeriousAxeViolations } from "../support/axe";

const ATR = "course-v1:Atrium+ATR101+2026";
const DEMO = "course-v1:OpenedX+DemoX+DemoCourse";
const enc = (k: string) => encodeURIComponent(k);

// These journeys are long (many server round trips and two axe scans) on a loaded 2-core runner.
test.describe.configure({ timeout: 180_000 });

async function enroll(page: Page, courseKey: string) {
  await page.goto(`/courses/${enc(courseKey)}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).not.toHaveURL(/\/about/, { timeout: 20_000 });
}

function problem(page: Page, urlName: string) {
  return page.locator(`[data-testid="problem"][data-usage-key$="block@${urlName}"]`);
}

async function coursePercent(page: Page, courseKey: string): Promise<number> {
  await page.goto(`/courses/${enc(courseKey)}/progress`);
  const text = (await page.getByTestId("course-percent").textContent()) ?? "";
  return Number(text.replace("%", "").trim());
}

test("Atrium 101: wrong then right, attempts, show answer, hints, malformed input, progress page", async ({ page }) => {
  await registerUser(page, "prob");
  await enroll(page, ATR);

  const before = await coursePercent(page, ATR);
  expect(before).toBe(0);
  await expect(page.getByRole("heading", { name: "Overall grade" })).toBeVisible();
  const choicesRow = page.locator('[data-testid="subsection-score"][data-usage-key$="block@choices"]');
  await expect(choicesRow.getByTestId("subsection-points")).toHaveText(/^0\//);

  await page.goto(`/courses/${enc(ATR)}/jump/choices_mc`);
  const mc = problem(page, "choices_mc");
  await expect(mc).toBeVisible();
  await expect(mc.getByTestId("problem-attempts")).toHaveText(/used 0 of 3 attempts \(3 remaining\)/);

  // Wrong answer.
  await mc.locator('input[value="choice_0"]').check();
  await mc.getByRole("button", { name: "Submit" }).click();
  await expect(mc.getByTestId("problem-message")).toContainText("Incorrect");
  await expect(mc.getByTestId("problem-attempts")).toHaveText(/used 1 of 3 attempts \(2 remaining\)/);
  await expect(mc.getByTestId("mark-choices_mc_2_1")).toHaveText(/Incorrect/);

  // Right answer.
  await mc.locator('input[value="choice_1"]').check();
  await mc.getByRole("button", { name: "Submit" }).click();
  await expect(mc.getByTestId("problem-message")).toContainText("Correct");
  await expect(mc.getByTestId("problem-attempts")).toHaveText(/used 2 of 3 attempts \(1 remaining\)/);
  await expect(mc.getByTestId("mark-choices_mc_2_1")).toHaveText(/Correct/);
  await expect(mc.getByTestId("problem-score")).toHaveText(/^1\/1 point/);

  // showanswer="always": the answer and explanation are revealed on request.
  await mc.getByRole("button", { name: "Show answer" }).click();
  await expect(mc.getByTestId("answer-choices_mc_2_1")).toContainText("The video jumps to that moment.");
  await expect(mc.getByRole("region", { name: "Explanation" })).toBeVisible();

  // Demand hints, one at a time.
  await mc.getByRole("button", { name: /^Hint/ }).click();
  await expect(mc.getByRole("region", { name: "Hints" })).toContainText("Hint (1 of 2)");

  await expectNoSeriousAxeViolations(page, { include: '[data-testid="problem"]' });

  // A malformed number is rejected with a message and uses no attempt.
  await page.goto(`/courses/${enc(ATR)}/jump/typing_num_tolerance`);
  const num = problem(page, "typing_num_tolerance");
  await num.getByRole("textbox").fill("eight");
  await num.getByRole("button", { name: "Submit" }).click();
  await expect(num.getByTestId("problem-message")).not.toBeEmpty();
  await expect(num.getByTestId("problem-message")).not.toContainText("Correct");
  await expect(num.getByTestId("problem-attempts")).toHaveText(/^0 attempts used/);
  await num.getByRole("textbox").fill("500/60");
  await num.getByRole("button", { name: "Submit" }).click();
  await expect(num.getByTestId("problem-message")).toContainText("Correct");
  await expect(num.getByTestId("problem-attempts")).toHaveText(/^1 attempt used/);

  // The progress page reflects the new scores.
  const after = await coursePercent(page, ATR);
  expect(after).toBeGreaterThan(before);
  await expect(choicesRow.getByTestId("subsection-points")).not.toHaveText(/^0\//);
  await expect(page.getByRole("table", { name: "Homework scores" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // The course outline shows the persisted subsection score too.
  await page.goto(`/courses/${enc(ATR)}`);
  await expect(page.locator('[data-testid="outline-score"][data-usage-key$="block@choices"]')).toHaveText(/^Score [1-9][\d.]*\/\d+/);
});

test("Atrium 101: a past-due problem cannot be submitted and shows its answer", async ({ page }) => {
  await registerUser(page, "late");
  await enroll(page, ATR);
  await page.goto(`/courses/${enc(ATR)}/jump/warmup_mc`);
  const p = problem(page, "warmup_mc");
  await expect(p).toContainText("past its due date");
  await expect(p.getByRole("button", { name: "Submit" })).toHaveCount(0);
  await p.getByRole("button", { name: "Show answer" }).click();
  await expect(p.getByTestId("answer-warmup_mc_2_1")).toBeVisible();
});

test.describe("Open edX demo course", () => {
  // Skipped only without ../shared (the demo course is not committed); scripts/e2e.sh imports it
  // and sets E2E_OPENEDX_DEMO whenever it is there, as in CI.
  test.skip(!process.env.E2E_OPENEDX_DEMO, "the Open edX demo course is not imported in this run");

  test("a multiple-choice problem grades", async ({ page }) => {
    const id = "3956d029fa74441cbfca3a97913ccaa8";
    const p = await openDemoProblem(page, "demo", id);
    await expect(p).toContainText("What kind of fish is this?");
    await p.getByLabel("Jellyfish").check();
    await p.getByRole("button", { name: "Submit" }).click();
    await expect(p.getByTestId("problem-message")).toContainText("Correct");
    await expect(p.getByTestId(`mark-${id}_2_1`)).toHaveText(/Correct/);
    const pct = await coursePercent(page, DEMO);
    expect(pct).toBeGreaterThan(0);
  });

  // rerandomize="onreset": each learner gets their own x and y, and a Reset draws new ones.
  const PY_ID = "720cac326b684155b4845d32af4aeef0";
  async function answerShownNumbers(p: Locator, expected: RegExp) {
    await expect(p.getByRole("button", { name: "Submit" })).toBeEnabled();
    const m = (await p.innerText()).match(/Let x = (\d+) and y = (\d+)/);
    expect(m, "the problem shows its x and y").not.toBeNull();
    await p.getByRole("textbox").fill(String(Number(m![1]) + Number(m![2])));
    await p.getByRole("button", { name: "Submit" }).click();
    await expect(p.getByTestId("problem-message")).toContainText(expected);
  }

  test("a Python-evaluated problem grades the numbers the page showed before the first answer", async ({ page }) => {
    const p = await openDemoProblem(page, "demopy", PY_ID);
    await answerShownNumbers(p, /Correct: 1 of 1 points/);
  });

  test("after a Reset, a Python-evaluated problem shows the new numbers it grades, without a reload", async ({ page }) => {
    const p = await openDemoProblem(page, "demopyr", PY_ID);
    await expect(p.getByRole("button", { name: "Submit" })).toBeEnabled();
    await p.getByRole("textbox").fill("-1");
    await p.getByRole("button", { name: "Submit" }).click();
    await expect(p.getByTestId("problem-message")).toContainText("Incorrect");
    await p.getByRole("button", { name: "Reset" }).click();
    await expect(p.getByTestId("problem-message")).toContainText("The problem was reset");
    await answerShownNumbers(p, /Correct: 1 of 1 points/);
  });

  test("the image-click problem is answered by typing X/Y and by clicking", async ({ page }) => {
    const id = "10d6abada29b45df87f3bd9a9af86e72";
    const p = await openDemoProblem(page, "demoimg", id);
    await expect(p).toContainText("Great Pyramid of Giza");

    // Keyboard path: X and Y in image pixels (outside the rectangle (338,98)-(412,168)).
    await p.getByLabel(/^X/).fill("100");
    await p.getByLabel(/^Y/).fill("100");
    await expect(p.getByTestId(`point-${id}_2_1`)).toHaveText("Selected point: 100, 100");
    await p.getByRole("button", { name: "Submit" }).click();
    await expect(p.getByTestId("problem-message")).toContainText("Incorrect");
    await expect(p.getByTestId(`mark-${id}_2_1`)).toHaveText(/Incorrect/);

    // A click on (370,130) in image pixels, wherever the image is scaled to.
    const img = p.getByTestId(`image-${id}_2_1`);
    const box = (await img.boundingBox())!;
    await img.click({ position: { x: (370 * box.width) / 600, y: (130 * box.height) / 638 } });
    await expect(p.getByTestId(`point-${id}_2_1`)).toHaveText(/Selected point: 3(6[89]|7[012]), 1(2[89]|3[012])/);
    await expect(p.getByTestId(`marker-${id}_2_1`)).toHaveCount(1);
    await p.getByRole("button", { name: "Submit" }).click();
    await expect(p.getByTestId("problem-message")).toContainText("Correct");
    await expect(p.getByTestId(`mark-${id}_2_1`)).toHaveText(/Correct/);

    // The answer is restored on reload: the marker and the fields show the clicked point.
    await page.reload();
    await expect(p.getByTestId(`marker-${id}_2_1`)).toHaveCount(1);
    await expect(p.getByLabel(/^X/)).toHaveValue(/^3(6[89]|7[012])$/);

    // Show Answer outlines the rectangle and gives it as text; no serious accessibility problems.
    await p.getByRole("button", { name: "Show answer" }).click();
    await expect(p.getByTestId(`answer-${id}_2_1`)).toContainText("(338, 98) to (412, 168)");
    await expectNoSeriousAxeViolations(page, { include: `[data-testid="problem"][data-usage-key$="block@${id}"]` });
  });

  test("the annotation problem: a comment and a tag, graded, restored after reload, Show Answer", async ({ page }) => {
    const id = "29fb15ec7b5f462cab0a8216108df8dc";
    const p = await openDemoProblem(page, "demoann", id);
    const exercise = p.getByRole("group", { name: "Annotation Exercise" });
    await expect(exercise).toContainText("zealous pilgrimage");
    await expect(exercise).toContainText("What is your analysis of the sonnet so far?");
    await expect(p.getByTestId("problem-score")).toHaveText(/^2 points possible/);

    // A comment (labelled by its prompt) and a wrong tag (the radio group is labelled by the tag prompt).
    const comment = exercise.getByRole("textbox", { name: "Discuss:" });
    await comment.fill("The thoughts travel; the body stays in bed.");
    const tags = exercise.getByRole("group", { name: "Where is the speaker going on their pilgrimage?" });
    await tags.getByRole("radio", { name: "Verona" }).check();
    await p.getByRole("button", { name: "Submit" }).click();
    await expect(p.getByTestId("problem-message")).toContainText("Incorrect: 0 of 2 points.");
    await expect(p.getByTestId(`mark-${id}_2_1`)).toHaveText(/Incorrect/);

    // The keyboard picks the right tag: arrow keys move within the radio group.
    await tags.getByRole("radio", { name: "Verona" }).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(tags.getByRole("radio", { name: "Nowhere" })).toBeChecked();
    await p.getByRole("button", { name: "Submit" }).click();
    await expect(p.getByTestId("problem-message")).toContainText("Correct: 2 of 2 points.");
    await expect(p.getByTestId(`mark-${id}_2_1`)).toHaveText(/Correct/);
    await expect(p.getByTestId("problem-score")).toHaveText(/^2\/2 points/);

    // Restored on reload: the tag and the comment.
    await page.reload();
    await expect(tags.getByRole("radio", { name: "Nowhere" })).toBeChecked();
    await expect(comment).toHaveValue("The thoughts travel; the body stays in bed.");

    // Show Answer names and marks the correct tag; no serious accessibility problems.
    await p.getByRole("button", { name: "Show answer" }).click();
    await expect(p.getByTestId(`answer-${id}_2_1`)).toContainText("Nowhere");
    await expect(p.getByTestId(`answer-tag-${id}_2_1`)).toBeVisible();
    await expectNoSeriousAxeViolations(page, { include: `[data-testid="problem"][data-usage-key$="block@${id}"]` });
  });
});

/** A fresh learner, enrolled in the demo course, on the unit of one of its problems. */
async function openDemoProblem(page: Page, prefix: string, id: string) {
  await registerUser(page, prefix);
  await enroll(page, DEMO);
  await page.goto(`/courses/${enc(DEMO)}/jump/${id}`);
  return problem(page, id);
}

test("staff: look up a learner's progress and answers, reset attempts, rescore a problem as a job", async ({ page, browser }) => {
  const learner = await registerUser(page, "stafft");
  await enroll(page, ATR);
  await page.goto(`/courses/${enc(ATR)}/jump/choices_dropdown_old`);
  const dd = problem(page, "choices_dropdown_old");
  await dd.getByRole("combobox").selectOption("Unit");
  await dd.getByRole("button", { name: "Submit" }).click();
  await expect(dd.getByTestId("problem-message")).toContainText("Correct");

  // The learner may not open the staff tools.
  const denied = await page.goto(`/courses/${enc(ATR)}/instructor`);
  expect(denied?.status()).toBe(403);

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "admin@example.com", "admin-pass-1");
  await staff.goto(`/courses/${enc(ATR)}/instructor`);
  await staff.getByLabel("Username or email").fill(learner.username);
  await staff.getByRole("button", { name: "Look up" }).click();
  const report = staff.getByTestId("learner-report");
  await expect(report).toContainText(learner.username);
  await expect(report.getByTestId("submission-history")).toContainText("choices_dropdown_old_2_1: \"Unit\"");
  await report.getByRole("button", { name: /Reset attempts on/ }).first().click();
  await expect(report).toContainText("Attempts reset (was 1).");

  await staff.getByLabel("Problem to rescore").selectOption("block-v1:Atrium+ATR101+2026+type@problem+block@choices_dropdown_old");
  await staff.getByRole("button", { name: "Rescore for every learner" }).click();
  await expect(staff.getByTestId("rescore-status")).toContainText("finished", { timeout: 30_000 });
  await expect(staff.getByTestId("rescore-status")).toContainText(/Rescored \d+ learner/);
  await expectNoSeriousAxeViolations(staff);
  await staffContext.close();
});
