import type { Browser, Page } from "@playwright/test";
import { expect } from "./app.js";

/** What a participant's canvas shows, read from the Konva scene itself. */
export interface DrawnNote {
  id: string;
  x: number;
  y: number;
  text: string;
  fill: string;
}

declare global {
  interface Window {
    Konva: {
      stages: {
        find(selector: string): {
          id(): string;
          x(): number;
          y(): number;
          getClientRect(): { x: number; y: number; width: number; height: number };
          findOne(selector: string): { text(): string; fill(): string };
          getAttr(name: string): unknown;
        }[];
      }[];
    };
  }
}

/**
 * Opens a board and waits until it is live. A board opens at 100 % on the start of the journey; most
 * tests then zoom to fit (Shift+1), as a participant would, to reach every stage.
 */
export async function openBoard(page: Page, url: string, options: { fit?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId("board-canvas")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  if (options.fit ?? true) {
    const before = await stageScale(page);
    await page.keyboard.press("Shift+1");
    if (before >= 0.5) await expect.poll(() => stageScale(page)).toBeLessThan(before);
  }
}

/** The canvas's zoom, as Konva draws it. */
export function stageScale(page: Page): Promise<number> {
  return page.evaluate(() => (window.Konva.stages[0] as unknown as { scaleX(): number } | undefined)?.scaleX() ?? 0);
}

export function drawnNotes(page: Page): Promise<DrawnNote[]> {
  return page.evaluate(() =>
    (window.Konva?.stages[0]?.find(".note") ?? []).map((n) => ({
      id: n.id(),
      x: Math.round(n.x()),
      y: Math.round(n.y()),
      text: n.findOne(".note-text").text(),
      fill: n.findOne("Rect").fill(),
    })),
  );
}

export function drawnCursors(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.Konva?.stages[0]?.find(".cursor") ?? []).map((c) => c.findOne("Text").text()));
}

/** Where a note is on the page, in CSS pixels. */
export async function noteCenter(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await noteBox(page, id);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A note's box on the page, as drawn (selection outline included). */
export async function noteBox(
  page: Page,
  id: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const rect = await page.evaluate(
    (noteId) =>
      window.Konva.stages[0]
        ?.find(".note")
        .find((n) => n.id() === noteId)
        ?.getClientRect(),
    id,
  );
  if (!canvas || !rect) throw new Error(`note ${id} is not drawn`);
  return { ...rect, x: canvas.x + rect.x, y: canvas.y + rect.y };
}

/** A point of the canvas, as a fraction of its size. */
export async function canvasPoint(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId("board-canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Double-clicks the board to make a note there and types its text. Returns the new note's id. */
export async function createNote(page: Page, at: { x: number; y: number }, text: string): Promise<string> {
  const before = new Set((await drawnNotes(page)).map((n) => n.id));
  await page.mouse.dblclick(at.x, at.y);
  await expect(page.getByRole("textbox", { name: "Note text" })).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press("Escape");
  const created = (await drawnNotes(page)).find((n) => !before.has(n.id));
  if (!created) throw new Error("no note was created");
  return created.id;
}

export async function dragBy(page: Page, from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 8 });
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 8 });
  await page.mouse.up();
}

/** Where the header of a stage or lane with this title is on the page (its top-left corner). */
export async function headerAt(page: Page, title: string): Promise<{ x: number; y: number }> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const rect = await page.evaluate(
    (text) =>
      window.Konva.stages[0]
        ?.find("Text")
        .find((t) => (t as unknown as { text(): string }).text() === text)
        ?.getClientRect(),
    title,
  );
  if (!canvas || !rect) throw new Error(`no header "${title}"`);
  return { x: canvas.x + rect.x, y: canvas.y + rect.y };
}

export function mountedNoteCount(page: Page): Promise<number> {
  return page.evaluate(() => window.Konva.stages[0]?.find(".note").length ?? 0);
}

/** How a note is drawn: its size (board units), its text's font size, its badge as drawn, whether text is cut. */
export interface DrawnNoteLayout {
  w: number;
  h: number;
  fontSize: number;
  /** The "…more" marker under text that does not fit. */
  more: boolean;
  /** The badge's line as Konva lays it out (after any cut), or null without a badge. */
  badge: string | null;
}

