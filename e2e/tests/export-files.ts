import { readFile } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import { addNote, computeGrid, listLanes, listStages, placeAt } from "@journeyboard/shared";
import type { Download, Page } from "@playwright/test";
import type { PNG } from "pngjs";
import { firstMap, withBoard } from "./reader.js";

/** Boards to export, exporting them through the Export panel, and reading the files it downloads. */

/** What the Export panel offers, as a participant picks it. */
export interface Choice {
  /** A picture or document, or the board's data: a Journeyboard file, notes CSV or crowd-results CSV. */
  format: "png" | "svg" | "pdf" | "json" | "notes" | "crowd";
  what?: "map" | "maps" | "selection" | "stage";
  stage?: string;
  scale?: 1 | 2 | 3;
}

export async function choose(page: Page, choice: Choice): Promise<void> {
  const panel = page.getByRole("complementary", { name: "Export" });
  if (!(await panel.isVisible())) await page.keyboard.press("Control+Shift+E");
  await panel.getByLabel("Format", { exact: true }).selectOption(choice.format);
  await panel.getByLabel("What", { exact: true }).selectOption(choice.what ?? "map");
  if (choice.stage) await panel.getByLabel("Stage", { exact: true }).selectOption({ label: choice.stage });
  if (choice.scale) await panel.getByLabel("Scale", { exact: true }).selectOption(String(choice.scale));
}

/** Exports through the panel and gives the downloaded file. */
export async function exported(page: Page, choice: Choice, timeout = 60_000): Promise<{ name: string; bytes: Buffer }> {
  await choose(page, choice);
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout }),
    page.getByRole("complementary", { name: "Export" }).getByRole("button", { name: "Export", exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await savedPath(download)) };
}

export async function savedPath(download: Download): Promise<string> {
  const path = await download.path();
  if (!path) throw new Error(`the download ${download.suggestedFilename()} was not saved`);
  return path;
}

export interface PixelCounts {
  colors: number;
  /** Pixels as dark as text (every channel under 90). */
  dark: number;
  /** Pixels of the yellow of a plain note. */
  yellow: number;
}

export function countPixels(png: PNG, x0 = 0, x1 = png.width): PixelCounts {
  const colors = new Set<number>();
  let dark = 0;
  let yellow = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0];
      colors.add((r << 16) | (g << 8) | b);
      if (r < 90 && g < 90 && b < 90) dark++;
      if (r === 0xff && g === 0xe0 && b === 0x66) yellow++;
    }
  }
  return { colors: colors.size, dark, yellow };
}

/** Starts recording the page's long tasks (over 50 ms), from now on. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const long: number[] = [];
    Object.assign(window, { longTasks: long });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) long.push(Math.round(entry.duration));
    }).observe({ type: "longtask" });
  });
}

/** The durations of the long tasks recorded since `watchLongTasks`, in ms. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
}

/**
 * Watches the Export panel's progress from now on, as the page changes (a short export shows it for a
 * moment only): when it showed, in ms from now, and, with `cancel`, clicks its Cancel button the moment it shows.
 */
export async function watchProgress(page: Page, options: { cancel?: boolean } = {}): Promise<void> {
  await page.evaluate((cancel) => {
    const start = performance.now();
    const shown: number[] = [];
    Object.assign(window, { progressShown: shown });
    new MutationObserver((_, observer) => {
      const progress = document.querySelector('[role="status"][aria-label="Export progress"]');
      if (!progress) return;
      shown.push(Math.round(performance.now() - start));
      observer.disconnect();
      if (cancel) progress.querySelector("button")?.click();
    }).observe(document.body, { childList: true, subtree: true });
  }, options.cancel ?? false);
}

/** When the progress showed since `watchProgress` (empty if it never did). */
export function progressShown(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { progressShown: number[] }).progressShown);
}

/** The texts a PDF draws: its content streams, inflated, and the strings shown in them. */
export function pdfTexts(pdf: Buffer): { pages: number; shown: string } {
  const raw = pdf.toString("latin1");
  const pages = raw.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  const shown: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf("endstream", start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString("latin1");
    } catch {
      content = bytes.toString("latin1");
    }
    for (const text of content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g))
      shown.push((text[1] ?? "").replace(/\\(.)/g, "$1"));
  }
  return { pages, shown: shown.join("\n") };
}

/** One note in each stage of the first map, in its first lane, and one with text that looks like markup. */
export async function notesInEveryStage(url: string): Promise<string[]> {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    const [lane] = listLanes(map);
    const texts = listStages(map).map((stage, i) => {
      const text = `Stage ${i + 1} note`;
      addNote(map, { cell: { stageId: stage.id, laneId: lane?.id ?? "" }, x: 16, y: 16, author: "Ana", text });
      return text;
    });
    const [stage] = listStages(map);
    const tricky = "<script> & co";
    addNote(map, {
      cell: { stageId: stage?.id ?? "", laneId: lane?.id ?? "" },
      x: 16,
      y: 140,
      author: "Bo",
      text: tricky,
    });
    return [...texts, tricky];
  });
}

/**
 * Notes spread over every cell of the first map, written by a peer in transactions of 500 (under the
 * relay's limits); each reads "Note <i> about the step", then `more` when given.
 */
export function manyNotes(url: string, count: number, more = ""): Promise<void> {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    const grid = computeGrid(listStages(map), listLanes(map));
    const cells = grid.columns.flatMap((column) => grid.rows.map((row) => ({ column, row })));
    for (let batch = 0; batch * 500 < count; batch++) {
      doc.transact(() => {
        for (let i = batch * 500; i < Math.min(count, (batch + 1) * 500); i++) {
          const { column, row } = cells[i % cells.length] ?? { column: grid.columns[0], row: grid.rows[0] };
          const slot = Math.floor(i / cells.length);
          const at = { x: (column?.x ?? 0) + 8 + (slot % 10) * 18, y: (row?.y ?? 0) + 8 + Math.floor(slot / 10) * 10 };
          addNote(map, {
            ...placeAt(grid, at, { w: 160, h: 112 }),
            author: "seed",
            text: `Note ${i} about the step${more}`,
          });
        }
      });
    }
  });
}
