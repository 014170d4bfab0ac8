import {
  computeGrid,
  DEFAULT_LANES,
  listLanes,
  listNotes,
  listStages,
  NOTE_COLORS,
  noteRect,
  type Rect,
  sampleBoardPlan,
  writeSampleBoard,
} from "@journeyboard/shared";
import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { dragBy, joinAs, mountedNoteCount, openBoard, REACH } from "./board.js";
import { firstMap, storedNotes, withBoard } from "./reader.js";

/**
 * A map with more notes than are worth drawing one by one when zoomed out: they are drawn as blocks of
 * their color (one shape), and a press on a block picks its note up, as a press on the note would.
 */

const NOTES = 1200;

/** Seeds the crowded map and returns the newest note (drawn on top) with its rectangle on the board. */
async function crowdedBoard(url: string): Promise<{ id: string; text: string; rect: Rect }> {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    const lanes = DEFAULT_LANES.map((lane) => lane.kind);
    writeSampleBoard(map, sampleBoardPlan({ count: NOTES, seed: 11, stages: listStages(map).length, lanes }));
    const grid = computeGrid(listStages(map), listLanes(map));
    const notes = listNotes(map).filter((n) => n.kind === "note");
    const newest = notes.reduce((a, b) =>
      b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.id > a.id) ? b : a,
    );
    return { id: newest.id, text: newest.text, rect: noteRect(grid, newest) };
  });
}

/** Where a board point is on the page, as this participant's canvas shows it now. */
async function onPage(page: Page, at: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId("board-canvas").boundingBox();
  const view = await page.evaluate(() => {
    const stage = window.Konva.stages[0] as unknown as { x(): number; y(): number; scaleX(): number };
    return { x: stage.x(), y: stage.y(), scale: stage.scaleX() };
  });
  return { x: (box?.x ?? 0) + view.x + at.x * view.scale, y: (box?.y ?? 0) + view.y + at.y * view.scale };
}

function blocksDrawn(page: Page): Promise<boolean> {
  return page.evaluate(() => (window.Konva.stages[0]?.find(".note-blocks").length ?? 0) > 0);
}

function selectedNoteIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.Konva.stages[0]?.find(".note") ?? []).map((n) => n.id()));
}

test("zoomed out over a crowded map, notes are blocks; a press picks one up to drag, and others see it move", async ({
  app,
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const url = await app.createBoard();
  const target = await crowdedBoard(url);
  await openBoard(page, url);
  await expect.poll(() => blocksDrawn(page), REACH).toBe(true);
  expect(await mountedNoteCount(page)).toBe(0);
  const other = await joinAs(browser, url);
  await expect.poll(() => blocksDrawn(other), REACH).toBe(true);

  const centre = { x: target.rect.x + target.rect.w / 2, y: target.rect.y + target.rect.h / 2 };
  const from = await onPage(page, centre);
  await page.mouse.click(from.x, from.y);
  await expect.poll(() => selectedNoteIds(page), REACH).toEqual([target.id]);

  await dragBy(page, from, 0, 120);
  // The other participant's blocks follow the note: a press where it now is picks it up there.
  const placedRect = () =>
    withBoard(url, (doc) => {
      const map = firstMap(doc);
      const note = listNotes(map).find((n) => n.id === target.id);
      return note ? noteRect(computeGrid(listStages(map), listLanes(map)), note) : null;
    });
  await expect.poll(async () => (await placedRect())?.y ?? 0, REACH).toBeGreaterThan(target.rect.y + 40);
  const moved = await placedRect();
  if (!moved) throw new Error("the dragged note is gone");
  const there = await onPage(other, { x: moved.x + moved.w / 2, y: moved.y + moved.h / 2 });
  await other.mouse.click(there.x, there.y);
  await expect.poll(() => selectedNoteIds(other), REACH).toEqual([target.id]);
});

test("a double-click on a block opens its note's text", async ({ app, page }) => {
  test.setTimeout(120_000);
  const url = await app.createBoard();
  const target = await crowdedBoard(url);
  await openBoard(page, url);
  await expect.poll(() => blocksDrawn(page), REACH).toBe(true);
  const at = await onPage(page, { x: target.rect.x + target.rect.w / 2, y: target.rect.y + target.rect.h / 2 });
  await page.mouse.dblclick(at.x, at.y);
  await expect(page.getByRole("textbox", { name: "Note text" })).toHaveValue(target.text);
  expect((await storedNotes(url)).length).toBe(NOTES);
});

/** A note that no other note overlaps, so its block's middle shows its own color whatever is drawn on top. */
async function loneNote(url: string): Promise<{ rect: Rect; fill: string }> {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    const grid = computeGrid(listStages(map), listLanes(map));
    const placed = listNotes(map).map((note) => ({ rect: noteRect(grid, note), fill: NOTE_COLORS[note.color] }));
    const meet = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const lone = placed.find((a) => placed.every((b) => a === b || !meet(a.rect, b.rect)));
    if (!lone) throw new Error("every note of the sample overlaps another");
    return lone;
  });
}