export async function drawnNoteLayout(page: Page, id: string): Promise<DrawnNoteLayout> {
  const layout = await page.evaluate((noteId) => {
    interface Node {
      id(): string;
      width(): number;
      height(): number;
      isVisible(): boolean;
      findOne(selector: string): (Node & { fontSize(): number; textArr: { text: string }[] }) | undefined;
    }
    const note = (window.Konva.stages[0]?.find(".note") as unknown as Node[] | undefined)?.find(
      (n) => n.id() === noteId,
    );
    const rect = note?.findOne("Rect");
    const text = note?.findOne(".note-text");
    if (!rect || !text) return null;
    const badge = note?.findOne(".note-badge");
    return {
      w: Math.round(rect.width()),
      h: Math.round(rect.height()),
      fontSize: text.fontSize(),
      more: note?.findOne(".note-more")?.isVisible() ?? false,
      badge: badge ? badge.textArr.map((line) => line.text).join("\n") : null,
    };
  }, id);
  if (!layout) throw new Error(`note ${id} is not drawn`);
  return layout;
}

/** Where the resize handle of the selected note is on the page (its center), or null when none is drawn. */
export async function resizeHandle(page: Page): Promise<{ x: number; y: number } | null> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const rect = await page.evaluate(() => window.Konva.stages[0]?.find(".note-resize-handle")[0]?.getClientRect());
  if (!canvas || !rect) return null;
  return { x: canvas.x + rect.x + rect.width / 2, y: canvas.y + rect.y + rect.height / 2 };
}

/** The stage titles in the order a participant's canvas draws them (left to right). */
export function drawnStageOrder(page: Page, titles: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (known) =>
      (window.Konva.stages[0]?.find("Text") ?? [])
        .map((t) => ({ text: (t as unknown as { text(): string }).text(), x: t.getClientRect().x }))
        .filter((t) => known.includes(t.text))
        .sort((a, b) => a.x - b.x)
        .map((t) => t.text),
    [...titles],
  );
}

/** Where an emotion point is drawn (page coordinates), by its stage's position among the stages. */
export async function emotionPoint(page: Page, index: number): Promise<{ x: number; y: number }> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const points = await page.evaluate(() =>
    (window.Konva.stages[0]?.find(".emotion-point") ?? []).map((n) => n.getClientRect()),
  );
  const point = points.sort((a, b) => a.x - b.x)[index];
  if (!canvas || !point) throw new Error(`no emotion point ${index}`);
  return { x: canvas.x + point.x + point.width / 2, y: canvas.y + point.y + point.height / 2 };
}

/** The right edge of a stage's header on the page, at the header's middle height. */
export async function stageHeaderEdge(page: Page, title: string): Promise<{ x: number; y: number }> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const rect = await page.evaluate(
    (text) =>
      (
        window.Konva.stages[0]
          ?.find("Text")
          .find((t) => (t as unknown as { text(): string }).text() === text) as unknown as
          | { getParent(): { getClientRect(): { x: number; y: number; width: number; height: number } } }
          | undefined
      )
        ?.getParent()
        .getClientRect(),
    title,
  );
  if (!canvas || !rect) throw new Error(`no stage "${title}"`);
  return { x: canvas.x + rect.x + rect.width, y: canvas.y + rect.y + rect.height / 2 };
}

/** A participant in a browser of their own, on the board at `url`, once it is live. */
export async function joinAs(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await openBoard(page, url);
  return page;
}

/**
 * Waits until this browser's offline copy of a board (y-indexeddb) has stopped growing: every edit made
 * so far is on disk, so closing the tab now loses nothing.
 */
export async function offlineCopySettled(page: Page, boardUrl: string): Promise<void> {
  const boardId = new URL(boardUrl).pathname.split("/").pop() ?? "";
  const count = () =>
    page.evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const request = db.transaction("updates", "readonly").objectStore("updates").count();
            request.onsuccess = () => {
              resolve(request.result);
              db.close();
            };
          };
        }),
      `journeyboard:${boardId}`,
    );
  let last = -1;
  for (;;) {
    const now = await count();
    if (now === last && now > 0) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

/** How long a change may take to reach another participant: generous, as a busy machine is slow. */
export const REACH = { timeout: 15_000, intervals: [50] };

/** Runs `wait` and prints how long it took: latency is a figure to watch, not a pass mark. */
export async function measured(what: string, wait: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  await wait();
  console.log(`${what}: ${Date.now() - started} ms`);
}
