// Studio's Files and Course team pages on the Atrium 101 course (imported by scripts/e2e.sh, owned
// by `author`): three files uploaded at once with a progress bar each (and one dropped), a replacement confirmed,
// search, copy URL, a file locked and used in a Text component, the unit published (which carries
// the working copy's files, locks included, to learners), a signed-in unenrolled user refused the
// locked file and the same user served it once enrolled; delete lists the linking component; a
// new staff member added by username then sees the course in Studio. Axe on both pages.
// Only the "library_unit" unit is published here (no other spec edits it).
import { expect, test, type Page } from "@playwright/test";
import { registerUser, signIn, uniqueSuffix } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA_BEST_PRACTICE } from "../support/axe";

const COURSE = "course-v1:Atrium+ATR101+2026";
const enc = encodeURIComponent;
const filesUrl = `/studio/courses/${enc(COURSE)}/files`;
const teamUrl = `/studio/courses/${enc(COURSE)}/team`;
const UNIT = "block-v1:Atrium+ATR101+2026+type@vertical+block@library_unit";

async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("main");
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  });
}

const row = (page: Page, path: string) => page.locator(`[data-testid="file-row"][data-path="${path}"]`);

test.describe("files and course team", () => {
  test.describe.configure({ timeout: 300_000 });

  test("upload three files, lock one, use it in a published unit: only enrolled learners get it; delete warns", async ({ page, browser, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const s = uniqueSuffix();
    const names = [`e2e-${s}-a.png`, `e2e-${s}-b.txt`, `e2e-${s}-c.pdf`];
    await signIn(page, "author", "author-pass-1");
    await page.goto(filesUrl);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Files", level: 1 })).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "files page", tags: WCAG21AA_BEST_PRACTICE });

    // Three files at once: three progress bars, each completes.
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b40000000049454e44ae426082", "hex");
    await page.getByLabel("Choose files").setInputFiles([
      { name: names[0], mimeType: "image/png", buffer: png },
      { name: names[1], mimeType: "text/plain", buffer: Buffer.from("notes ".repeat(20_000)) },
      { name: names[2], mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") },
    ]);
    const uploads = page.getByTestId("upload");
    await expect(uploads).toHaveCount(3);
    for (const n of names) {
      const u = uploads.filter({ hasText: n });
      await expect(u).toHaveAttribute("data-state", "done", { timeout: 30_000 });
      await expect(u.getByRole("progressbar", { name: `Upload of ${n}` })).toHaveAttribute("value", "100");
    }

    // A file dropped on the drop zone uploads the same way.
    const dropped = `e2e-${s}-d.txt`;
    const dt = await page.evaluateHandle((name) => {
      const t = new DataTransfer();
      t.items.add(new File(["dropped"], name, { type: "text/plain" }));
      return t;
    }, dropped);
    await page.getByTestId("drop-zone").dispatchEvent("dragover", { dataTransfer: dt });
    await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer: dt });
    await expect(uploads.filter({ hasText: dropped })).toHaveAttribute("data-state", "done");

    // Search finds the four; the URL is visible and copied.
    await page.getByLabel("Search by name").fill(`e2e-${s}`);
    await page.getByLabel("Sort by").selectOption("name");
    await page.getByLabel("Order").selectOption("asc");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("file-row")).toHaveCount(4);
    expect(await page.getByTestId("file-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-path")))).toEqual([...names, dropped]);
    await hydrated(page);
    await expect(row(page, names[0]).getByRole("textbox", { name: `URL of ${names[0]}` })).toHaveValue(`/static/${names[0]}`);
    await row(page, names[0]).getByRole("button", { name: `Copy URL of ${names[0]}` }).click();
    await expect(row(page, names[0]).getByRole("button", { name: `Copy URL of ${names[0]}` })).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`/static/${names[0]}`);

    // Same name again: a confirmation, then the file is replaced.
    await page.getByLabel("Choose files").setInputFiles([{ name: names[1], mimeType: "text/plain", buffer: Buffer.from("replaced") }]);
    await expect(page.getByText("Replace existing files?")).toBeVisible();
    await page.getByRole("button", { name: "Replace and upload" }).click();
    await expect(uploads.filter({ hasText: names[1] }).first()).toHaveAttribute("data-state", "done");
    await expect(row(page, names[1])).toContainText("8 B");

    // Lock the picture (working copy); it goes live with the next publish.
    await row(page, names[0]).getByRole("button", { name: `Lock ${names[0]}` }).click();
    await expect(row(page, names[0])).toContainText("Locked");
    await expectNoSeriousAxeViolations(page, { label: "files page with files", tags: WCAG21AA_BEST_PRACTICE });

    // Use it in a Text component, then publish that unit (files and locks go live with it).
    await page.goto(`/studio/courses/${enc(COURSE)}/units/${enc(UNIT)}`);
    await hydrated(page);
    await page.getByRole("button", { name: "Text", exact: true }).click();
    const editor = page.getByTestId("component-editor");
    await expect(editor).toHaveAttribute("data-block-type", "html");
    await editor.getByLabel("Display name", { exact: true }).fill(`Picture ${s}`);
    await editor.getByRole("tab", { name: "HTML" }).click();
    await editor.getByLabel("HTML source").fill(`<p><img src="/static/${names[0]}" alt="A tiny picture"/></p>`);
    await editor.getByRole("button", { name: "Save", exact: true }).click();
    await expect(editor.getByTestId("save-status")).toHaveText("Saved.");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByTestId("unit-state")).toHaveAttribute("data-state", "published");

    // A signed-in user who is not enrolled is refused the locked file; once enrolled, served.
    const locked = `/assets/${enc(COURSE)}/${names[0]}`;
    expect((await page.request.get(locked)).status()).toBe(200); // the author (course team)
    const other = await browser.newContext();
    const lp = await other.newPage();
    await registerUser(lp, "filel");
    expect((await lp.request.get(locked)).status()).toBe(403);
    expect((await lp.request.get(`/assets/${enc(COURSE)}/${names[2]}`)).status()).toBe(200); // not locked
    await lp.goto(`/courses/${enc(COURSE)}/about`);
    await lp.getByRole("button", { name: /Enroll now/ }).click();
    await expect(lp).toHaveURL(new RegExp(`/courses/${enc(COURSE).replace(/[+]/g, "\\+")}$`));
    const served = await lp.request.get(locked);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/png");
    await other.close();

    // Delete warns with the component and its unit; cancelled, nothing changes.
    await page.goto(`${filesUrl}?q=${enc(`e2e-${s}`)}&sort=name&dir=asc`);
    await hydrated(page);
    await row(page, names[0]).getByRole("button", { name: `Delete ${names[0]}` }).click();
    const confirm = row(page, names[0]).getByTestId("delete-confirm");
    await expect(confirm.getByTestId("references")).toContainText(`Picture ${s} (html) in unit Question Bank`);
    await expectNoSeriousAxeViolations(page, { label: "delete confirmation", tags: WCAG21AA_BEST_PRACTICE });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(row(page, names[0])).toHaveCount(1);
    // The unused file is deleted from the working copy.
    await row(page, names[2]).getByRole("button", { name: `Delete ${names[2]}` }).click();
    await expect(row(page, names[2]).getByTestId("delete-confirm")).toContainText("No component links to this file.");
    await row(page, names[2]).getByRole("button", { name: "Delete file" }).click();
    await expect(page.getByTestId("file-row")).toHaveCount(3);
  });

  test("an instructor adds a staff member, who then sees the course in Studio; unknown users change nothing", async ({ page, browser }) => {
    const other = await browser.newContext();
    const sp = await other.newPage();
    const staff = await registerUser(sp, "staffer");

    await signIn(page, "author", "author-pass-1");
    await page.goto(teamUrl);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Course team", level: 1 })).toBeVisible();
    await expect(page.getByTestId("member-author")).toContainText("Instructor");
    await expectNoSeriousAxeViolations(page, { label: "team page", tags: WCAG21AA_BEST_PRACTICE });

    // Unknown user: a clear message, nothing added.
    const before = await page.getByTestId("team-table").locator("tbody tr").count();
    await page.getByLabel("Email or username").fill(`nobody-${uniqueSuffix()}@example.test`);
    await page.getByRole("button", { name: "Add to team" }).click();
    await expect(page.getByText("No active user has this email or username.")).toBeVisible();
    await expect(page.getByTestId("team-table").locator("tbody tr")).toHaveCount(before);

    // The last instructor cannot be removed.
    page.once("dialog", (d) => void d.accept());
    await page.getByTestId("member-author").getByRole("button", { name: "Remove author" }).click();
    await expect(page.getByTestId("member-author").getByTestId("row-error")).toContainText("only instructor");

    await page.getByLabel("Email or username").fill(staff.username);
    await page.getByLabel("Role", { exact: true }).selectOption("staff");
    await page.getByRole("button", { name: "Add to team" }).click();
    await expect(page.getByTestId(`member-${staff.username}`)).toContainText(staff.email);
    await expect(page.getByTestId("team-log")).toContainText(`added ${staff.username} as staff`);
    await expectNoSeriousAxeViolations(page, { label: "team page with a new member", tags: WCAG21AA_BEST_PRACTICE });

    // The new staff member sees the course in Studio, opens its outline, sees the team read-only.
    await sp.goto("/studio");
    await sp.getByRole("list", { name: "Courses" }).getByRole("link", { name: "Atrium 101: Learning with Atrium", exact: true }).click();
    await expect(sp).toHaveURL(/\/outline$/);
    await expect(sp.getByRole("heading", { level: 1 })).toHaveText("Atrium 101: Learning with Atrium");
    await sp.goto(teamUrl);
    await expect(sp.getByText("only the course’s instructors")).toBeVisible();
    await expect(sp.getByRole("button", { name: "Add to team" })).toHaveCount(0);
    await expectNoSeriousAxeViolations(sp, { label: "team page (staff)", tags: WCAG21AA_BEST_PRACTICE });
    await other.close();

    // Removing the staff member is logged too.
    page.once("dialog", (d) => void d.accept());
    await page.getByTestId(`member-${staff.username}`).getByRole("button", { name: `Remove ${staff.username}` }).click();
    await expect(page.getByTestId(`member-${staff.username}`)).toHaveCount(0);
    await expect(page.getByTestId("team-log")).toContainText(`removed ${staff.username} (was staff)`);
  });
});
