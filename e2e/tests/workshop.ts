import { readFile } from "node:fs/promises";
import { addNote, listLanes, listStages, type NoteKind } from "@journeyboard/shared";
import type { Browser, Page } from "@playwright/test";
import { expect, SAVED_NAME_KEY } from "./app.js";
import { drawnNotes, noteCenter, openBoard, REACH } from "./board.js";
import { firstMap, withBoard } from "./reader.js";

/** Helpers of the facilitated-workshop specs: the timer, the walk-through, voting, private writing, the summary. */

/** The template's first three stages, the ones walk-throughs in these specs step through. */
export const [NEED, AWARE, SHOP] = ["I have a job to do / pain point", "I am aware", "I shop"];

/** A participant in a browser of their own, with everything its WebSockets received. */
export interface Participant {
  page: Page;
  /** Every frame received, binary ones as latin1 text, so that words typed by others can be searched for. */
  frames: string[];
}

/**
 * A participant in a browser of their own, on the board at `url`, once it is live: named `name` (else
 * the preset name), with a wall clock (Date) `skewMs` off; its monotonic clock is left as it is.
 */
export async function participant(
  browser: Browser,
  url: string,
  options: { name?: string; skewMs?: number } = {},
): Promise<Participant> {
  const context = await browser.newContext();
  const { name, skewMs } = options;
  if (name !== undefined) {
    await context.addInitScript(({ key, value }) => localStorage.setItem(key, value), {
      key: SAVED_NAME_KEY,
      value: name,
    });
  }
  if (skewMs !== undefined) {
    await context.addInitScript((skew) => {
      const Real = Date;
      globalThis.Date = new Proxy(Real, {
        construct: (target, args) =>
          args.length === 0 ? new target(Real.now() + skew) : Reflect.construct(target, args),
        get: (target, key, receiver) => (key === "now" ? () => Real.now() + skew : Reflect.get(target, key, receiver)),
      });
    }, skewMs);
  }
  const page = await context.newPage();
  const frames: string[] = [];
  page.on("websocket", (ws) =>
    ws.on("framereceived", ({ payload }) =>
      frames.push(typeof payload === "string" ? payload : payload.toString("latin1")),
    ),
  );
  await openBoard(page, url);
  return { page, frames };
}

/** Notes written straight into the board, each in a stage's pain-points or opportunities lane. */
export function seedNotes(url: string, notes: { text: string; stage: number; kind: NoteKind }[]): Promise<string[]> {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    const stages = listStages(map);
    const lanes = listLanes(map);
    return notes.map(({ text, stage, kind }) => {
      const lane = lanes.find((l) => l.kind === (kind === "pain-point" ? "pain-points" : "opportunities"));
      const stageId = stages[stage]?.id ?? "";
      return addNote(map, { cell: { stageId, laneId: lane?.id ?? "" }, x: 16, y: 16, author: "seed", kind, text });
    });
  });
}

// The timer.

/** How far participants' timers may differ, as the issue asks. */
export const SAME_TIME_MS = 250;

export const stepPill = (page: Page) => page.locator('.timer-pill[data-scope="step"]');

/**
 * When each page's step timer reaches zero, in real time: what it shows, plus when it showed it (the
 * page's time origin plus its monotonic clock, which a skewed Date does not touch). All pages run on
 * this machine, so these instants are comparable; the figures are read at once on all pages.
 */
export async function zeroInstants(pages: Page[]): Promise<number[]> {
  return Promise.all(
    pages.map((page) =>
      stepPill(page).evaluate((pill: HTMLElement) => {
        const remaining = Number(pill.dataset.remainingMs);
        const at = Number(pill.dataset.measuredAt);
        if (!Number.isFinite(remaining) || !Number.isFinite(at)) throw new Error("no countdown shown yet");
        return at + remaining;
      }),
    ),
  );
}

/** Waits until every page's step timer falls to zero within SAME_TIME_MS of the others, and prints how far apart. */
export async function expectSameTime(pages: Page[], what: string): Promise<void> {
  let zeros: number[] = [];
  await expect
    .poll(async () => {
      zeros = await zeroInstants(pages).catch(() => [Number.NaN]);
      return Math.max(...zeros) - Math.min(...zeros);
    })
    .toBeLessThanOrEqual(SAME_TIME_MS);
  console.log(`${what}: zero falls at ${zeros.map((z) => Math.round(z - (zeros[0] ?? 0))).join(" / ")} ms apart`);
}

