import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { DEFAULT_LANES, listStages, sampleBoardPlan, writeSampleBoard } from "@journeyboard/shared";
import type { Browser, Page } from "@playwright/test";
import { test } from "../tests/app.js";
import { firstMap, withBoard } from "../tests/reader.js";
import {
  type FrameTimes,
  frameTimes,
  type HotFunction,
  heapAfterGc,
  median,
  panFrames,
  profiled,
  recordedFrames,
  recordFrames,
  settled,
  watchFirstNotes,
} from "./frames.js";

/**
 * The canvas benchmark (pnpm bench:canvas, after pnpm build): boards of 1,000, 5,000 and 10,000 seeded
 * notes, each opened in Chromium (software rendering, 1280×800) in turn, BENCH_RUNS times interleaved.
 * It measures load to first notes drawn, the JS heap, Konva nodes mounted, frame times while panning at
 * the opening zoom and over the whole map, and a watcher's frames while someone else drags a note. It
 * prints a markdown table of the medians and writes them, with the machine, to BENCH_OUT (JSON).
 */

const SIZES = (process.env.BENCH_SIZES ?? "1000,5000,10000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const PROFILE = process.env.BENCH_PROFILE === "1";
const OUT = process.env.BENCH_OUT ?? fileURLToPath(new URL("canvas-results.json", import.meta.url));

interface RunFigures {
  boardArrivedMs: number;
  firstNotesMs: number;
  heapMB: number;
  nodesOpening: number;
  pan: FrameTimes;
  nodesWholeMap: number;
  wholeMap: FrameTimes;
  dragWatcher: FrameTimes;
  hot?: Record<string, HotFunction[]>;
}

/** Opens the board in a browser of its own, as a newcomer (no saved view), and waits for the canvas. */
async function opened(browser: Browser, url: string, hot?: Record<string, HotFunction[]>): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchFirstNotes(page);
  const load = async () => {
    await page.goto(url);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => window.__firstNotes !== undefined, undefined, { timeout: 120_000 });
  };
  if (hot) hot.load = (await profiled(await context.newCDPSession(page), load)).hot;
  else await load();
  await settled(page);
  return page;
}

/** The centre of a note drawn well inside the view, on the page. */
function noteInView(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const stage = (window as unknown as { Konva: { stages: { find(s: string): unknown[] }[] } }).Konva.stages[0];
    const notes = (stage?.find(".note") ?? []) as { getClientRect(): { x: number; y: number; width: number } }[];
    const rect = notes.map((n) => n.getClientRect()).find((r) => r.x > 300 && r.y > 200 && r.x < 700 && r.y < 500);
    if (!rect) throw new Error("no note in view to drag");
    const canvas = document.querySelector("[data-testid=board-canvas]")?.getBoundingClientRect();
    return { x: (canvas?.left ?? 0) + rect.x + 20, y: (canvas?.top ?? 0) + rect.y + 20 };
  });
}

async function measure(browser: Browser, url: string): Promise<RunFigures> {
  const hot: Record<string, HotFunction[]> = {};
  const maybeProfiled = async <T>(what: string, page: Page, work: () => Promise<T>): Promise<T> => {
    if (!PROFILE) return work();
    const run = await profiled(await page.context().newCDPSession(page), work);
    hot[what] = run.hot;
    return run.result;
  };
  const page = await opened(browser, url, PROFILE ? hot : undefined);
  const firstNotesMs = await page.evaluate(() => window.__firstNotes ?? Number.NaN);
  const boardArrivedMs = await page.evaluate(() => window.__boardArrived ?? Number.NaN);
  const cdp = await page.context().newCDPSession(page);
  const heapMB = (await heapAfterGc(cdp)) / 2 ** 20;
  const nodesOpening = await settled(page);
  const pan = await maybeProfiled("pan", page, () =>
    panFrames(page, { seconds: SECONDS, step: 24, minFrames: 20, maxSeconds: 60 }),
  );
  await page.keyboard.press("Shift+1");
  await page.waitForFunction(() => {
    const stage = (window as unknown as { Konva: { stages: { scaleX(): number }[] } }).Konva.stages[0];
    return (stage?.scaleX() ?? 1) < 0.5;
  });
  const nodesWholeMap = await settled(page);
  const wholeMap = await maybeProfiled("wholeMap", page, () =>
    panFrames(page, { seconds: SECONDS, step: 6, minFrames: 10, maxSeconds: 60 }),
  );
  await page.context().close();

  // One participant drags a note in circles at the opening zoom; another, watching, draws each move.
  const watcher = await opened(browser, url);
  const mover = await opened(browser, url);
  const from = await noteInView(mover);
  await mover.mouse.move(from.x, from.y);
  await mover.mouse.down();
  await mover.mouse.move(from.x + 10, from.y + 10, { steps: 4 });
  await recordFrames(watcher);
  await maybeProfiled("dragWatcher", watcher, async () => {
    const started = Date.now();
    for (let i = 0; Date.now() - started < SECONDS * 1000; i++) {
      const angle = i / 10;
      await mover.mouse.move(from.x + 60 * Math.cos(angle), from.y + 60 * Math.sin(angle));
    }
  });
  const dragWatcher = frameTimes(await recordedFrames(watcher));
  await mover.mouse.up();
  await watcher.context().close();
  await mover.context().close();
  return {
    boardArrivedMs,
    firstNotesMs,
    heapMB,
    nodesOpening,
    pan: frameTimes(pan),
    nodesWholeMap,
    wholeMap: frameTimes(wholeMap),
    dragWatcher,
    ...(PROFILE ? { hot } : {}),
  };
}

