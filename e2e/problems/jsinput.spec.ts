// A JavaScript input problem (Open edX jsinput) in Atrium 101's Extras: the learner answers inside
// the author's page (an opaque-origin sandboxed iframe talking through postMessage), submits and is
// graded by the problem's Python check; after a reload the page gets its saved state back; a page
// that does not answer gives a message and uses no attempt.
import { expect, test } from "@playwright/test";
import { registerUser } from "../support/auth";
import { expectNoSeriousAxeViolations } from "../support/axe";

const ATR = "course-v1:Atrium+ATR101+2026";
const enc = (k: string) => encodeURIComponent(k);

test.describe.configure({ timeout: 180_000 });

test("Atrium 101: jsinput answered in the iframe, graded, state restored; a silent page uses no attempt", async ({ page }) => {
  await registerUser(page, "jsin");
  await page.goto(`/courses/${enc(ATR)}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).not.toHaveURL(/\/about/, { timeout: 20_000 });

  await page.goto(`/courses/${enc(ATR)}/jump/jsinput_counter`);
  const p = page.locator('[data-testid="problem"][data-usage-key$="block@jsinput_counter"]');
  await expect(p).toBeVisible();
  const iframe = p.getByTestId("jsinput-jsinput_counter_2_1");
  await expect(iframe).toHaveAttribute("sandbox", "allow-scripts");
  await expect(iframe).toHaveAttribute("src", /\/assets\/.+\/jsinput-counter\.html\?jsinput=1$/);
  const frame = p.frameLocator('[data-testid="jsinput-jsinput_counter_2_1"]');
  // initial_state {"count": 1} was handed to Counter.setState.
  await expect(frame.locator("#count")).toHaveText("1", { timeout: 20_000 });

  // Wrong count first: graded incorrect, one attempt used.
  await p.getByRole("button", { name: "Submit" }).click();
  await expect(p.getByTestId("problem-message")).toContainText("Incorrect");
  await expect(p.getByTestId("problem-attempts")).toHaveText(/used 1 of 5 attempts/);

  await frame.getByRole("button", { name: "Add one" }).click();
  await frame.getByRole("button", { name: "Add one" }).click();
  await expect(frame.locator("#count")).toHaveText("3");
  await p.getByRole("button", { name: "Submit" }).click();
  await expect(p.getByTestId("problem-message")).toContainText("Correct");
  await expect(p.getByTestId("problem-attempts")).toHaveText(/used 2 of 5 attempts/);
  await expect(p.getByTestId("mark-jsinput_counter_2_1")).toHaveText(/Correct/);

  await expectNoSeriousAxeViolations(page, { include: '[data-testid="problem"]' });

  // Reload: the saved state {"count": 3} is restored into the page.
  await page.reload();
  await expect(frame.locator("#count")).toHaveText("3", { timeout: 20_000 });
  await expect(p.getByTestId("mark-jsinput_counter_2_1")).toHaveText(/Correct/);

  // A page without the bridge never answers: a clear message, nothing submitted, no attempt used.
  await page.route((url) => url.pathname.endsWith("/jsinput-counter.html") && url.searchParams.get("jsinput") === "1", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: '<!doctype html><html lang="en"><title>Silent</title><p>I do not answer.</p></html>' }),
  );
  await page.reload();
  await expect(p.frameLocator('[data-testid="jsinput-jsinput_counter_2_1"]').getByText("I do not answer.")).toBeVisible({ timeout: 20_000 });
  await p.getByRole("button", { name: "Submit" }).click();
  await expect(p.getByTestId("problem-message")).toContainText("did not answer, so nothing was submitted", { timeout: 20_000 });
  await expect(p.getByTestId("problem-attempts")).toHaveText(/used 2 of 5 attempts/);
});