// The walk-through.

/** The walk-through's bar at the foot of the canvas. */
export const walkBar = (page: Page) => page.getByRole("region", { name: "Walk-through" });

/** The stage whose column is under the middle of the canvas, as Konva draws its header. */
export function stageInView(page: Page): Promise<string | null> {
  return page.evaluate(
    (titles) => {
      interface Node {
        text(): string;
        getParent(): { getClientRect(): { x: number; width: number } };
      }
      const stage = window.Konva.stages[0] as unknown as { width(): number; find(s: string): Node[] } | undefined;
      if (!stage) return null;
      const middle = stage.width() / 2;
      const header = stage.find("Text").find((t) => {
        if (!titles.includes(t.text())) return false;
        const rect = t.getParent().getClientRect();
        return rect.x <= middle && middle <= rect.x + rect.width;
      });
      return header?.text() ?? null;
    },
    [NEED, AWARE, SHOP],
  );
}

/** How many stages the spotlight dims on this participant's canvas. */
export function dimmedStages(page: Page): Promise<number> {
  return page.evaluate(() => window.Konva.stages[0]?.find(".spotlight-dim").length ?? 0);
}

/** Adds feedback on the current stage from the walk-through panel, and waits until the relay has filed it. */
export async function giveFeedback(page: Page, text: string): Promise<void> {
  const panel = page.getByRole("complementary", { name: "Walk-through" });
  if (!(await panel.isVisible())) await page.getByRole("button", { name: "Give feedback" }).click();
  await panel.getByRole("textbox", { name: "Your feedback" }).fill(text);
  await panel.getByRole("button", { name: "Add feedback" }).click();
  await expect(panel.getByRole("list", { name: "Feedback given" })).toContainText(text, REACH);
}

// Dot voting.

/** The dots a participant's canvas draws on a note. */
export function drawnDots(page: Page, noteId: string): Promise<number> {
  return page.evaluate(
    (id) => (window.Konva.stages[0]?.find(`#dots-${id}`)[0]?.getAttr("children") as unknown[] | undefined)?.length ?? 0,
    noteId,
  );
}

/** Clicks the + (place a dot) drawn on a note, once it is drawn. */
export async function clickPlace(page: Page, noteId: string): Promise<void> {
  await expect.poll(() => page.evaluate((id) => !!window.Konva.stages[0]?.find(`#place-${id}`)[0], noteId)).toBe(true);
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const rect = await page.evaluate((id) => window.Konva.stages[0]?.find(`#place-${id}`)[0]?.getClientRect(), noteId);
  if (!canvas || !rect) throw new Error(`no dot control on ${noteId}`);
  const at = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  // A note out of view still has its control: a click there would land on something else.
  if (at.x < 0 || at.y < 0 || at.x > canvas.width || at.y > canvas.height) throw new Error(`${noteId} is out of view`);
  await page.mouse.click(canvas.x + at.x, canvas.y + at.y);
}

/** Places a dot with the keyboard: selects the note, presses D. */
export async function dotOn(page: Page, noteId: string): Promise<void> {
  const at = await noteCenter(page, noteId);
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press("d");
}

// Private writing.

/** The private notes a participant's canvas draws, by their text. */
export function privateNotes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.Konva.stages[0]?.find(".private-note") ?? []).map((n) => n.findOne(".private-note-text").text()).sort(),
  );
}

/** Writes a private note with a double-click on the board. */
export async function writePrivately(page: Page, at: { x: number; y: number }, text: string): Promise<void> {
  await page.mouse.dblclick(at.x, at.y);
  const editor = page.getByRole("textbox", { name: "Private note text", exact: true });
  await expect(editor).toBeFocused(REACH);
  await editor.fill(text);
  await editor.press("Enter");
  await expect.poll(() => privateNotes(page), REACH).toContain(text);
}

/** The board notes a participant's canvas draws, as "text / author". */
export async function notesWithAuthors(page: Page): Promise<string[]> {
  const notes = await drawnNotes(page);
  const authors = await page.evaluate(() =>
    (window.Konva.stages[0]?.find(".note") ?? []).map((n) => n.findOne(".note-author-name")?.text() ?? ""),
  );
  return notes.map((n, i) => `${n.text} / ${authors[i]}`).sort();
}

// The session summary.

/** Clicks a download button and returns the file's suggested name and its text. */
export async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}
