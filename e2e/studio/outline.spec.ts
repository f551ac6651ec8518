// Studio home and outline, end to end as the seeded course creator: New course → New section /
// subsection / unit → rename in place → reorder by drag and by keyboard → delete with a
// confirmation that says what is inside → Publish → state badges; axe on home and outline.
// A team member without the course-creator right is told why there is no New course.
import { expect, test, type Page } from "@playwright/test";
import mysql from "mysql2/promise";
import { registerUser, signIn, uniqueSuffix } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA_BEST_PRACTICE } from "../support/axe";
import { keyboardDrag, pointerDrag } from "../support/drag";

// The machine running these may be heavily shared: give server actions time.
const slow = expect.configure({ timeout: 30_000 });

/** Outline buttons are disabled while a change is being saved and the page refreshed. */
const settled = (page: Page) => slow(page.getByRole("button", { name: "+ New unit" }).first()).toBeEnabled();
const units = (page: Page) => page.getByTestId("outline-vertical");
const unitNames = (page: Page) => page.locator('[data-testid="outline-vertical"] a[href*="/units/"]').allTextContents();

async function rename(page: Page, current: string, next: string, nth = 0) {
  await page.getByRole("button", { name: `Rename ${current}`, exact: true }).nth(nth).click();
  const input = page.getByRole("textbox", { name: `New name for ${current}` });
  await input.fill(next);
  await input.press("Enter");
}

