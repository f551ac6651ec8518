// The password-reset pages. (The link itself is mailed or logged; the token round trip is
// covered on the real database in tests/auth/accounts.test.ts.)
import { expect, test } from "@playwright/test";

test("asking for a reset gives the same answer for known and unknown addresses", async ({ page }) => {
  for (const email of ["learner@example.com", `nobody-${Date.now()}@example.test`]) {
    await page.goto("/password-reset");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByText(/If an account uses that address, we have sent it a link/)).toBeVisible();
  }
  await page.goto("/password-reset");
  await page.getByLabel("Email", { exact: true }).fill("not an email");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
});

test("an unknown or used reset link says so and offers a new one", async ({ page }) => {
  const res = await page.goto("/password-reset/this-token-does-not-exist-0123456789");
  expect(res?.status()).toBe(200);
  await expect(page.getByText("This reset link has expired or was already used.")).toBeVisible();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/password-reset$/);
});

test("the sign-in page links to the reset page", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
});
