import { readdirSync } from "node:fs";
import { Agent, request } from "node:http";
import { addNote, listNotes } from "@journeyboard/shared";
import WebSocket from "ws";
import type { AppProcess, RelayMetrics } from "./app.js";
import { firstMap, type Peer, peer } from "./reader.js";

/** What the attack specs measure around an attack on the running relay, and how they print it. */

export const MiB = 2 ** 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Descriptors the app process holds open (sockets, LevelDB files, pipes). */
export function openFiles(app: AppProcess): number {
  return readdirSync(`/proc/${app.pid}/fd`).length;
}

export interface Snapshot {
  files: number;
  metrics: RelayMetrics;
}

export async function snapshot(app: AppProcess): Promise<Snapshot> {
  return { files: openFiles(app), metrics: await app.metrics() };
}

export function describeMemory(before: Snapshot, after: Snapshot): string {
  const mb = (bytes: number) => (bytes / MiB).toFixed(1);
  return (
    `fds ${before.files} → ${after.files}, rss ${mb(before.metrics.rssBytes)} → ${mb(after.metrics.rssBytes)} MiB, ` +
    `heap ${mb(before.metrics.heapUsedBytes)} → ${mb(after.metrics.heapUsedBytes)} MiB`
  );
}

/**
 * Another board and its two participants, measured in a loop while an attack runs: how long a note of
 * one takes to reach the other through the relay, and how long `/healthz` takes. A probe that fails or
 * takes longer than `limitMs` counts as `limitMs` and as failed.
 */
export class Bystander {
  readonly relayMs: number[] = [];
  readonly healthMs: number[] = [];
  failures = 0;
  private running: Promise<void> | undefined;
  private stopped = false;
  private sent = 0;

  private constructor(
    private readonly app: AppProcess,
    readonly boardUrl: string,
    private readonly writer: Peer,
    /** The participant who watches for the probes' notes. */
    readonly reader: Peer,
    private readonly limitMs: number,
  ) {}

  static async on(app: AppProcess, limitMs = 10_000): Promise<Bystander> {
    const boardUrl = await app.createBoard();
    const [writer, reader] = [peer(boardUrl), peer(boardUrl)];
    await Promise.all([writer.synced(), reader.synced()]);
    return new Bystander(app, boardUrl, writer, reader, limitMs);
  }

  /** The texts of the notes this bystander wrote, all of which the relay must keep. */
  get written(): string[] {
    return Array.from({ length: this.sent }, (_, i) => `probe ${i}`);
  }

  start(): void {
    this.running = (async () => {
      while (!this.stopped) {
        await this.probe();
        await pause(200);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  leave(): void {
    this.writer.leave();
    this.reader.leave();
  }

  summary(): string {
    const worst = (values: number[]) => (values.length ? Math.max(...values) : 0);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    return (
      `other board relay ${median(this.relayMs)} ms median / ${worst(this.relayMs)} ms worst, ` +
      `/healthz ${median(this.healthMs)} / ${worst(this.healthMs)} ms, ${this.failures} failed probes of ${this.relayMs.length}`
    );
  }

  private async probe(): Promise<void> {
    const text = `probe ${this.sent++}`;
    const started = Date.now();
    addNote(firstMap(this.writer.doc), { cell: null, x: 0, y: 0, author: "bystander", text });
    const seen = await within(this.limitMs, async () => {
      while (!listNotes(firstMap(this.reader.doc)).some((n) => n.text === text)) await pause(5);
    });
    this.record(this.relayMs, seen, started);
    const asked = Date.now();
    const healthy = await within(this.limitMs, async () => {
      const response = await fetch(`${this.app.url}/healthz`);
      if (response.status !== 200) throw new Error(`healthz answered ${response.status}`);
    });
    this.record(this.healthMs, healthy, asked);
  }

  private record(into: number[], ok: boolean, since: number): void {
    if (!ok) this.failures++;
    into.push(ok ? Date.now() - since : this.limitMs);
  }
}

/** Whether `work` finished without throwing within `ms`. */
async function within(ms: number, work: () => Promise<void>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const done = work().then(
    () => true,
    () => false,
  );
  const ok = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return ok;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request from a chosen loopback address (127.0.0.0/8 is all loopback on Linux). */
export function post(
  app: AppProcess,
  path: string,
  body: string,
  headers: Record<string, string>,
  agent: Agent,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}${path}`, { method: "POST", headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Kept-alive connections from one loopback address. */
export function agentFrom(localAddress: string): Agent {
  return new Agent({ keepAlive: true, maxSockets: 8, localAddress });
}

/**
 * A raw WebSocket on a board from a chosen loopback address: resolves "loaded" once the relay sends the
 * board's first sync message (it loads the board before answering), or with the close code it refused.
 */
export function openBoardFrom(
  boardUrl: string,
  localAddress: string,
  sockets: WebSocket[],
): Promise<"loaded" | number> {
  const url = new URL(boardUrl);
  const id = url.pathname.split("/").pop() ?? "";
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${url.host}/${id}?token=${url.searchParams.get("token")}`, { localAddress });
    sockets.push(ws);
    ws.once("message", () => resolve("loaded"));
    ws.on("close", (code) => resolve(code));
    ws.on("error", () => resolve(0));
  });
}
