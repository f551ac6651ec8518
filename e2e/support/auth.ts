// Playwright helpers for signing in and registering fresh users through the real forms.
import { expect, type Page } from "@playwright/test";

/** Signs in through /login with an email or username; waits until the app has left /login. */
export async function signIn(page: Page, login: string, password: string, opts: { callbackUrl?: string } = {}): Promise<void> {
  await page.goto(opts.callbackUrl ? `/login?callbackUrl=${encodeURIComponent(opts.callbackUrl)}` : "/login");
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/, { timeout: 20_000 });
}

/** Signs out through the account menu (falls back to /logout when the menu is not visible). */
export async function signOut(page: Page): Promise<void> {
  await page.goto("/logout");
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Registers a fresh user (unique per call) through /register and leaves it signed in. */
export async function registerUser(
  page: Page,
  prefix: string,
  opts: { fullName?: string; password?: string } = {},
): Promise<{ email: string; username: string; password: string; fullName: string }> {
  const suffix = uniqueSuffix();
  const username = `${prefix}_${suffix}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 30);
  const email = `${username}@example.test`;
  const password = opts.password ?? `pw-${suffix}-Secret`;
  const fullName = opts.fullName ?? `Test ${prefix} ${suffix}`;
  await page.goto("/register");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Full name", { exact: true }).fill(fullName);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 20_000 });
  return { email, username, password, fullName };
}
