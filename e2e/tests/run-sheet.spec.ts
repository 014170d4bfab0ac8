import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { joinAs, REACH } from "./board.js";

const NEED = "I have a job to do / pain point";

/** The step countdown in a participant's top bar: the milliseconds it shows. */
async function stepTimeLeft(page: Page): Promise<number> {
  const pill = page.locator('.timer-pill[data-scope="step"]');
  await expect(pill).toHaveAttribute("data-remaining-ms", /\d/, REACH);
  return Number(await pill.getAttribute("data-remaining-ms"));
}

/** The lock boxes as a participant's Locks panel shows them (read from the control document). */
async function locksShown(page: Page): Promise<{ structure: boolean; stages: boolean }> {
  const panel = page.getByRole("complementary", { name: "Locks" });
  if (!(await panel.isVisible())) await page.keyboard.press("J");
  return {
    structure: await panel.getByLabel("Lock the structure (stages, lanes, segments)").isChecked(),
    stages: await panel.getByLabel("Lock the stages other than the current one").isChecked(),
  };
}

test("a facilitator runs the default agenda: each step sets stage, timer, mode and locks for a participant, and the summary lists the time per step", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await joinAs(browser, url);
  const ana = await joinAs(browser, await app.linkFor(url, "editor"));

  await facilitator.keyboard.press("A");
  const sheet = facilitator.getByRole("complementary", { name: "Run-sheet" });
  await sheet.getByRole("button", { name: "Use the default agenda" }).click();
  const agenda = sheet.getByRole("list", { name: "Agenda" });
  await expect(agenda.getByRole("listitem")).toHaveCount(8, REACH);
  await expect(agenda).toContainText("Walk through (Internal experts) · 30 min · From the first stage");

  // The first step: discuss for 10 minutes, nothing locked.
  await sheet.getByRole("button", { name: "Start the session" }).click();
  const chip = ana.locator(".run-sheet-chip");
  await expect(chip).toHaveText("Step 1/8: Set the objective and the audience · Discuss", REACH);
  const left = await stepTimeLeft(ana);
  expect(left).toBeGreaterThan(9 * 60_000);
  expect(left).toBeLessThanOrEqual(10 * 60_000);
  expect(await locksShown(ana)).toEqual({ structure: false, stages: false });

  // Next: everyone writes privately, the structure locked, a 20-minute time box.
  await sheet.getByRole("button", { name: "Next step: Map the current state" }).click();
  await expect(chip).toHaveText("Step 2/8: Map the current state · Write privately", REACH);
  await expect(ana.locator(".private-banner")).toContainText("visible only to you", REACH);
  await expect.poll(() => stepTimeLeft(ana), REACH).toBeGreaterThan(19 * 60_000);
  await expect.poll(() => locksShown(ana), REACH).toEqual({ structure: true, stages: false });

  // Straight to the first walk-through: the participant follows its stage, the other stages locked.
  await agenda.getByRole("listitem").nth(5).getByRole("button", { name: "Start", exact: true }).click();
  await expect(chip).toHaveText("Step 6/8: Walk-through with internal experts · Walk through", REACH);
  const bar = ana.getByRole("region", { name: "Walk-through" });
  await expect(bar).toContainText("Internal experts", REACH);
  await expect(bar.getByTestId("walkthrough-stage")).toHaveText(NEED);
  await expect(ana.locator(".private-banner")).toHaveCount(0);
  await expect.poll(() => locksShown(ana), REACH).toEqual({ structure: true, stages: true });
  await ana.keyboard.press("A");
  const seen = ana.getByRole("complementary", { name: "Run-sheet" });
  await expect(seen.getByRole("region", { name: "Current step" })).toContainText("Walk-through with internal experts");
  await expect(seen.getByRole("region", { name: "Current step" })).toContainText(/\d+:\d\d left/);
  // A participant sees the agenda, but cannot run it.
  await expect(seen.getByRole("button", { name: /Start|Next step|Finish/ })).toHaveCount(0);

  await sheet.getByRole("button", { name: "Next step: Walk-through with customers" }).click();
  await expect(bar).toContainText("Customers", REACH);
  // The last step shows a view: the rounds compared opens on the participant's page as it starts.
  await sheet.getByRole("button", { name: "Next step: Compare the rounds" }).click();
  await expect(ana.getByRole("complementary", { name: "Compare rounds" })).toBeVisible(REACH);
  await expect(bar).toHaveCount(0);
  await sheet.getByRole("button", { name: "Finish the session" }).click();
  await expect(chip).toHaveCount(0, REACH);
  await expect.poll(() => locksShown(ana), REACH).toEqual({ structure: false, stages: false });

  // The summary: the five steps that ran, each with its time, on screen and in the Markdown download.
  await facilitator.keyboard.press("S");
  const times = facilitator.getByRole("region", { name: "Time per step" });
  await expect(times.getByRole("listitem")).toHaveCount(5, REACH);
  await expect(times).toContainText("Set the objective and the audience: 0:");
  await expect(times).toContainText("of 10:00");
  const [file] = await Promise.all([
    facilitator.waitForEvent("download"),
    facilitator.getByRole("button", { name: "Download Markdown" }).click(),
  ]);
  const markdown = await readFile(await file.path(), "utf8");
  expect(markdown).toContain("## Time per step");
  expect(markdown).toMatch(/\| Walk-through with customers \| 30:00 \| 0:\d\d \| 1 \|/);
});
