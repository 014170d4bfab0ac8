import { DEFAULT_STAGES } from "@journeyboard/shared";
import { expect, test } from "./app.js";
import { createNote, drawnNotes, drawnStageOrder, emotionPoint, headerAt, noteCenter, openBoard } from "./board.js";
import { firstMap, storedNotes, withBoard } from "./reader.js";

const STAGE_TITLES = DEFAULT_STAGES.map((s) => s.title);

test("one drags an emotion point and reorders stages while the other adds touchpoints; both see the same map and balance", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const ana = await (await browser.newContext()).newPage();
  const bo = await (await browser.newContext()).newPage();
  await openBoard(ana, url);
  await openBoard(bo, url);
  // Bo keeps the balance open while he works on the left of the map; Ana opens it at the end.
  await bo.keyboard.press("b");
  await expect(bo.getByRole("status", { name: "Verdict" })).toContainText("holds up");

  // Bo adds two touchpoints in "I shop" while Ana drags the "I install" point down to -3.
  const shop = await headerAt(bo, "I shop");
  const touchpoints = await headerAt(bo, "Touchpoints");
  const adding = (async () => {
    for (const dx of [20, 70]) {
      const id = await createNote(bo, { x: shop.x + dx, y: touchpoints.y + 20 }, `Price check ${dx}`);
      const c = await noteCenter(bo, id);
      await bo.mouse.click(c.x, c.y);
      await bo.getByRole("combobox", { name: "Kind" }).selectOption("touchpoint");
      await bo.getByRole("combobox", { name: "Channel" }).selectOption("web");
    }
  })();
  const install = await emotionPoint(ana, 5);
  await ana.mouse.move(install.x, install.y);
  await ana.mouse.down();
  await ana.mouse.move(install.x, install.y + 200, { steps: 10 });
  await ana.mouse.up();
  // ...and moves "I get help" to the front by dragging its header.
  const help = await headerAt(ana, "I get help");
  const need = await headerAt(ana, "I have a job to do / pain point");
  await ana.mouse.move(help.x + 30, help.y + 4);
  await ana.mouse.down();
  await ana.mouse.move(need.x + 5, help.y + 4, { steps: 12 });
  await ana.mouse.up();
  await adding;
  await ana.keyboard.press("b");

  const expectedOrder = ["I get help", ...STAGE_TITLES.filter((t) => t !== "I get help")];
  for (const page of [ana, bo]) {
    await expect.poll(() => drawnStageOrder(page, STAGE_TITLES)).toEqual(expectedOrder);
    await expect.poll(async () => (await drawnNotes(page)).filter((n) => n.fill === "#A5D8FF").length).toBe(2);
    await expect(page.getByRole("status", { name: "Verdict" })).toContainText(
      "fewer touchpoints per stage after the sale (0 against 0.5 before)",
    );
    await expect(page.getByRole("row", { name: /Typical customer/ })).toContainText("-3");
  }
  // Both draw the "I install" point at the same height, and the server holds -3 for it.
  const heights = await Promise.all([ana, bo].map(async (page) => (await emotionPoint(page, 6)).y));
  expect(Math.abs((heights[0] ?? 0) - (heights[1] ?? 1))).toBeLessThan(1);
  const stored = await withBoard(url, (doc) => {
    const map = firstMap(doc);
    const segments = map.y.get("segments") as import("yjs").Map<import("yjs").Map<unknown>>;
    const [segment] = [...segments.values()];
    const points = segment?.get("emotion") as import("yjs").Map<import("yjs").Map<unknown>>;
    return [...points.values()].map((p) => p.get("score"));
  });
  expect(stored).toEqual([-3]);
  expect((await storedNotes(url)).filter((n) => n.kind === "touchpoint").map((n) => [n.stage, n.channel])).toEqual([
    ["I shop", "web"],
    ["I shop", "web"],
  ]);
});

test("deleting a stage from its menu moves its notes to the stage before it", async ({ app, page }) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const shop = await headerAt(page, "I shop");
  const pains = await headerAt(page, "Pain points");
  await createNote(page, { x: shop.x + 30, y: pains.y + 20 }, "Too many plans");
  page.on("dialog", (dialog) => dialog.accept());
  await page.mouse.click(shop.x + 30, shop.y + 4, { button: "right" });
  await page.getByRole("menuitem", { name: "Delete stage" }).click();
  await expect
    .poll(() => storedNotes(url))
    .toEqual([expect.objectContaining({ text: "Too many plans", stage: "I am aware" })]);
  expect(await drawnStageOrder(page, STAGE_TITLES)).not.toContain("I shop");
});
