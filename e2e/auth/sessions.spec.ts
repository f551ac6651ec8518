// Sessions and the sign-in throttle key under `next start`: signing out refuses a copied session
// cookie, "Sign out everywhere" ends every session, and a client-sent X-Forwarded-For (or a forged
// copy of the private socket-address header) does not choose the address sign-ins are counted by.
import { expect, test, type APIRequestContext } from "@playwright/test";
import mysql from "mysql2/promise";
import { registerUser, signIn, signOut, uniqueSuffix } from "../support/auth";

async function failedSignIn(request: APIRequestContext, login: string, headers: Record<string, string>) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, login, password: "certainly-wrong-1", json: "true" },
    headers,
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(500);
}

async function attemptAddresses(identifier: string): Promise<string[]> {
  const conn = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  try {
    const [rows] = await conn.query("SELECT ip FROM login_attempts WHERE identifier = ? ORDER BY id", [identifier]);
    return (rows as { ip: string }[]).map((r) => r.ip);
  } finally {
    await conn.end();
  }
}

test("a spoofed X-Forwarded-For does not change the sign-in throttle key", async ({ request }) => {
  const login = `spoof_${uniqueSuffix()}`;
  await failedSignIn(request, login, {});
  await failedSignIn(request, login, { "X-Forwarded-For": "203.0.113.77" });
  await failedSignIn(request, login, { "X-Forwarded-For": "198.51.100.1, 203.0.113.78", "X-Real-IP": "203.0.113.79" });
  await failedSignIn(request, login, { "X-Atrium-Socket-Address": "forged 203.0.113.80", "X-Forwarded-For": "203.0.113.81" });
  // ATRIUM_TRUST_PROXY is off: every attempt is counted against the TCP peer (this machine).
  expect(await attemptAddresses(login)).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1"]);
});

test("after sign-out a copied session cookie is refused", async ({ page, context, browser }) => {
  test.slow(); // two browsers, register + sign-out: over a minute on a loaded machine
  await registerUser(page, "copied");
  const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeTruthy();

  const thief = await browser.newContext();
  await thief.addCookies([session!]);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/account");
  await expect(thiefPage.getByTestId("account-username")).toBeVisible(); // the copy works while signed in

  await signOut(page);
  await thiefPage.goto("/account");
  await expect(thiefPage).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await thief.close();
});

test("sign out everywhere ends the sessions of every browser", async ({ page, browser }) => {
  test.slow(); // two browsers, register + two sign-ins: over a minute on a loaded machine
  const u = await registerUser(page, "everywhere");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, u.username, u.password);
  await otherPage.goto("/account");
  await expect(otherPage.getByTestId("account-username")).toHaveText(u.username);

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  // Signing in again works as usual.
  await signIn(otherPage, u.username, u.password);
  await otherPage.goto("/account");
  await expect(otherPage.getByTestId("account-username")).toHaveText(u.username);
  await other.close();
});