type Row = [label: string, figure: (f: RunFigures) => number, digits: number];

const ROWS: Row[] = [
  ["Board content received (ms)", (f) => f.boardArrivedMs, 0],
  ["Load to first notes drawn (ms)", (f) => f.firstNotesMs, 0],
  ["JS heap after load (MB)", (f) => f.heapMB, 1],
  ["Konva nodes, opening zoom", (f) => f.nodesOpening, 0],
  ["Pan, opening zoom: p50 / p95 / p99 (ms)", (f) => f.pan.p95, 1],
  ["Konva nodes, whole map", (f) => f.nodesWholeMap, 0],
  ["Pan, whole map: p50 / p95 / p99 (ms)", (f) => f.wholeMap.p95, 1],
  ["Watcher during a drag: p50 / p95 / p99 (ms)", (f) => f.dragWatcher.p95, 1],
];

function summary(runs: RunFigures[]) {
  const m = (pick: (f: RunFigures) => number) => median(runs.map(pick));
  const frames = (pick: (f: RunFigures) => FrameTimes) => ({
    p50: m((f) => pick(f).p50),
    p95: m((f) => pick(f).p95),
    p99: m((f) => pick(f).p99),
    frames: m((f) => pick(f).frames),
  });
  return {
    boardArrivedMs: m((f) => f.boardArrivedMs),
    firstNotesMs: m((f) => f.firstNotesMs),
    heapMB: m((f) => f.heapMB),
    nodesOpening: m((f) => f.nodesOpening),
    pan: frames((f) => f.pan),
    nodesWholeMap: m((f) => f.nodesWholeMap),
    wholeMap: frames((f) => f.wholeMap),
    dragWatcher: frames((f) => f.dragWatcher),
  };
}

function table(medians: Map<number, RunFigures>): string {
  const sizes = [...medians.keys()];
  const [smallest, largest] = [sizes[0] ?? 0, sizes.at(-1) ?? 0];
  const cell = (f: RunFigures, label: string, figure: (f: RunFigures) => number, digits: number) => {
    const times = label.includes("p50")
      ? [f.pan, f.wholeMap, f.dragWatcher][label.startsWith("Pan, o") ? 0 : label.startsWith("Pan, w") ? 1 : 2]
      : undefined;
    return times
      ? `${times.p50.toFixed(1)} / ${times.p95.toFixed(1)} / ${times.p99.toFixed(1)}`
      : figure(f).toFixed(digits);
  };
  const lines = [
    `| | ${sizes.map((s) => `${s.toLocaleString("en")} notes`).join(" | ")} | ${largest / 1000}k / ${smallest / 1000}k |`,
    `|---|${sizes.map(() => "---:").join("|")}|---:|`,
  ];
  for (const [label, figure, digits] of ROWS) {
    const [a, b] = [medians.get(smallest), medians.get(largest)];
    const ratio = a && b ? figure(b) / figure(a) : Number.NaN;
    const cells = sizes.map((s) => {
      const f = medians.get(s);
      return f ? cell(f, label, figure, digits) : "";
    });
    lines.push(`| ${label} | ${cells.join(" | ")} | ${ratio.toFixed(2)}× |`);
  }
  return lines.join("\n");
}

test("canvas benchmark", async ({ app, browser }) => {
  test.setTimeout(4 * 60 * 60_000);
  const load = [loadavg()];
  const boards = new Map<number, string>();
  for (const size of SIZES) {
    const url = await app.createBoard();
    await withBoard(url, (doc) => {
      const map = firstMap(doc);
      const lanes = DEFAULT_LANES.map((lane) => lane.kind);
      writeSampleBoard(map, sampleBoardPlan({ count: size, seed: size, stages: listStages(map).length, lanes }));
    });
    boards.set(size, url);
  }
  const runs = new Map<number, RunFigures[]>(SIZES.map((s) => [s, []]));
  // Interleaved: each run measures every size, so a busy spell of the machine spreads over all of them.
  for (let run = 0; run < RUNS; run++) {
    for (const size of SIZES) {
      const figures = await measure(browser, boards.get(size) ?? "");
      runs.get(size)?.push(figures);
      console.log(`run ${run + 1}, ${size} notes: ${JSON.stringify(figures)}`);
    }
    load.push(loadavg());
  }
  const medians = new Map(SIZES.map((s) => [s, summary(runs.get(s) ?? [])]));
  const machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    chromium: browser.version(),
    viewport: "1280×800, software rendering",
    loadAverage: load.map((l) => l.map((n) => Number(n.toFixed(2)))),
  };
  const [smallest, largest] = [SIZES[0] ?? 0, SIZES.at(-1) ?? 0];
  const ratios = Object.fromEntries(
    ROWS.map(([label, figure]) => {
      const [a, b] = [medians.get(smallest), medians.get(largest)];
      return [label, a && b ? Number((figure(b) / figure(a)).toFixed(2)) : null];
    }),
  );
  const markdown = table(medians);
  console.log(`\nCanvas, medians of ${RUNS} runs (load average ${(load[0]?.[0] ?? 0).toFixed(1)}):\n\n${markdown}\n`);
  writeFileSync(
    OUT,
    `${JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, seconds: SECONDS, medians: Object.fromEntries(medians), ratios, all: Object.fromEntries(runs), markdown }, null, 2)}\n`,
  );
});
