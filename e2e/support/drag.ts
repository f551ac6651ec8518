// Drag and drop with dnd-kit from Playwright, robust on a busy machine. dnd-kit decides the drop
// target in a React render after the pointer (or arrow key) moved; releasing before that render
// drops the item on itself, which is no move. So each step waits for dnd-kit's own signals: the
// handle's aria-pressed="true" (a drag is on) and the live region's announcement that the item is
// over the intended target (`overText`), and only then drops.
import { expect, type Locator, type Page } from "@playwright/test";

const liveRegion = (page: Page) => page.locator('[id^="DndLiveRegion"]');

async function startPointerDrag(page: Page, handle: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await handle.scrollIntoViewIfNeeded();
    const from = (await handle.boundingBox())!;
    const x = from.x + from.width / 2;
    const y = from.y + from.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 8, { steps: 4 });
    const started = await expect(handle)
      .toHaveAttribute("aria-pressed", "true", { timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (started) return;
    // not hydrated yet, or the press landed mid-render: let go and press again
    await page.mouse.up();
    if (attempt === 4) throw new Error("the drag never started (no aria-pressed on the handle)");
    await page.waitForTimeout(500);
  }
}

/**
 * Drags `handle` onto the top ("above") or bottom ("below") edge of `target` and drops once dnd-kit
 * announces `overText`. If dnd-kit does not see the target under the pointer (its rects were
 * measured while the page was still settling), the drag is cancelled with Escape — nothing moves —
 * and tried again.
 */
export async function pointerDrag(page: Page, handle: Locator, target: Locator, where: "above" | "below", overText: string | RegExp): Promise<void> {
  const region = liveRegion(page);
  for (let attempt = 1; ; attempt++) {
    // both in the middle of the viewport, away from the edges where dnd-kit scrolls the page
    await target.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await startPointerDrag(page, handle);
    let over = false;
    for (let nudge = 0; nudge < 4 && !over; nudge++) {
      const to = (await target.boundingBox())!; // re-read: the page may have moved
      const x = to.x + to.width / 2;
      const y = (where === "above" ? to.y + Math.min(6, to.height / 4) : to.y + to.height - Math.min(6, to.height / 4)) + (nudge % 2 ? 1 : 0);
      await page.mouse.move(x, y, { steps: nudge === 0 ? 20 : 2 });
      over = await expect(region)
        .toContainText(overText, { timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
    }
    if (over) {
      await page.mouse.up();
      return;
    }
    const said = await region.textContent();
    await page.keyboard.press("Escape");
    await page.mouse.up();
    if (attempt === 3) throw new Error(`dnd-kit never announced ${String(overText)} (last: ${said})`);
    await page.waitForTimeout(1_000);
  }
}

/** dnd-kit's keyboard sensor: Space picks up, arrows move (each announced), Space drops. */
export async function keyboardDrag(page: Page, handle: Locator, key: "ArrowUp" | "ArrowDown", overText: string | RegExp): Promise<void> {
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press(key);
  await expect(liveRegion(page)).toContainText(overText, { timeout: 15_000 });
  await page.keyboard.press("Space");
}
