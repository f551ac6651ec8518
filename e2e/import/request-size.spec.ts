// Request size belongs to the operator (issue 8, item 3): server actions keep a small body limit
// (a 3 MB body to the anonymous password-reset action is refused, the same request at normal
// size is served), and Studio's import page uploads through the import route, not an action.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn, uniqueSuffix } from "../support/auth";

test("an oversized body to a server action is refused; the same action at normal size runs", async ({ page }) => {
  await page.goto("/password-reset");
  await page.getByLabel("Email").fill(`nobody-${uniqueSuffix()}@example.test`);
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    page.getByRole("button", { name: "Send reset link" }).click(),
  ]);
  const headers = await req.allHeaders();
  const original = req.postDataBuffer()!;
  const contentType = headers["content-type"];
  const replay = (body: Buffer) =>
    page.request.post(req.url(), {
      headers: { "next-action": headers["next-action"], "content-type": contentType, accept: headers.accept ?? "text/x-component" },
      data: body,
      maxRedirects: 0,
    });

  // The captured request, replayed as is: served.
  expect((await replay(original)).status()).toBe(200);

  // The same request carrying 3 MB more: refused by Next's body limit before the action runs.
  const pad = "x".repeat(3 * 1024 * 1024);
  let big: Buffer;
  const boundary = /boundary=([^;]+)/.exec(contentType ?? "")?.[1];
  if (boundary) {
    const end = Buffer.from(`--${boundary}--`);
    const at = original.lastIndexOf(end);
    big = Buffer.concat([original.subarray(0, at), Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="pad"\r\n\r\n${pad}\r\n`), original.subarray(at)]);
  } else {
    big = Buffer.concat([original, Buffer.from(" ".repeat(pad.length))]);
  }
  const res = await replay(big);
  expect(res.status()).not.toBe(200);
  expect(res.status()).toBeGreaterThanOrEqual(400);
});

test("the Studio import page uploads through /api/studio/import, not a server action", async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "atrium-e2e-reqsize-"));
  const c = path.join(dir, "course");
  mkdirSync(path.join(c, "course"), { recursive: true });
  const org = `RS${uniqueSuffix()}`.slice(0, 20);
  writeFileSync(path.join(c, "course.xml"), `<course url_name="2026" org="${org}" course="RS1"/>`);
  writeFileSync(path.join(c, "course", "2026.xml"), `<course display_name="Request size ${org}"/>`);
  const archive = path.join(dir, "rs.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", dir, "course"]);

  await signIn(page, "author@example.com", "author-pass-1");
  await page.goto("/studio/import");
  const actionPosts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"] !== undefined) actionPosts.push(r.url());
  });
  await page.getByLabel("Course export (.tar.gz)").setInputFiles(archive);
  const [upload] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/studio/import"),
    page.getByRole("button", { name: "Import" }).click(),
  ]);
  expect(upload.headers()["content-type"]).toBe("application/gzip");
  expect((await upload.response())?.status()).toBe(202);
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 60_000 });
  expect(actionPosts).toEqual([]);
});