test("author builds, reorders, deletes and publishes an outline", async ({ page }) => {
  test.setTimeout(420_000);
  await signIn(page, "author@example.com", "author-pass-1");
  await page.goto("/studio");
  await expectNoSeriousAxeViolations(page, { label: "/studio", tags: WCAG21AA_BEST_PRACTICE });

  // search filters the list
  await page.getByRole("searchbox", { name: "Search courses" }).fill("no-such-course-xyz");
  await page.getByRole("button", { name: "Search" }).click();
  await slow(page.getByText("No course matches")).toBeVisible();

  // New course, validated
  await page.getByRole("button", { name: "New course" }).click();
  await page.getByRole("button", { name: "Create" }).click();
  await slow(page.getByText("Enter the course name.")).toBeVisible();
  const run = `R${uniqueSuffix()}`.slice(0, 20);
  await page.getByLabel("Course name").fill("E2E Outline Course");
  await page.getByLabel("Organization").fill("E2EOrg");
  await page.getByLabel("Course number").fill("OUT1");
  await page.getByLabel("Course run").fill(run);
  await slow(page.getByText(`course-v1:E2EOrg+OUT1+${run}`)).toBeVisible();
  await expectNoSeriousAxeViolations(page, { label: "/studio new course form", tags: WCAG21AA_BEST_PRACTICE });
  await page.getByRole("button", { name: "Create" }).click();
  await slow(page).toHaveURL(/\/outline$/, { timeout: 20_000 });
  await slow(page.getByRole("heading", { level: 1, name: "E2E Outline Course" })).toBeVisible();
  await slow(page.getByTestId("course-state")).toHaveText("Draft (never published)");

  // New section / subsection / units, renamed in place
  await page.getByRole("button", { name: "+ New section" }).click();
  await slow(page.getByTestId("outline-chapter")).toHaveCount(1);
  await rename(page, "Section", "Week 1");
  await slow(page.getByRole("heading", { name: "Week 1" })).toBeVisible();
  await page.getByRole("button", { name: "+ New subsection" }).click();
  await slow(page.getByTestId("outline-sequential")).toHaveCount(1);
  await rename(page, "Subsection", "Lesson 1");
  await slow(page.getByRole("heading", { name: "Lesson 1" })).toBeVisible();
  await page.getByRole("button", { name: "+ New unit" }).click();
  await slow(units(page)).toHaveCount(1);
  await rename(page, "Unit", "Alpha");
  await slow(page.getByRole("link", { name: "Alpha", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "+ New unit" }).click();
  await slow(units(page)).toHaveCount(2);
  await rename(page, "Unit", "Beta");
  await slow.poll(() => unitNames(page)).toEqual(["Alpha", "Beta"]);
  await slow(page.getByRole("link", { name: "Alpha", exact: true })).toHaveAttribute("href", /\/studio\/courses\/.+\/units\/block-v1/);

  // reorder by keyboard (dnd-kit: Space lifts, arrows move, Space drops), once the previous change
  // has settled (buttons are enabled again)
  await slow(page.getByRole("button", { name: "+ New unit" })).toBeEnabled();
  await page.waitForLoadState("networkidle");
  await keyboardDrag(page, page.getByRole("button", { name: "Drag to reorder unit Beta" }), "ArrowUp", "Beta is over Alpha.");
  await slow.poll(() => unitNames(page)).toEqual(["Beta", "Alpha"]);
  await settled(page); // the list moves at once; the save may still be on its way
  await page.reload();
  await slow.poll(() => unitNames(page)).toEqual(["Beta", "Alpha"]);
  // and with the Move buttons
  await page.getByRole("button", { name: "Move Beta down" }).click();
  await slow.poll(() => unitNames(page)).toEqual(["Alpha", "Beta"]);
  // and by pointer drag: Beta's handle dropped on the top half of Alpha, kept after a reload
  await slow(page.getByRole("button", { name: "+ New unit" })).toBeEnabled();
  await pointerDrag(page, page.getByRole("button", { name: "Drag to reorder unit Beta" }), units(page).nth(0), "above", "Beta is over Alpha.");
  await slow.poll(() => unitNames(page)).toEqual(["Beta", "Alpha"]);
  await settled(page); // the list moves at once; the save may still be on its way
  await page.reload();
  await slow.poll(() => unitNames(page)).toEqual(["Beta", "Alpha"]);
  await page.getByRole("button", { name: "Move Beta down" }).click();
  await slow.poll(() => unitNames(page)).toEqual(["Alpha", "Beta"]);

  // delete with a confirmation that says what is inside
  await page.getByRole("button", { name: "Duplicate Lesson 1" }).click();
  await slow(page.getByTestId("outline-sequential")).toHaveCount(2);
  await slow(units(page)).toHaveCount(4);
  await page.getByRole("button", { name: "Delete Duplicate of 'Lesson 1'" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this subsection?" });
  await slow(dialog).toBeVisible();
  await slow(dialog).toContainText("also deletes 2 units and 0 components");
  await expectNoSeriousAxeViolations(page, { label: "delete confirmation", tags: WCAG21AA_BEST_PRACTICE });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await slow(page.getByTestId("outline-sequential")).toHaveCount(2);
  await page.getByRole("button", { name: "Delete Duplicate of 'Lesson 1'" }).click();
  await page.getByRole("dialog", { name: "Delete this subsection?" }).getByRole("button", { name: "Yes, delete" }).click();
  await slow(page.getByTestId("outline-sequential")).toHaveCount(1);
  await slow(units(page)).toHaveCount(2);

  // subsection settings: graded as + a future release date
  await page.getByRole("button", { name: "Settings of Lesson 1" }).click();
  const settings = page.getByRole("form", { name: "Settings of Lesson 1" });
  await settings.getByLabel("Graded as").selectOption("Homework");
  await settings.getByLabel("Release date (UTC)").fill("2999-01-01T09:00");
  await settings.getByRole("button", { name: "Save" }).click();
  await slow(page.getByText("Graded as Homework")).toBeVisible();
  await slow(page.getByText("Scheduled: releases 2999-01-01 09:00 UTC").first()).toBeVisible();

  await expectNoSeriousAxeViolations(page, { label: "outline", tags: WCAG21AA_BEST_PRACTICE });

  // Publish the course: every badge says published; an edit marks the unit and the course changed
  await page.getByRole("button", { name: "Publish all changes in the course" }).click();
  await slow(page.getByTestId("course-state")).toHaveText("Published and live");
  for (const badge of await page.getByTestId("item-state").all()) await slow(badge).toHaveText("Published and live");
  await slow(page.getByRole("link", { name: "View Alpha live" })).toBeVisible();
  await rename(page, "Alpha", "Alpha 2");
  const alpha = units(page).filter({ hasText: "Alpha 2" });
  await slow(alpha.getByTestId("item-state")).toHaveText("Draft (unpublished changes)");
  await slow(units(page).filter({ hasText: "Beta" }).getByTestId("item-state")).toHaveText("Published and live");
  await slow(page.getByTestId("course-state")).toHaveText("Draft (unpublished changes)");
  await page.getByRole("button", { name: "Publish Alpha 2" }).click();
  await slow(page.getByTestId("course-state")).toHaveText("Published and live");
});

test("a team member without the course-creator right is told why there is no New course", async ({ page }) => {
  test.setTimeout(180_000);
  // a fresh account, given a staff role on a course (as an instructor would add a team member)
  const user = await registerUser(page, "teamonly");
  const db = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  try {
    await db.query(
      "INSERT INTO course_roles (user_id, course_id, role) SELECT u.id, c.id, 'staff' FROM users u, courses c WHERE u.username = ? ORDER BY c.id LIMIT 1",
      [user.username],
    );
  } finally {
    await db.end();
  }
  await page.goto("/studio");
  await slow(page.getByText("You cannot create courses")).toBeVisible();
  await slow(page.getByText("Creating a course needs the course creator right")).toBeVisible();
  await slow(page.getByRole("button", { name: "New course" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, { label: "/studio without creator right", tags: WCAG21AA_BEST_PRACTICE });
});
