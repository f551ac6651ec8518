// Course staff see staff-only and unreleased content, and can switch to "view as learner", which
// applies the learner rules, then back. Uses the seeded author (instructor of the imported demo
// courses); the switch is a cookie in this browser context only.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";

test("staff view shows staff-only and unreleased units; view as learner hides them", async ({ page }) => {
  await signIn(page, "author", "author-pass-1");
  const k = encodeURIComponent("course-v1:Atrium+ATR101+2026");
  await page.goto(`/courses/${k}`);
  const outline = page.getByRole("list", { name: "Course outline" });
  await expect(outline).toContainText("Staff Notes");
  await expect(outline).toContainText("Coming Soon");
  expect((await page.goto(`/courses/${k}/learn/extras/staff_notes`))?.status()).toBe(200);

  await page.goto(`/courses/${k}`);
  await page.getByRole("button", { name: "View as learner" }).click();
  await expect(page.getByText("Viewing as a learner")).toBeVisible();
  await expect(outline).not.toContainText("Staff Notes");
  await expect(outline).not.toContainText("Coming Soon");
  expect((await page.goto(`/courses/${k}/learn/extras/staff_notes`))?.status()).toBe(404);

  await page.goto(`/courses/${k}`);
  await page.getByRole("button", { name: "Return to staff view" }).click();
  await expect(page.getByText("Staff view", { exact: true })).toBeVisible();
  await expect(outline).toContainText("Staff Notes");
});
