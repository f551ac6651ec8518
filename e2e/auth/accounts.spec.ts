// Accounts end to end in Chromium: register → sign out → sign in → dashboard, wrong password,
// throttling, odd names, tampered cookie, password change signing other sessions out.
import { expect, test } from "@playwright/test";
import { registerUser, signIn, signOut, uniqueSuffix } from "../support/auth";

test("register, sign out, sign in by username and by email, land on the dashboard", async ({ page }) => {
  const u = await registerUser(page, "flow");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("header-user")).toHaveText(u.fullName);

  await signOut(page);
  await expect(page.getByTestId("header-user")).toHaveCount(0);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);

  await signIn(page, u.username.toUpperCase(), u.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("header-user")).toHaveText(u.fullName);

  // Sign out through the account menu this time, then sign in with the email.
  await page.getByTestId("account-menu-button").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await signIn(page, u.email, u.password, { callbackUrl: "/account" });
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(u.username);
});

test("duplicate email or username and a weak password get field messages", async ({ page, browser }) => {
  const u = await registerUser(page, "dupe");
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto("/register");
  await p.getByLabel("Email", { exact: true }).fill(u.email.toUpperCase());
  await p.getByLabel("Username", { exact: true }).fill(u.username.toUpperCase());
  await p.getByLabel("Full name", { exact: true }).fill("Someone Else");
  await p.getByLabel("Password", { exact: true }).fill("short");
  await p.getByRole("button", { name: "Create account" }).click();
  await expect(p.getByText("Use at least 8 characters.")).toBeVisible();
  await p.getByLabel("Password", { exact: true }).fill("x".repeat(73));
  await p.getByRole("button", { name: "Create account" }).click();
  await expect(p.getByText(/Use at most 72 bytes/)).toBeVisible();
  await p.getByLabel("Password", { exact: true }).fill("a-good-password-1");
  await p.getByRole("button", { name: "Create account" }).click();
  await expect(p.getByText(/An account with this email address already exists/)).toBeVisible();
  await expect(p.getByText("This username is taken. Choose another one.")).toBeVisible();
  await expect(p.getByLabel("Username", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(p).toHaveURL(/\/register/);
  await ctx.close();
});

test("a wrong password shows a message and does not sign in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email or username").fill("learner");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-status")).toContainText("do not match");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId("header-user")).toHaveCount(0);
});

test("repeated failures get throttled, even with the right password afterwards", async ({ page, browser }) => {
  const ctx = await browser.newContext();
  const reg = await ctx.newPage();
  const u = await registerUser(reg, "throttle");
  await ctx.close();

  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email or username").fill(u.username);
    await page.getByLabel("Password", { exact: true }).fill(`wrong-${i}-password`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-status")).toContainText("do not match");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Email or username").fill(u.email);
  await page.getByLabel("Password", { exact: true }).fill(u.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-status")).toContainText("Too many failed sign-in attempts");
  await expect(page).toHaveURL(/\/login/);
});

test("odd names (HTML, quotes, emoji) are stored and shown escaped", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  const odd = `<img src=x onerror=alert(1)> "O'Brien" & <b>Zoë</b> 🎓`;
  await registerUser(page, "odd", { fullName: odd });
  await expect(page.getByTestId("header-user")).toHaveText(odd);
  await page.goto("/account");
  await expect(page.getByTestId("account-fullname")).toHaveText(odd);
  await expect(page.locator("main img[src='x'], header img[src='x'], main b, header b")).toHaveCount(0);

  // Change the name on the account page; the header follows.
  const renamed = `Renamed ${uniqueSuffix()} <script>alert(2)</script>`;
  await page.getByLabel("Full name", { exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("form-status")).toContainText("Your name has been saved.");
  await expect(page.getByTestId("header-user")).toHaveText(renamed);
  await page.getByLabel("Full name", { exact: true }).fill("x".repeat(256));
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Use at most 255 characters for your full name.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("account-fullname")).toHaveText(renamed);
  expect(dialogs).toBe(0);
});

test("a tampered session cookie means signed out, not a crash", async ({ page, context, baseURL }) => {
  await registerUser(page, "tamper");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeTruthy();
  const flipped = session!.value.slice(0, -6) + (session!.value.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
  await context.addCookies([{ ...session!, value: flipped }]);
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await expect(page.getByTestId("header-user")).toHaveCount(0);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  await context.addCookies([{ name: "next-auth.session-token", value: "not-a-jwt-at-all", url: baseURL! }]);
  expect((await page.goto("/"))?.status()).toBe(200);
  const api = await page.request.get("/api/auth/session");
  expect(api.status()).toBe(200);
});

test("changing the password keeps this browser signed in and signs other sessions out", async ({ page, browser }) => {
  test.slow(); // two browsers and four password checks: close to a minute on a loaded machine
  const u = await registerUser(page, "chpw");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, u.username, u.password);
  await expect(otherPage.getByTestId("header-user")).toBeVisible();

  await page.goto("/account");
  await page.getByLabel("Current password").fill("wrong-current-pw");
  await page.getByLabel("New password", { exact: true }).fill("next-password-22");
  await page.getByLabel("Confirm new password").fill("next-password-22");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not correct.")).toBeVisible();

  await page.getByLabel("Current password").fill(u.password);
  await page.getByLabel("New password", { exact: true }).fill("next-password-22");
  await page.getByLabel("Confirm new password").fill("next-password-22");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("form-status")).toContainText("Your password has been changed");
  await page.reload();
  await expect(page.getByTestId("header-user")).toBeVisible();

  await otherPage.reload();
  await expect(otherPage.getByTestId("header-user")).toHaveCount(0);
  await other.close();

  await signOut(page);
  await page.goto("/login");
  await page.getByLabel("Email or username").fill(u.username);
  await page.getByLabel("Password", { exact: true }).fill(u.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-status")).toContainText("do not match");
  await signIn(page, u.username, "next-password-22");
});
