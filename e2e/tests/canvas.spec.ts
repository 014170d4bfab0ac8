import { expect, test } from "./app.js";
import {
  canvasPoint,
  createNote,
  dragBy,
  drawnNotes,
  headerAt,
  joinAs,
  mountedNoteCount,
  noteCenter,
  openBoard,
} from "./board.js";
import { seedNotes, storedNotes } from "./reader.js";

test("a double-click makes a note in the cell under the pointer", async ({ app, page }) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const stage = await headerAt(page, "I shop");
  const lane = await headerAt(page, "Touchpoints");
  await createNote(page, { x: stage.x + 40, y: lane.y + 30 }, "Comparison site");
  await expect
    .poll(() => storedNotes(url))
    .toEqual([expect.objectContaining({ text: "Comparison site", stage: "I shop", lane: "Touchpoints" })]);
});

test("double-clicking a stage or lane header renames it for everyone", async ({ app, browser }) => {
  const url = await app.createBoard();
  const ana = await joinAs(browser, url);
  const bo = await joinAs(browser, url);
  const shop = await headerAt(ana, "I shop");
  await ana.mouse.dblclick(shop.x + 20, shop.y + 8);
  const field = ana.getByRole("textbox", { name: "Stage title" });
  await expect(field).toBeFocused();
  await field.fill("I compare offers");
  await ana.keyboard.press("Enter");
  const lane = await headerAt(ana, "Channels");
  await ana.mouse.dblclick(lane.x + 10, lane.y + 5);
  await ana.getByRole("textbox", { name: "Lane title" }).fill("Where it happens");
  await ana.keyboard.press("Escape");
  await expect
    .poll(() =>
      headerAt(bo, "I compare offers").then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);
  await expect(ana.getByRole("textbox", { name: "Lane title" })).toHaveCount(0);
  await expect
    .poll(() =>
      headerAt(bo, "Channels").then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);
});

test("a note dropped in another cell belongs to that cell", async ({ app, page }) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const shop = await headerAt(page, "I shop");
  const install = await headerAt(page, "I install");
  const pains = await headerAt(page, "Pain points");
  const id = await createNote(page, { x: shop.x + 40, y: pains.y + 30 }, "No install date");
  const from = await noteCenter(page, id);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(install.x + 60, from.y, { steps: 12 });
  await page.mouse.up();
  await expect
    .poll(() => storedNotes(url))
    .toEqual([expect.objectContaining({ stage: "I install", lane: "Pain points" })]);
});

test("the wheel pans and zooms without reading the canvas back (no shape is looked for under the pointer)", async ({
  app,
  page,
}) => {
  // Counts reads of any canvas's pixels: a hit test reads the hit canvas, which makes it draw first.
  await page.addInitScript(() => {
    const read = CanvasRenderingContext2D.prototype.getImageData;
    const counted = window as unknown as { __reads: number };
    counted.__reads = 0;
    CanvasRenderingContext2D.prototype.getImageData = function (this: CanvasRenderingContext2D, ...args) {
      counted.__reads += 1;
      return read.apply(this, args);
    };
  });
  await openBoard(page, await app.createBoard(), { fit: false });
  const id = await createNote(page, await canvasPoint(page, 0.5, 0.5), "Under the pointer");
  const over = await noteCenter(page, id);
  await page.mouse.move(over.x, over.y);
  const reads = () => page.evaluate(() => (window as unknown as { __reads: number }).__reads);
  const before = await reads();
  for (let step = 0; step < 5; step++) await page.mouse.wheel(20, 10);
  await expect.poll(() => noteCenter(page, id)).toEqual({ x: over.x - 100, y: over.y - 50 });
  const zoom = page.getByRole("button", { name: "Zoom to 100 %" });
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -200);
  await page.keyboard.up("Control");
  await expect(zoom).not.toHaveText("100 %");
  expect(await reads()).toBe(before);
});

test("the wheel with Ctrl zooms around the pointer, and Space+drag pans even from a note", async ({ app, page }) => {
  await openBoard(page, await app.createBoard());
  const id = await createNote(page, await canvasPoint(page, 0.5, 0.5), "Anchor");
  const pointer = await noteCenter(page, id);
  await page.mouse.move(pointer.x, pointer.y);
  const zoom = page.getByRole("button", { name: "Zoom to 100 %" });
  const before = await zoom.textContent();
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -300);
  await page.keyboard.up("Control");
  await expect(zoom).not.toHaveText(before ?? "");
  const after = await noteCenter(page, id);
  expect(Math.abs(after.x - pointer.x)).toBeLessThan(2);
  expect(Math.abs(after.y - pointer.y)).toBeLessThan(2);

  // Pressed where the note now is: the pan is then exactly the pointer's travel.
  await page.mouse.move(after.x, after.y);
  await page.keyboard.down("Space");
  await page.mouse.down();
  await page.mouse.move(after.x + 80, after.y + 40, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up("Space");
  const panned = await noteCenter(page, id);
  expect(Math.round(panned.x - after.x)).toBe(80);
  expect(Math.round(panned.y - after.y)).toBe(40);
  // The note itself did not move on the board.
  expect((await drawnNotes(page))[0]).toMatchObject({ text: "Anchor" });
});