/** The color the blocks' layer has at a point of the page, as #RRGGBB. */
function blockColorAt(page: Page, at: { x: number; y: number }): Promise<string> {
  return page.evaluate((at) => {
    const shape = window.Konva.stages[0]?.find(".note-blocks")[0] as unknown as {
      getLayer(): { getCanvas(): { _canvas: HTMLCanvasElement } };
    };
    const canvas = shape.getLayer().getCanvas()._canvas;
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const x = Math.round((at.x - box.left) * ratio);
    const y = Math.round((at.y - box.top) * ratio);
    const [r = 0, g = 0, b = 0] = canvas.getContext("2d")?.getImageData(x, y, 1, 1).data ?? [];
    return `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`.toUpperCase();
  }, at);
}

test("panning the zoomed-out map moves one picture of the blocks, on the cells' canvas: none is painted again, each stays on its note", async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  const url = await app.createBoard();
  await crowdedBoard(url);
  const lone = await loneNote(url);
  // Counts the blocks' paths filled on the page's own canvases (the picture is painted off screen).
  await page.addInitScript(() => {
    const fill = CanvasRenderingContext2D.prototype.fill;
    const counted = window as unknown as { __blockFills: number };
    counted.__blockFills = 0;
    CanvasRenderingContext2D.prototype.fill = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (args[0] instanceof Path2D && this.canvas.isConnected) counted.__blockFills += 1;
      return (fill as (...a: unknown[]) => void).apply(this, args);
    };
  });
  await openBoard(page, url);
  await expect.poll(() => blocksDrawn(page), REACH).toBe(true);
  // Each canvas shown is drawn and composited every frame: only those with something to show are shown
  // (not the notes' own layer, with nothing mounted), and the blocks share the cells' canvas.
  const layers = await page.evaluate(() => {
    interface Node {
      isVisible(): boolean;
      getChildren(): Node[];
      getLayer(): Node;
      name(): string;
    }
    const stage = window.Konva.stages[0] as unknown as Node & { find(selector: string): Node[] };
    const shown = stage.getChildren().filter((layer) => layer.isVisible());
    return {
      empty: shown.filter((layer) => !layer.getChildren().some((child) => child.isVisible())).map((l) => l.name()),
      notesShown: stage.find(".notes")[0]?.isVisible(),
      blocksOnCells: stage.find(".note-blocks")[0]?.getLayer() === stage.find(".cell")[0]?.getLayer(),
    };
  });
  expect(layers).toEqual({ empty: [], notesShown: false, blocksOnCells: true });
  const fills = () => page.evaluate(() => (window as unknown as { __blockFills: number }).__blockFills);
  const frame = () =>
    page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  await page.mouse.move((canvas?.x ?? 0) + 300, (canvas?.y ?? 0) + 300);
  // The first pan at this zoom paints the picture; the pans after it only move it.
  await page.mouse.wheel(12, 6);
  await frame();
  await frame();
  const before = await fills();
  const stageX = () => page.evaluate(() => (window.Konva.stages[0] as unknown as { x(): number }).x());
  const from = await stageX();
  for (let step = 0; step < 10; step++) {
    await page.mouse.wheel(step < 5 ? 15 : -10, step < 5 ? 8 : -4);
    await frame();
  }
  expect(await stageX()).not.toBe(from);
  expect(await fills()).toBe(before);
  const middle = await onPage(page, { x: lone.rect.x + lone.rect.w / 2, y: lone.rect.y + lone.rect.h / 2 });
  expect(await blockColorAt(page, middle)).toBe(lone.fill.toUpperCase());
});
