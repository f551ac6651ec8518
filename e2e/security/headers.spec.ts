// Security headers in a real Chromium against the production build: the pages a learner and an
// author use load with no Content-Security-Policy violation (every script carries the nonce; the
// static /help works with its hash policy), every page reaches network-idle (no prefetch of a
// route handler left hanging), and the icon set and robots.txt are served.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/auth";

const ATR = "course-v1:Atrium+ATR101+2026";
const DEMO = "course-v1:OpenedX+DemoX+DemoCourse";
const enc = encodeURIComponent;

interface Watch {
  problems: string[];
}

/** Records CSP violations (in every frame) and CSP/script errors on the console. */
async function watchCsp(page: Page): Promise<Watch> {
  const w: Watch = { problems: [] };
  await page.exposeFunction("__cspViolation", (v: string) => void w.problems.push(`violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) w.problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (err) => w.problems.push(`pageerror: ${err.message}`));
  return w;
}

/** Opens a page, waits until the network is idle (fails if a request never settles), checks the CSP header. */
async function visit(page: Page, path: string, opts: { nonce?: boolean } = {}) {
  const res = await page.goto(path, { waitUntil: "networkidle", timeout: 30_000 });
  expect(res, path).not.toBeNull();
  expect(res!.status(), path).toBeLessThan(400);
  const csp = (await res!.allHeaders())["content-security-policy"] ?? "";
  if (opts.nonce !== false) expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).not.toContain("unsafe-eval");
  return res!;
}

test("login page and /help: no CSP violations; /help keeps a static hash policy", async ({ page }) => {
  const w = await watchCsp(page);
  const login = await visit(page, "/login");
  const h = await login.allHeaders();
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  // The page is interactive under the policy (hydrated React handles the form).
  await page.getByLabel("Email or username").fill("nobody");
  await page.getByLabel("Password", { exact: true }).fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/do not match/).first()).toBeVisible({ timeout: 15_000 });

  // What an XSS would try: an injected inline handler is refused (and the watcher sees it).
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/nope.png" onerror="window.__pwned = 1">`);
  });
  await expect.poll(() => w.problems.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(w.problems.join("\n")).toMatch(/script-src/);
  w.problems.length = 0;

  const help = await visit(page, "/help", { nonce: false });
  const hh = await help.allHeaders();
  expect(hh["content-security-policy"]).toMatch(/^default-src 'none'; style-src 'sha256-/);
  // The hash matches: the inline <style> applied (the footer gets its grey background).
  const bg = await page.locator("footer").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe("rgb(246, 248, 250)");
  expect(w.problems).toEqual([]);
});

test("author: course home, a video unit, a problem unit, Studio: no CSP violations, all reach network-idle", async ({ page }) => {
  test.setTimeout(180_000);
  const w = await watchCsp(page);
  await signIn(page, "author", "author-pass-1");
  await visit(page, `/courses/${enc(ATR)}`);
  await expect(page.getByRole("list", { name: "Course outline" })).toBeVisible();

  await page.goto(`/courses/${enc(ATR)}/jump/welcome_unit`, { waitUntil: "networkidle" });
  await expect(page.locator("video").first()).toBeVisible();
  await visit(page, new URL(page.url()).pathname);

  await page.goto(`/courses/${enc(ATR)}/jump/final_unit`, { waitUntil: "networkidle" });
  await visit(page, new URL(page.url()).pathname);
  const submit = page.getByRole("button", { name: "Submit" }).first();
  await expect(submit).toBeVisible();

  if (process.env.E2E_OPENEDX_DEMO) {
    // A unit with a video and a problem, and the unit whose html iframes a course file.
    await page.goto(`/courses/${enc(DEMO)}/jump/2e26b4ea3903472a994ab5ae2b5ad44c`, { waitUntil: "networkidle" });
    await visit(page, new URL(page.url()).pathname);
    await page.goto(`/courses/${enc(DEMO)}/jump/2c67dd8fe6f0498b941ed11180887a8d`, { waitUntil: "networkidle" });
    await visit(page, new URL(page.url()).pathname);
    const frame = page.locator("iframe[title='The Open edX Project']");
    await expect(frame).toHaveAttribute("sandbox", /allow-scripts/);
    await expect(frame).not.toHaveAttribute("sandbox", /allow-same-origin/);
  }

  await visit(page, "/studio");
  await visit(page, `/studio/courses/${enc(ATR)}`);
  await visit(page, "/dashboard");
  expect(w.problems).toEqual([]);
});

test("the icon set and robots.txt are served", async ({ request }) => {
  for (const [path, type] of [["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/], ["/icon.svg", /image\/svg\+xml/], ["/apple-touch-icon.png", /image\/png/], ["/robots.txt", /text\/plain/]] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(type);
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /studio");
});
