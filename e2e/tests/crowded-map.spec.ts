import {
  computeGrid,
  DEFAULT_LANES,
  listLanes,
  listNotes,
  listStages,
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
