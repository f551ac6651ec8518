// Studio's problem editor in the unit editor (Atrium 101, imported by scripts/e2e.sh and owned by
// `author`): write Open edX markdown, see the live preview (the LMS problem component), answer it
// and get graded; Simple ↔ Advanced tab rules; settings saved as attributes; axe on the editor.
// Only the course's DRAFT changes (nothing is published), on a unit no other spec edits.
import { expect as baseExpect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { expectNoSeriousAxeViolations, WCAG21AA_BEST_PRACTICE } from "../support/axe";

// The machine running e2e is shared and slow: server actions may take many seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

const COURSE = "course-v1:Atrium+ATR101+2026";
const UNIT = `block-v1:Atrium+ATR101+2026+type@vertical+block@typing_numbers`;
const unitUrl = `/studio/courses/${encodeURIComponent(COURSE)}/units/${encodeURIComponent(UNIT)}`;
/** axe checks only the problem editor. */
const PROBLEM_EDITOR = '[data-testid="problem-editor"]';

const MARKDOWN = `Warm up with two quick questions.

>>Which planet is closest to the Sun?<<
( ) Venus {{ Venus is second. }}
(x) Mercury
( ) Mars

---

>>What is 2 + 2?<<
= 4 +- 0.1

[explanation]
Two and two make four.
[explanation]

|| Count on your fingers. ||
`;

test.describe("problem editor", () => {
  test.describe.configure({ timeout: 300_000 });

  test("write markdown, see the preview, answer it and get graded; tabs, settings and save", async ({ page }) => {
    await signIn(page, "author", "author-pass-1");
    await page.goto(unitUrl);
    await expect(page.getByRole("heading", { name: "Components", level: 2 })).toBeVisible();

    // A new problem opens in the Simple tab with empty markdown.
    await page.getByRole("button", { name: "Problem", exact: true }).click();
    const editor = page.getByTestId("problem-editor");
    await expect(editor).toBeVisible();
    await expect(editor.getByRole("tab", { name: "Simple (markdown)" })).toHaveAttribute("aria-selected", "true");
    const markdown = editor.getByLabel("Problem markdown");
    await expect(markdown).toHaveValue("");
    await markdown.fill(MARKDOWN);

    // The preview is the LMS problem component.
    const preview = editor.getByTestId("problem-preview");
    await expect(preview.getByRole("group", { name: "Which planet is closest to the Sun?" })).toBeVisible();
    const sum = preview.getByLabel("What is 2 + 2?");
    await expect(sum).toBeVisible();
    await expect(preview.getByText("Warm up with two quick questions.")).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "problem editor (simple)", include: PROBLEM_EDITOR, tags: WCAG21AA_BEST_PRACTICE });

    // A wrong answer is graded incorrect, with the choice's feedback.
    await preview.getByLabel("Venus").check();
    await sum.fill("5");
    await preview.getByRole("button", { name: "Submit" }).click();
    await expect(preview.getByTestId("problem-message")).toHaveText("Incorrect: 0 of 2 points.");
    await expect(preview.getByText("Venus is second.")).toBeVisible();
    // The right answers are graded correct.
    await preview.getByLabel("Mercury").check();
    await sum.fill("4.05");
    await preview.getByRole("button", { name: "Submit" }).click();
    await expect(preview.getByTestId("problem-message")).toHaveText("Correct: 2 of 2 points.");
    await expect(preview.getByTestId("problem-score")).toHaveText("2/2 points");
    // Show answer reveals the explanation; the demand hint comes from the markdown.
    await preview.getByRole("button", { name: "Show answer" }).click();
    await expect(preview.getByText("Two and two make four.")).toBeVisible();
    await preview.getByRole("button", { name: /^Hint/ }).click();
    await expect(preview.getByText("Count on your fingers.")).toBeVisible();
    await expectNoSeriousAxeViolations(page, { label: "problem editor (graded preview)", include: PROBLEM_EDITOR, tags: WCAG21AA_BEST_PRACTICE });

    // Settings: weight 5 is what the preview grades against.
    await editor.getByLabel("Display name", { exact: true }).fill("Warm-up check");
    await editor.getByLabel("Weight").fill("5");
    await editor.getByLabel("Maximum attempts").fill("3");
    await editor.getByLabel("Show answer").selectOption("past_due");
    await expect(preview.getByTestId("problem-score")).toHaveText("5 points possible");

    // Simple → Advanced converts; unchanged OLX lets the author go back.
    await editor.getByRole("tab", { name: "Advanced (OLX)" }).click();
    const olx = editor.getByLabel("Problem OLX");
    await expect(olx).toHaveValue(/<numericalresponse answer="4">/);
    await expect(olx).toHaveValue(/<choice correct="true">Mercury<\/choice>/);
    await expectNoSeriousAxeViolations(page, { label: "problem editor (advanced)", include: PROBLEM_EDITOR, tags: WCAG21AA_BEST_PRACTICE });
    await editor.getByRole("tab", { name: "Simple (markdown)" }).click();
    await expect(editor.getByLabel("Problem markdown")).toHaveValue(MARKDOWN);

    // Save from the Simple tab; reopened, the markdown and settings are back.
    await editor.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("save-status")).toHaveText("Saved.");
    await page.reload();
    const item = page.getByTestId("unit-component").filter({ has: page.getByRole("heading", { name: "Warm-up check", level: 3 }) });
    await item.getByRole("button", { name: "Edit: Warm-up check" }).click();
    const reopened = page.getByTestId("problem-editor");
    await expect(reopened.getByLabel("Problem markdown")).toHaveValue(MARKDOWN);
    await expect(reopened.getByLabel("Weight")).toHaveValue("5");
    await expect(reopened.getByLabel("Maximum attempts")).toHaveValue("3");
    await expect(reopened.getByLabel("Show answer")).toHaveValue("past_due");

    // Editing the OLX closes the way back to the Simple tab, as in Open edX.
    await reopened.getByRole("tab", { name: "Advanced (OLX)" }).click();
    const olx2 = reopened.getByLabel("Problem OLX");
    await olx2.fill((await olx2.inputValue()).replace("What is 2 + 2?", "What is two plus two?"));
    await expect(reopened.getByTestId("problem-preview").getByLabel("What is two plus two?")).toBeVisible();
    await reopened.getByRole("tab", { name: "Simple (markdown)" }).click();
    await expect(reopened.getByTestId("problem-editor-tab-message")).toContainText("can no longer be edited in the Simple editor");
    await expect(reopened.getByRole("tab", { name: /Advanced \(OLX\)/ })).toHaveAttribute("aria-selected", "true");

    // Malformed OLX: a plain message in the preview, and the save is refused before the server.
    await olx2.fill("<problem><p>unclosed</problem>");
    await expect(reopened.getByTestId("problem-preview-error")).toContainText("not well-formed");
    await reopened.getByRole("button", { name: "Save", exact: true }).click();
    await expect(reopened.getByTestId("problem-editor-status")).toContainText("not well-formed");
  });
});
