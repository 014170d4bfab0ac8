import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { joinAs, openBoard, REACH } from "./board.js";
import { clickPlace, dotOn, drawnDots, seedNotes } from "./workshop.js";

/** The heat of each stage in the strip over the headers, as drawn. */
function heatStrip(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    (window.Konva.stages[0]?.find(".vote-heat-cell") ?? []).map((r) => Number(r.getAttr("opacity"))),
  );
}

test("dot voting: a budget of 3, hidden until closed; the ranking, the dots on the notes and the heat strip", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const [checkout, pricing, delivery, returns] = await seedNotes(url, [
    { text: "Checkout fails", stage: 2, kind: "pain-point" },
    { text: "Clear pricing", stage: 1, kind: "opportunity" },
    { text: "Late delivery", stage: 3, kind: "pain-point" },
    { text: "Easy returns", stage: 4, kind: "opportunity" },
  ]);
  if (!checkout || !pricing || !delivery || !returns) throw new Error("no notes");
  const facilitator = await joinAs(browser, url);
  const editorLink = await app.linkFor(url, "editor");
  const ana = await joinAs(browser, editorLink);
  const ben = await joinAs(browser, editorLink);

  await facilitator.keyboard.press("o");
  const form = facilitator.getByRole("form", { name: "Open a vote" });
  await expect(form.getByRole("textbox", { name: "Question" })).toHaveValue(
    "What are our priorities for improving the customer experience?",
  );
  await form.getByRole("spinbutton", { name: "Dots per participant" }).fill("3");
  await expect(form.getByRole("checkbox", { name: "Keep votes hidden until the vote closes" })).toBeChecked();
  await form.getByRole("button", { name: "Open the vote" }).click();
  await expect(facilitator.getByText("0 people have voted.")).toBeVisible();

  // Ana clicks the + on notes; her fourth dot is refused, and she is told why.
  await ana.keyboard.press("o");
  await expect(ana.getByRole("status", { name: "Your dots" })).toHaveText("You have 3 dots left.");
  const left = ["You have 2 dots left.", "You have 1 dot left.", "You have 0 dots left."];
  for (const [i, note] of [checkout, pricing, delivery].entries()) {
    await clickPlace(ana, note);
    await expect(ana.getByRole("status", { name: "Your dots" })).toHaveText(left[i] ?? "");
  }
  await clickPlace(ana, returns);
  await expect(ana.getByRole("alert")).toHaveText(
    "you have placed all 3 of your dots: remove one to place it elsewhere",
  );

  // Ben votes with the keyboard: select a note, press D.
  for (const note of [checkout, pricing]) {
    await dotOn(ben, note);
    await expect.poll(() => drawnDots(ben, note), REACH).toBe(1);
  }
  await expect(facilitator.getByText("2 people have voted.")).toBeVisible();
  // Hidden: Ben sees his own dot on "Checkout fails", not Ana's; the facilitator sees none.
  expect(await drawnDots(ben, checkout)).toBe(1);
  expect(await drawnDots(ben, delivery)).toBe(0);
  expect(await drawnDots(facilitator, checkout)).toBe(0);
  expect(await heatStrip(ben)).toEqual([]);

  await facilitator.getByRole("button", { name: "Close the vote and show the result" }).click();
  const result = facilitator.getByRole("region", { name: "Vote result" });
  await expect(result.getByRole("listitem")).toHaveText([
    ...[
      { id: checkout, text: "#1 Checkout fails: 2 dots" },
      { id: pricing, text: "#1 Clear pricing: 2 dots" },
    ]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => r.text),
    "#3 Late delivery: 1 dot",
  ]);
  for (const page of [facilitator, ana, ben]) {
    await expect.poll(() => drawnDots(page, checkout), REACH).toBe(2);
    expect(await drawnDots(page, delivery)).toBe(1);
    expect(await drawnDots(page, returns)).toBe(0);
    // "I shop" (2 dots and a pain point) is the hottest; "I am aware" (2 dots) and "I buy" (1 and 1) next.
    await expect
      .poll(() => heatStrip(page), REACH)
      .toEqual([0, 2 / 3, 1, 2 / 3, 0, 0, 0, 0, 0].map((h) => expect.closeTo(h, 5)));
  }
});

test("who counts in a vote: the tabs of one browser share one budget; another browser, or cleared storage, is another participant", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const notes = await seedNotes(url, [
    { text: "Checkout fails", stage: 2, kind: "pain-point" },
    { text: "Clear pricing", stage: 1, kind: "opportunity" },
    { text: "Late delivery", stage: 3, kind: "pain-point" },
  ]);
  const facilitator = await joinAs(browser, url);
  await facilitator.keyboard.press("o");
  const form = facilitator.getByRole("form", { name: "Open a vote" });
  await form.getByRole("spinbutton", { name: "Dots per participant" }).fill("3");
  await form.getByRole("button", { name: "Open the vote" }).click();
  const editorLink = await app.linkFor(url, "editor");
  const dotsLeft = (page: Page) => page.getByRole("status", { name: "Your dots" });
  const openVoting = async (page: Page, left: string) => {
    await page.keyboard.press("o");
    await expect(dotsLeft(page)).toHaveText(left, REACH);
  };

  // Ed's first tab places all three dots.
  const firstTab = await joinAs(browser, editorLink);
  await openVoting(firstTab, "You have 3 dots left.");
  for (const note of notes) await clickPlace(firstTab, note);
  await expect(dotsLeft(firstTab)).toHaveText("You have 0 dots left.", REACH);
  await expect(facilitator.getByText("1 person has voted.")).toBeVisible(REACH);

  // A second tab of the same browser is the same participant: no dot left there, and the relay refuses one.
  const secondTab = await firstTab.context().newPage();
  await openBoard(secondTab, editorLink);
  await openVoting(secondTab, "You have 0 dots left.");
  await clickPlace(secondTab, notes[0] ?? "");
  await expect(secondTab.getByRole("alert")).toHaveText(
    "you have placed all 3 of your dots: remove one to place it elsewhere",
  );

  // Another browser (or a private window) on the same link is another participant, with a budget of its own.
  const otherBrowser = await joinAs(browser, editorLink);
  await openVoting(otherBrowser, "You have 3 dots left.");
  await clickPlace(otherBrowser, notes[0] ?? "");
  await expect(facilitator.getByText("2 people have voted.")).toBeVisible(REACH);

  // So is the first browser once its storage is cleared: the relay issues it a new participant.
  await firstTab.evaluate(() => localStorage.clear());
  await secondTab.close();
  await openBoard(firstTab, editorLink);
  await openVoting(firstTab, "You have 3 dots left.");
  await clickPlace(firstTab, notes[0] ?? "");
  await expect(dotsLeft(firstTab)).toHaveText("You have 2 dots left.", REACH);
  await expect(facilitator.getByText("3 people have voted.")).toBeVisible(REACH);
});
