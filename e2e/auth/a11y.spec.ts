// axe on the app shell and the account pages, on a desktop and a phone viewport: no serious or
// critical violations.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA_BEST_PRACTICE } from "../support/axe";

test.describe("desktop", () => {
  test("anonymous pages", async ({ page }) => {
    await page.goto("/");
    // The phone menu button is only for narrow screens; the links are shown directly.
    await expect(page.getByRole("button", { name: "Menu", exact: true })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" })).toBeVisible();
    for (const path of ["/", "/login", "/register", "/password-reset", "/password-reset/not-a-real-token", "/logout"]) {
      await page.goto(path);
      await expectNoSeriousAxeViolations(page, { label: path, tags: WCAG21AA_BEST_PRACTICE });
    }
    // A form with errors showing.
    await page.goto("/register");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "/register with errors", tags: WCAG21AA_BEST_PRACTICE });
  });

  test("signed-in shell, account menu, studio and 403", async ({ page }) => {
    await signIn(page, "admin", "admin-pass-1");
    for (const path of ["/", "/account", "/studio"]) {
      await page.goto(path);
      await expectNoSeriousAxeViolations(page, { label: path, tags: WCAG21AA_BEST_PRACTICE });
    }
    await page.getByTestId("account-menu-button").click();
    await expect(page.getByRole("link", { name: "Account" })).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "account menu open", tags: WCAG21AA_BEST_PRACTICE });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("link", { name: "Account", exact: true })).toHaveCount(0);

    await page.context().clearCookies();
    await signIn(page, "learner", "learner-pass-1");
    await page.goto("/studio");
    await expectNoSeriousAxeViolations(page, { label: "403", tags: WCAG21AA_BEST_PRACTICE });
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the menu is a disclosure and the shell passes axe", async ({ page }) => {
    await page.goto("/");
    const toggle = page.getByRole("button", { name: "Menu" });
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" })).toBeHidden();
    await expectNoSeriousAxeViolations(page, { label: "phone /", tags: WCAG21AA_BEST_PRACTICE });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" })).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "phone / menu open", tags: WCAG21AA_BEST_PRACTICE });

    await signIn(page, "author", "author-pass-1");
    await page.goto("/account");
    await expectNoSeriousAxeViolations(page, { label: "phone /account", tags: WCAG21AA_BEST_PRACTICE });
    // No horizontal scrolling at phone width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
