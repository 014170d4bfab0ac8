import type { CDPSession, Page } from "@playwright/test";

/** What the canvas benchmark measures inside the page: frames, first paint, Konva nodes, the heap, profiles. */

/** The q-th quantile (0..1) of some figures, by nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export interface FrameTimes {
  p50: number;
  p95: number;
  p99: number;
  frames: number;
}

export function frameTimes(deltas: readonly number[]): FrameTimes {
  return {
    p50: quantile(deltas, 0.5),
    p95: quantile(deltas, 0.95),
    p99: quantile(deltas, 0.99),
    frames: deltas.length,
  };
}

interface KonvaNode {
  find(match: (node: unknown) => boolean): unknown[];
  findOne(selector: string): unknown;
  scaleX(): number;
  content: HTMLElement;
}

declare global {
  interface Window {
    /** When (performance.now(), from navigation) a note was first drawn on the canvas. */
    __firstNotes?: number;
    /** When the board's content arrived from the relay (the first large WebSocket message). */
    __boardArrived?: number;
    __frames?: number[];
  }
}

/**
 * Watches, frame by frame from the page's start, for the first note drawn (in full or as a block), and
 * notes when the board's content arrived: the canvas's own part of the wait lies between the two.
 */
export async function watchFirstNotes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener("message", (event: MessageEvent) => {
          const size = event.data instanceof ArrayBuffer ? event.data.byteLength : 0;
          if (size > 10_000 && window.__boardArrived === undefined) window.__boardArrived = performance.now();
        });
      }
    };
    const look = () => {
      const stage = (window as unknown as { Konva?: { stages: KonvaNode[] } }).Konva?.stages[0];
      if (stage?.findOne(".note") || stage?.findOne(".note-blocks")) window.__firstNotes = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

/** Every Konva node mounted on the canvas. */
export function konvaNodes(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { Konva: { stages: KonvaNode[] } }).Konva.stages[0]?.find(() => true).length ?? 0,
  );
}

/** Waits until the mounted nodes stay the same for a while (the canvas has caught up after a change). */
export async function settled(page: Page): Promise<number> {
  let last = -1;
  const started = Date.now();
  for (;;) {
    const count = await konvaNodes(page);
    if (count === last || Date.now() - started > 60_000) return count;
    last = count;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 400)));
  }
}

/** The JS heap in use after a full garbage collection, in bytes. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

/** Starts recording the time between animation frames, in the page. */
export function recordFrames(page: Page): Promise<void> {
  return page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now: number) => {
      if (!window.__frames) return;
      window.__frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops recording and returns the frame times (the first one, measured from the start, is left out). */
export async function recordedFrames(page: Page): Promise<number[]> {
  const frames = await page.evaluate(() => {
    const all = window.__frames ?? [];
    window.__frames = undefined;
    return all;
  });
  return frames.slice(1);
}

/**
 * Pans as a trackpad does (two-finger scroll, one wheel event a frame) for `seconds`, back and forth, and
 * returns the time between frames meanwhile: at least `minFrames`, within `maxSeconds` however slow.
 */
export function panFrames(
  page: Page,
  options: { seconds: number; step: number; minFrames: number; maxSeconds: number },
): Promise<number[]> {
  return page.evaluate(
    ({ seconds, step, minFrames, maxSeconds }) =>
      new Promise<number[]>((resolve) => {
        const stage = (window as unknown as { Konva: { stages: KonvaNode[] } }).Konva.stages[0];
        const target = stage?.content.querySelector("canvas") ?? document.body;
        const box = target.getBoundingClientRect();
        const frames: number[] = [];
        const started = performance.now();
        let last = started;
        const tick = (now: number) => {
          if (now !== started) frames.push(now - last);
          last = now;
          const elapsed = (now - started) / 1000;
          const done = elapsed >= maxSeconds || (elapsed >= seconds && frames.length >= minFrames);
          if (done) {
            resolve(frames.slice(1));
            return;
          }
          // Right and down for the first half of each second, then back: the view crosses fresh notes.
          const sign = Math.floor(elapsed * 2) % 2 === 0 ? 1 : -1;
          target.dispatchEvent(
            new WheelEvent("wheel", {
              deltaX: sign * step,
              deltaY: sign * step * 0.5,
              deltaMode: 0,
              clientX: box.left + box.width / 2,
              clientY: box.top + box.height / 2,
              bubbles: true,
              cancelable: true,
            }),
          );
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    options,
  );
}

export interface HotFunction {
  name: string;
  url: string;
  selfMs: number;
}

/** Runs `work` under Chromium's sampling profiler and names the functions that took the most time of their own. */
export async function profiled<T>(cdp: CDPSession, work: () => Promise<T>): Promise<{ result: T; hot: HotFunction[] }> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const result = await work();
  const { profile } = await cdp.send("Profiler.stop");
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // A browser built-in (no script) is named with the script function that called it.
  const nameOf = (id: number): string => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return "?";
    const name = `${frame.functionName || "(anonymous)"} ${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
    const parent = parents.get(id);
    return frame.url === "" && parent !== undefined && !name.startsWith("(") ? `${name} ← ${nameOf(parent)}` : name;
  };
  const self = new Map<string, HotFunction>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const key = nameOf(id);
    const hot = self.get(key) ?? { name: key, url: frame.url, selfMs: 0 };
    hot.selfMs += (deltas[i] ?? 0) / 1000;
    self.set(key, hot);
  });
  const hot = [...self.values()]
    .filter((f) => !f.name.startsWith("(idle)") && !f.name.startsWith("(program)"))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, 12);
  return { result, hot };
}
