// The Studio area refuses non-authors on the server (not only by hiding the link).
import { expect, test } from "@playwright/test";
import { registerUser, signIn } from "../support/auth";

test("anonymous visitors are sent to sign in (plain request, no browser)", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const res = await api.get("/studio", { maxRedirects: 0 });
  expect([302, 303, 307, 308]).toContain(res.status());
  expect(res.headers()["location"]).toMatch(/\/login\?callbackUrl=%2Fstudio/);
  await api.dispose();
});

test("a learner opening /studio is refused with 403, and sees no Studio link", async ({ page }) => {
  await signIn(page, "learner", "learner-pass-1");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Studio" })).toHaveCount(0);
  const res = await page.goto("/studio");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  // The same check for a plain request carrying the learner's cookie.
  const plain = await page.request.get("/studio", { maxRedirects: 0 });
  expect(plain.status()).toBe(403);
  expect(await plain.text()).not.toContain("Import a course");
});

test("a freshly registered user is refused too", async ({ page }) => {
  await registerUser(page, "nostudio");
  expect((await page.goto("/studio"))?.status()).toBe(403);
});

test("the admin sees the Studio link and the Studio page", async ({ page }) => {
  await signIn(page, "admin", "admin-pass-1");
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Studio" });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
  await expect(page.getByText("Every course on this site (you are an administrator).")).toBeVisible();
});

test("a course creator (author) gets into Studio", async ({ page }) => {
  await signIn(page, "author@example.com", "author-pass-1");
  const res = await page.goto("/studio");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
});
