import { addNote, listNotes } from "@journeyboard/shared";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import type { AppProcess } from "./app.js";
import { firstMap, type Peer, peer, storedNotes } from "./reader.js";

/** Helpers of the relay attacks: raw frames, hostile sockets, and what the server does meanwhile. */

const MiB = 2 ** 20;
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The WebSocket URL of a board link (`http://host/b/<id>?token=…`). */
export function socketOf(boardUrl: string): string {
  const url = new URL(boardUrl);
  return `ws://${url.host}/${url.pathname.split("/").pop()}?token=${url.searchParams.get("token")}`;
}

export function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** "Send me everything": sync step 1 with an empty state vector. */
export const SYNC_REQUEST = new Uint8Array([0, 0, 1, 0]);

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** One awareness message: each entry is a client id, its clock and its state. */
export function presenceFrame(entries: { client: number; clock: number; state: unknown }[]): Uint8Array {
  const update = frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const { client, clock, state } of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, JSON.stringify(state));
    }
  });
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A raw socket, open: its close code once closed, and the frames it received. */
export interface Raw {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<number>;
}

export function openRaw(url: string, keep = false): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const received: Uint8Array[] = [];
    if (keep) ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
    const closed = new Promise<number>((done) => ws.on("close", (code) => done(code)));
    ws.on("open", () => resolve({ ws, received, closed }));
    ws.on("error", reject);
  });
}

/** The presence a newcomer is sent when it asks for it, in bytes. */
export async function newcomerPresenceBytes(boardUrl: string): Promise<number> {
  const raw = await openRaw(socketOf(boardUrl), true);
  raw.ws.send(new Uint8Array([3]));
  const deadline = Date.now() + 20_000;
  while (!raw.received.some((m) => m[0] === 1)) {
    if (Date.now() > deadline) throw new Error("no presence answer");
    await pause(20);
  }
  raw.ws.terminate();
  return raw.received.find((m) => m[0] === 1)?.length ?? 0;
}

/** The first sync answer a newcomer gets for "send me everything", in bytes. */
export async function newcomerSyncBytes(boardUrl: string): Promise<number> {
  const raw = await openRaw(socketOf(boardUrl), true);
  raw.ws.send(SYNC_REQUEST);
  const deadline = Date.now() + 20_000;
  // The relay greets with its own step 1 ([0, 0, …]); the answer is a step 2 ([0, 1, …]).
  while (!raw.received.some((m) => m[0] === 0 && m[1] === 1)) {
    if (Date.now() > deadline) throw new Error("no sync answer");
    await pause(20);
  }
  raw.ws.terminate();
  return raw.received.find((m) => m[0] === 0 && m[1] === 1)?.length ?? 0;
}

/**
 * Keeps `sockets` sockets sending for `seconds` (or until `stopped`), opening a new one whenever the
 * relay closes one.
 */
export async function hammer(
  url: string,
  sockets: number,
  seconds: number,
  send: (ws: WebSocket) => void,
  everyMs: number,
  stopped: () => boolean,
): Promise<{ closes: Record<number, number> }> {
  const closes: Record<number, number> = {};
  const until = Date.now() + seconds * 1000;
  const going = () => Date.now() < until && !stopped();
  const one = async () => {
    while (going()) {
      const raw = await openRaw(url).catch(() => undefined);
      if (!raw) continue;
      raw.closed.then((code) => {
        closes[code] = (closes[code] ?? 0) + 1;
      });
      let open = true;
      raw.closed.then(() => {
        open = false;
      });
      while (open && going()) {
        send(raw.ws);
        await pause(everyMs);
      }
      raw.ws.terminate();
    }
  };
  await Promise.all(Array.from({ length: sockets }, one));
  return { closes };
}

/** Two participants of another board: how long a note takes from one to the other. */
export class Bystanders {
  private readonly writer: Peer;
  private readonly reader: Peer;
  private count = 0;

  constructor(readonly boardUrl: string) {
    this.writer = peer(boardUrl);
    this.reader = peer(boardUrl);
  }

  async ready(): Promise<void> {
    await Promise.all([this.writer.synced(), this.reader.synced()]);
  }

  async latency(): Promise<number> {
    const text = `bystander ${this.count++}`;
    const started = Date.now();
    addNote(firstMap(this.writer.doc), { cell: null, x: 0, y: 0, author: "by", text });
    while (!listNotes(firstMap(this.reader.doc)).some((n) => n.text === text)) {
      if (Date.now() - started > 60_000) throw new Error("the bystander's note never arrived");
      await pause(5);
    }
    return Date.now() - started;
  }

  notes(): string[] {
    return listNotes(firstMap(this.writer.doc))
      .map((n) => n.text)
      .sort();
  }

  leave(): void {
    this.writer.leave();
    this.reader.leave();
  }
}