test("only notes near the view are mounted", async ({ app, page }) => {
  const url = await app.createBoard();
  const total = await seedNotes(url, 6);
  await openBoard(page, url);
  await expect.poll(() => mountedNoteCount(page)).toBe(total);
  const corner = await headerAt(page, "Customer actions");
  await page.mouse.move(corner.x + 10, corner.y + 10);
  await page.keyboard.down("Control");
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
  await page.keyboard.up("Control");
  await expect.poll(() => mountedNoteCount(page)).toBeLessThan(total / 3);
  expect(await mountedNoteCount(page)).toBeGreaterThan(0);
  await page.keyboard.press("Shift+!");
  await expect.poll(() => mountedNoteCount(page)).toBe(total);
});

test.describe("one participant's tools", () => {
  test("shift-click and rubber band select several notes, which move together and delete together", async ({
    app,
    page,
  }) => {
    await openBoard(page, await app.createBoard());
    const a = await createNote(page, await canvasPoint(page, 0.25, 0.3), "A");
    const b = await createNote(page, await canvasPoint(page, 0.45, 0.3), "B");
    const c = await createNote(page, await canvasPoint(page, 0.45, 0.7), "C");
    await page.mouse.click(...(Object.values(await canvasPoint(page, 0.1, 0.95)) as [number, number]));
    const ca = await noteCenter(page, a);
    const cb = await noteCenter(page, b);
    await page.mouse.click(ca.x, ca.y);
    await page.keyboard.down("Shift");
    await page.mouse.click(cb.x, cb.y);
    await page.keyboard.up("Shift");
    await expect(page.getByText("2 notes")).toBeVisible();
    const before = await drawnNotes(page);
    await dragBy(page, ca, 40, 60);
    const after = await drawnNotes(page);
    const shift = (id: string) => {
      const [x0, x1] = [before, after].map((list) => list.find((n) => n.id === id));
      return { dx: (x1?.x ?? 0) - (x0?.x ?? 0), dy: (x1?.y ?? 0) - (x0?.y ?? 0) };
    };
    expect(shift(a)).toEqual(shift(b));
    expect(shift(a).dx).toBeGreaterThan(0);
    expect(shift(c)).toEqual({ dx: 0, dy: 0 });

    // A rubber band (Shift+drag on empty board) around the lower half takes C.
    await page.mouse.click(...(Object.values(await canvasPoint(page, 0.1, 0.95)) as [number, number]));
    const band = await canvasPoint(page, 0.35, 0.55);
    await page.keyboard.down("Shift");
    await dragBy(page, band, 300, 220);
    await page.keyboard.up("Shift");
    await expect(page.getByText("1 note", { exact: true })).toBeVisible();
    await page.keyboard.press("Delete");
    await expect.poll(async () => (await drawnNotes(page)).map((n) => n.text).sort()).toEqual(["A", "B"]);
  });

  test("kind and color change from the format bar", async ({ app, page }) => {
    await openBoard(page, await app.createBoard());
    const id = await createNote(page, await canvasPoint(page, 0.4, 0.4), "Can't find the manual");
    const c = await noteCenter(page, id);
    await page.mouse.click(c.x, c.y);
    await page.getByRole("combobox", { name: "Kind" }).selectOption("pain-point");
    await expect.poll(async () => (await drawnNotes(page))[0]?.fill).toBe("#FFC9C9");
    await page.getByRole("radio", { name: "Violet" }).click();
    await expect.poll(async () => (await drawnNotes(page))[0]?.fill).toBe("#D0BFFF");
  });

  test("pan, zoom and zoom to fit move the view, not the notes", async ({ app, page }) => {
    await openBoard(page, await app.createBoard());
    const id = await createNote(page, await canvasPoint(page, 0.4, 0.4), "Anchor");
    const zoom = page.getByRole("button", { name: "Zoom to 100 %" });
    const initial = await zoom.textContent();
    const before = await noteCenter(page, id);
    await dragBy(page, await canvasPoint(page, 0.8, 0.9), -100, -50);
    const panned = await noteCenter(page, id);
    expect(Math.round(panned.x - before.x)).toBe(-100);
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect(zoom).not.toHaveText(initial ?? "");
    await page.keyboard.press("Shift+!");
    await expect(zoom).toHaveText(initial ?? "");
    expect((await drawnNotes(page))[0]?.text).toBe("Anchor");
  });
});
