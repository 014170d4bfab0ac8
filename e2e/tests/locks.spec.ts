import { expect, test } from "./app.js";
import { createNote, dragBy, headerAt, joinAs, noteCenter, openBoard, REACH } from "./board.js";
import { storedNotes } from "./reader.js";

test("locks: an editor cannot change locked structure or notes in locked stages, and is told why; the current stage stays open", async ({
  app,
  page,
  browser,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const ana = await joinAs(browser, await app.linkFor(url, "editor"));
  const aware = await headerAt(ana, "I am aware");
  const shop = await headerAt(ana, "I shop");
  const pains = await headerAt(ana, "Pain points");
  const waiting = await createNote(ana, { x: aware.x + 30, y: pains.y + 20 }, "Waiting for a reply");
  const price = await createNote(ana, { x: shop.x + 30, y: pains.y + 20 }, "Price changes at checkout");
  const hint = ana.locator(".hint");

  // The structure: the facilitator locks it; the editor's rename is refused in the page, with why.
  await page.keyboard.press("J");
  // The boxes show the locks the relay wrote, so they turn checked once it has.
  const structure = page.getByLabel("Lock the structure (stages, lanes, segments)");
  await structure.click();
  await expect(structure).toBeChecked();
  await expect(async () => {
    await ana.mouse.dblclick(shop.x + 6, shop.y + 4);
    await expect(hint).toContainText("locked the board's structure", { timeout: 1000 });
  }).toPass(REACH);
  await expect(ana.getByRole("textbox", { name: "Stage title" })).toHaveCount(0);

  // Every stage but "I shop": a note there moves, one elsewhere does not, nor can one be dropped there.
  const stored = async () => {
    const notes = await storedNotes(url);
    const of = (id: string) => notes.find((n) => n.id === id);
    return {
      waiting: { stage: of(waiting)?.stage, y: of(waiting)?.y },
      price: { stage: of(price)?.stage, y: of(price)?.y },
    };
  };
  const start = await stored();
  await page.getByLabel("Current stage").selectOption({ label: "I shop" });
  const stages = page.getByLabel("Lock the stages other than the current one");
  await stages.click();
  await expect(stages).toBeChecked();
  await expect(async () => {
    await dragBy(ana, await noteCenter(ana, waiting), 0, 30);
    await expect(hint).toContainText("locked the stages other than the current one", { timeout: 1000 });
  }).toPass(REACH);
  await dragBy(ana, await noteCenter(ana, price), 0, 30);
  await expect.poll(async () => (await stored()).price.y, REACH).toBeGreaterThan(start.price.y ?? 0);
  await dragBy(ana, await noteCenter(ana, price), aware.x - shop.x, 0);
  await expect(hint).toContainText("locked the stages other than the current one");
  await ana.mouse.dblclick(aware.x + 60, pains.y + 150);
  await expect(ana.getByRole("textbox", { name: "Note text" })).toHaveCount(0);

  const end = await stored();
  expect(end.waiting).toEqual(start.waiting);
  expect(end.price.stage).toBe("I shop");
  // The facilitator is never locked out.
  await dragBy(page, await noteCenter(page, waiting), await headerDistance(), 0);
  await expect.poll(async () => (await stored()).waiting.stage, REACH).toBe("I shop");

  async function headerDistance(): Promise<number> {
    return (await headerAt(page, "I shop")).x - (await headerAt(page, "I am aware")).x;
  }
});