export interface Figures {
  heapBefore: number;
  heapAfter: number;
  rssBefore: number;
  rssAfter: number;
  rssPeak: number;
  relayMaxMs: number;
  healthzMaxMs: number;
}

/** Past this, an attack is stopped early (so that measuring today's relay cannot take the machine down). */
const RSS_GUARD = 6 * 1024 * MiB;

/**
 * Runs an attack while measuring, every 250 ms, another board's relay latency, /healthz latency and the
 * relay's memory. Memory before and after is measured after a collection (the app runs with --expose-gc).
 */
export async function measured(
  app: AppProcess,
  bystanders: Bystanders,
  attack: (stopped: () => boolean) => Promise<void>,
): Promise<Figures> {
  const before = await app.metrics();
  let running = true;
  let relayMaxMs = 0;
  let healthzMaxMs = 0;
  let rssPeak = before.rssBytes;
  const sampler = (async () => {
    while (running) {
      relayMaxMs = Math.max(relayMaxMs, await bystanders.latency());
      const started = Date.now();
      expect200((await fetch(`${app.url}/healthz`)).status);
      healthzMaxMs = Math.max(healthzMaxMs, Date.now() - started);
      rssPeak = Math.max(rssPeak, (await app.metrics()).rssBytes);
      if (rssPeak > RSS_GUARD) console.log("attack stopped early: the relay's memory passed the guard");
      await pause(250);
    }
  })();
  try {
    await attack(() => rssPeak > RSS_GUARD);
  } finally {
    running = false;
    await sampler;
  }
  const after = await app.metrics();
  return {
    heapBefore: before.heapUsedBytes,
    heapAfter: after.heapUsedBytes,
    rssBefore: before.rssBytes,
    rssAfter: after.rssBytes,
    rssPeak,
    relayMaxMs,
    healthzMaxMs,
  };
}

function expect200(status: number): void {
  if (status !== 200) throw new Error(`/healthz answered ${status}`);
}

export function describeFigures(f: Figures): string {
  const mb = (n: number) => (n / MiB).toFixed(0);
  return (
    `heap ${mb(f.heapBefore)} → ${mb(f.heapAfter)} MiB, rss ${mb(f.rssBefore)} → ${mb(f.rssAfter)} MiB ` +
    `(peak ${mb(f.rssPeak)}), another board's relay latency max ${f.relayMaxMs} ms, /healthz max ${f.healthzMaxMs} ms`
  );
}

/** The texts of the notes the server holds on a board, read back after a restart. */
export async function storedTexts(boardUrl: string): Promise<string[]> {
  return (await storedNotes(boardUrl)).map((n) => n.text).sort();
}

/** A note board of about `megabytes` MB, written by a participant in steps under the frame limit. */
export async function largeBoard(app: AppProcess, megabytes: number): Promise<string> {
  const url = await app.createBoard();
  const writer = peer(url);
  await writer.synced();
  const perStep = 500;
  const steps = Math.ceil((megabytes * 1e6) / (perStep * 3000));
  for (let step = 0; step < steps; step++) {
    writer.doc.transact(() => {
      for (let i = 0; i < perStep; i++) {
        addNote(firstMap(writer.doc), { cell: null, x: i, y: step, author: "seed", text: "z".repeat(2990) });
      }
    });
  }
  const expected = steps * perStep;
  const reader = peer(url);
  await reader.synced();
  const deadline = Date.now() + 60_000;
  while (listNotes(firstMap(reader.doc)).length < expected) {
    if (Date.now() > deadline) throw new Error("the large board was not stored");
    await pause(50);
  }
  reader.leave();
  writer.leave();
  return url;
}

/** A document change that the relay lacks the start of: Y.Doc content whose first update is never sent. */
export function orphanUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText("orphan");
  text.insert(0, "x");
  const start = Y.encodeStateVector(doc);
  text.insert(1, "y".repeat(bytes));
  const update = Y.encodeStateAsUpdate(doc, start);
  doc.destroy();
  return update;
}

/** An update nesting maps `depth` deep under the board's `maps`, with the outermost one deleted. */
export function deepUpdate(depth: number): Uint8Array {
  const doc = new Y.Doc();
  let map = doc.getMap<unknown>("maps");
  doc.transact(() => {
    for (let i = 0; i < depth; i++) {
      const inner = new Y.Map<unknown>();
      map.set("deep", inner);
      map = inner;
    }
  });
  const created = Y.encodeStateAsUpdate(doc);
  // Deleting the outermost map by hand: doing it through Yjs would overflow this process's stack.
  const deletion = frame((e) => {
    encoding.writeVarUint(e, 0);
    for (const n of [1, doc.clientID, 1, 0, 1]) encoding.writeVarUint(e, n);
  });
  doc.destroy();
  return Y.mergeUpdates([created, deletion]);
}
