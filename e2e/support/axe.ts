// The accessibility check the e2e specs share: axe on the page (or part of it) finds nothing
// serious or critical; a failure lists each violation's rule, impact and first elements.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG21AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] as const;
/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
export const WCAG21AA_BEST_PRACTICE = [...WCAG21AA, "best-practice"] as const;

export interface AxeCheck {
  /** Names the page or state in a failure message (default: the page's URL). */
  label?: string;
  /** CSS selector: check only this part of the page. */
  include?: string;
  /** CSS selector: leave this part of the page out. */
  exclude?: string;
  /** Run only the rules with these tags; without, axe runs its default rules. */
  tags?: readonly string[];
}

/** Runs axe on the page as it is now and expects no serious or critical violations. */
export async function expectNoSeriousAxeViolations(page: Page, opts: AxeCheck = {}): Promise<void> {
  let axe = new AxeBuilder({ page });
  if (opts.include !== undefined) axe = axe.include(opts.include);
  if (opts.exclude !== undefined) axe = axe.exclude(opts.exclude);
  if (opts.tags !== undefined) axe = axe.withTags([...opts.tags]);
  const { violations } = await axe.analyze();
  const label = opts.label ?? page.url();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`),
    `axe: serious or critical violations on ${label}`,
  ).toEqual([]);
}
