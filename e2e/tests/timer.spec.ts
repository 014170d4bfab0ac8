import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { openBoard } from "./board.js";
import { expectSameTime, participant, stepPill, zeroInstants } from "./workshop.js";

/** One participant's wall clock is this far ahead of everyone else's. */
const SKEW_MS = 90_000;

/** Counts the tones a page plays, so that a chime can be heard by the test. */
async function countTones(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const played = { tones: 0 };
    Object.assign(window, { played });
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      played.tones++;
      return create.call(this);
    };
  });
}

const tones = (page: Page) => page.evaluate(() => (window as unknown as { played: { tones: number } }).played.tones);

test("everyone counts down the facilitator's timer the same, whatever their clock, into overtime", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await (await browser.newContext()).newPage();
  await countTones(facilitator);
  await openBoard(facilitator, url);
  const editor = await (await browser.newContext()).newPage();
  await openBoard(editor, await app.linkFor(url, "editor"));
  const { page: skewed } = await participant(browser, await app.linkFor(url, "editor"), { skewMs: SKEW_MS });
  await countTones(skewed);
  const everyone = [facilitator, editor, skewed];
  const wallClocks = await Promise.all(everyone.map((p) => p.evaluate(() => Date.now() - performance.now())));
  expect(Math.abs((wallClocks[2] ?? 0) - (wallClocks[1] ?? 0) - SKEW_MS)).toBeLessThan(5_000);

  // Only the facilitator is offered the timer.
  await expect(editor.getByRole("button", { name: "Timer", exact: true })).toHaveCount(0);
  await facilitator.getByRole("button", { name: "Timer", exact: true }).click();
  const panel = facilitator.getByRole("complementary", { name: "Timer" });
  await panel.getByRole("spinbutton", { name: "Minutes" }).fill("5");
  await panel.getByRole("textbox", { name: "What the time is for" }).fill("Pain points");
  const startedAt = Date.now();
  await panel.getByRole("button", { name: "Start" }).click();
  for (const page of everyone) await expect(stepPill(page)).toContainText("Pain points");
  await expectSameTime(everyone, "running");
  // And that time is the relay's (this machine's) five minutes, not the skewed browser's.
  const [zero] = await zeroInstants([skewed]);
  expect(Math.abs((zero ?? 0) - (startedAt + 300_000))).toBeLessThan(5_000);

  const step = panel.getByRole("region", { name: "This step timer" });
  await step.getByRole("button", { name: "Pause" }).click();
  for (const page of everyone) await expect(stepPill(page)).toHaveAttribute("data-status", "paused");
  const paused = await Promise.all(everyone.map((p) => stepPill(p).getAttribute("data-remaining-ms")));
  expect(new Set(paused).size).toBe(1);
  await step.getByRole("button", { name: "+1 min" }).click();
  const extended = String(Number(paused[0]) + 60_000);
  for (const page of everyone) await expect(stepPill(page)).toHaveAttribute("data-remaining-ms", extended);
  await step.getByRole("button", { name: "Resume" }).click();
  for (const page of everyone) await expect(stepPill(page)).toHaveAttribute("data-status", "running");
  await expectSameTime(everyone, "resumed");

  await skewed.reload();
  await expect(stepPill(skewed)).toContainText("Pain points");
  await expectSameTime(everyone, "after a reload");

  // The skewed participant chooses to hear the chime; the facilitator keeps it muted, as it starts.
  await skewed.keyboard.press("t");
  await skewed.getByRole("checkbox", { name: /Play a soft chime at zero/ }).check();
  await expect(facilitator.getByRole("checkbox", { name: /Play a soft chime at zero/ })).not.toBeChecked();

  await step.getByRole("button", { name: "Stop" }).click();
  for (const page of everyone) await expect(stepPill(page)).toHaveCount(0);
  await panel.getByRole("spinbutton", { name: "Minutes" }).fill("0.1");
  await panel.getByRole("textbox", { name: "What the time is for" }).fill("Quick round");
  await panel.getByRole("button", { name: "Start" }).click();
  await Promise.all(
    everyone.map(async (page) => {
      await expect(stepPill(page)).toHaveAttribute("data-flash", "true");
      await expect(page.locator(".timer-flash")).toBeVisible();
    }),
  );
  expect(await tones(skewed)).toBeGreaterThan(0);
  expect(await tones(facilitator)).toBe(0);
  // After the flash, the time keeps counting, shown as overtime.
  for (const page of everyone) {
    await expect(stepPill(page)).toHaveAttribute("data-status", "overtime");
    await expect(page.locator(".timer-flash")).toHaveCount(0);
    await expect(stepPill(page)).toHaveAccessibleName(/Quick round.*0:0[4-9] over time/);
  }
});
