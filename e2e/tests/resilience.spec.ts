import { addNote, listNotes } from "@journeyboard/shared";
import fc from "fast-check";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { AppProcess, expect, test } from "./app.js";
import { firstMap, type Peer, peer, storedNotes, withBoard } from "./reader.js";

/**
 * Attacks on the running relay, as a real process: hostile frames, crashes, reconnect storms, churn.
 * Each test prints the figures it measured.
 */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function noteTexts(doc: Y.Doc): string[] {
  return listNotes(firstMap(doc))
    .map((n) => n.text)
    .sort();
}

async function everyone(peers: Peer[], check: (p: Peer) => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!peers.every(check)) {
    if (Date.now() - started > timeoutMs) throw new Error(`not every peer got there in ${timeoutMs} ms`);
    await pause(20);
  }
  return Date.now() - started;
}

/** Real frames of a y-websocket session, for the fuzzer to truncate and mutate. */
function sampleFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.getMap("maps").set("x", new Y.Map());
  doc.getText("t").insert(0, "hello");
  const frame = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: "fuzz", color: "#000" }, cursor: { x: 1, y: 2 } });
  const frames = [
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    }),
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    }),
    ...updates.map((u) =>
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, u);
      }),
    ),
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    }),
    new Uint8Array([3]),
  ];
  awareness.destroy();
  return frames;
}

/** Sends one frame on its own connection and waits until the relay has dealt with it. */
function sendOne(url: string, frame: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const done = () => {
      ws.terminate();
      resolve();
    };
    ws.on("open", () => {
      ws.send(frame);
      // A frame the relay accepts leaves the connection open: give it a moment, then go.
      setTimeout(done, 30);
    });
    ws.on("close", done);
    ws.on("error", done);
  });
}

test("fuzz: tens of thousands of hostile frames never take the relay down, starve other boards, or corrupt one", async () => {
  test.setTimeout(300_000);
  const app = await AppProcess.started({
    MAX_FRAME_BYTES: "65536",
    MAX_MESSAGES_PER_SECOND: "100000",
    MAX_CONNECTIONS_PER_ADDRESS: "100000",
    MAX_PRESENCE_PER_SECOND: "100000",
    NODE_OPTIONS: "--expose-gc",
  });
  try {
    const target = await app.createBoard();
    const bystanderBoard = await app.createBoard();
    const editor = new URL(await app.linkFor(target, "editor"));
    const socket = `ws://${editor.host}/${editor.pathname.split("/").pop()}?token=${editor.searchParams.get("token")}`;
    const keeper = peer(target);
    const [ana, bo] = [peer(bystanderBoard), peer(bystanderBoard)];
    await Promise.all([keeper.synced(), ana.synced(), bo.synced()]);
    const before = await app.metrics();

    const samples = sampleFrames();
    const mutate = (frame: Uint8Array, edits: [number, number][]) => {
      const copy = frame.slice();
      for (const [at, value] of edits) copy[at % copy.length] = value;
      return copy;
    };
    const frameArb = fc.oneof(
      { weight: 3, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }) },
      {
        weight: 3,
        arbitrary: fc
          .constantFrom(...samples)
          .chain((f) => fc.nat({ max: f.length - 1 }).map((n) => f.slice(0, n + 1))),
      },
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...samples),
            fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }),
          )
          .map(([f, edits]) => mutate(f, edits)),
      },
      {
        weight: 1,
        arbitrary: fc.nat({ max: 12 }).map((n) => new Uint8Array([0, ...Array(n).fill(0xff), 0x7f])),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.integer({ min: 4, max: 127 }), fc.uint8Array({ maxLength: 16 }))
          .map(([type, rest]) => new Uint8Array([type, ...rest])),
      },
      { weight: 1, arbitrary: fc.integer({ min: 65_537, max: 140_000 }).map((n) => new Uint8Array(n).fill(1)) },
    );

    let sent = 0;
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { minLength: 100, maxLength: 100 }), async (frames) => {
        for (let i = 0; i < frames.length; i += 25) {
          await Promise.all(frames.slice(i, i + 25).map((frame) => sendOne(socket, frame)));
        }
        sent += frames.length;
        // After every batch: the relay is up, and the other board still syncs its participants.
        expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
        const text = `round ${round++}`;
        addNote(firstMap(ana.doc), { cell: null, x: 0, y: 0, author: "ana", text });
        await everyone([bo], (p) => noteTexts(p.doc).includes(text), 5000);
      }),
      { numRuns: 220, seed: 20261123, endOnFailure: true },
    );

    const after = await app.metrics();
    const handled = after.framesReceived - before.framesReceived;
    const growth = (after.heapUsedBytes - before.heapUsedBytes) / 2 ** 20;
    console.log(
      `fuzz: ${sent} frames sent, ${handled} received by the relay, closes by code ${JSON.stringify(after.closes)}, ` +
        `heap ${(before.heapUsedBytes / 2 ** 20).toFixed(1)} → ${(after.heapUsedBytes / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(sent).toBeGreaterThanOrEqual(20_000);
    expect(app.exited).toBe(false);
    expect(growth).toBeLessThan(64);

    // Nothing stored is corrupted: after a restart both boards load, identical to what their participants hold.
    const held = { target: keeper.doc.getMap("maps").toJSON(), bystander: noteTexts(ana.doc) };
    for (const p of [keeper, ana, bo]) p.leave();
    expect(await app.stop()).toBe(0);
    await app.start();
    expect(await withBoard(target, (doc) => doc.getMap("maps").toJSON())).toEqual(held.target);
    expect(await withBoard(bystanderBoard, noteTexts)).toEqual(held.bystander);
  } finally {
    await app.dispose();
  }
});

test("crash: kill -9 while everyone edits loses nothing any participant had received, every time", async () => {
  test.setTimeout(120_000);
  const app = await AppProcess.started();
  try {
    const board = await app.createBoard();
    const figures: string[] = [];
    for (let run = 1; run <= 3; run++) {
      const writers = Array.from({ length: 4 }, () => peer(board));
      await Promise.all(writers.map((w) => w.synced()));
      // What each writer received from the relay: notes that arrived in the relay's transactions.
      const received = new Set<string>();
      for (const w of writers) {
        const notes = firstMap(w.doc).y.get("notes") as Y.Map<Y.Map<unknown>>;
        notes.observe((event, tr) => {
          if (tr.origin !== w.provider) return;
          for (const [id, change] of event.changes.keys) {
            const text = change.action === "add" ? String(notes.get(id)?.get("text") ?? "") : "";
            if (text.startsWith(`run ${run} `)) received.add(text);
          }
        });
      }
      let count = 0;
      const timers = writers.map((w, i) =>
        setInterval(() => {
          addNote(firstMap(w.doc), {
            cell: null,
            x: 0,
            y: 0,
            author: `w${i}`,
            text: `run ${run} writer ${i} note ${count++}`,
          });
        }, 15),
      );
      await pause(1500);
      await app.stop("SIGKILL");
      for (const t of timers) clearInterval(t);
      // The writers go too: their unsent notes must not reach the restarted relay and hide a loss.
      for (const w of writers) w.leave();
      await app.start();
      const stored = new Set((await storedNotes(board)).map((n) => n.text));
      const lost = [...received].filter((text) => !stored.has(text));
      figures.push(`run ${run}: ${count} notes written, ${received.size} seen through the relay, ${lost.length} lost`);
      expect(lost).toEqual([]);
      expect(received.size).toBeGreaterThan(50);
    }
    console.log(`crash: ${figures.join("; ")}`);
  } finally {
    await app.dispose();
  }
});

test("storm: hundreds of clients resync within seconds after a restart, with bounded memory and nothing duplicated", async () => {
  test.setTimeout(180_000);
  const clients = Number(process.env.STORM_CLIENTS ?? 300);
  // Each y-websocket provider in Node listens for the process's exit.
  process.setMaxListeners(clients + 20);
  const app = await AppProcess.started({
    MAX_CONNECTIONS_PER_ADDRESS: "10000",
    MAX_CONNECTIONS_PER_BOARD: "10000",
    NODE_OPTIONS: "--expose-gc",
  });
  const peers: Peer[] = [];
  try {
    const board = await app.createBoard();
    for (let i = 0; i < clients; i++) peers.push(peer(board));
    await everyone(peers, (p) => p.provider.synced, 60_000);
    peers.forEach((p, i) => {
      addNote(firstMap(p.doc), { cell: null, x: i, y: 0, author: `p${i}`, text: `note ${i}` });
    });
    await everyone(peers, (p) => listNotes(firstMap(p.doc)).length === clients, 60_000);
    const before = await app.metrics();

    await app.stop("SIGKILL");
    await everyone(peers, (p) => !p.provider.synced, 10_000);
    await app.start();
    const resync = await everyone(peers, (p) => p.provider.synced, 60_000);
    const after = await app.metrics();
    console.log(
      `storm: ${clients} clients resynced ${resync} ms after the restart; relay heap ` +
        `${(before.heapUsedBytes / 2 ** 20).toFixed(1)} MiB before, ${(after.heapUsedBytes / 2 ** 20).toFixed(1)} MiB after, ` +
        `rss ${(after.rssBytes / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(resync).toBeLessThan(30_000);
    expect(after.heapUsedBytes).toBeLessThan(before.heapUsedBytes + 128 * 2 ** 20);
    for (const p of peers) expect(listNotes(firstMap(p.doc))).toHaveLength(clients);
    const stored = await storedNotes(board);
    expect(stored).toHaveLength(clients);
    expect(new Set(stored.map((n) => n.text)).size).toBe(clients);
  } finally {
    for (const p of peers) p.leave();
    await app.dispose();
  }
});

test("SIGTERM stores everything and exits cleanly", async () => {
  test.setTimeout(60_000);
  const app = await AppProcess.started();
  try {
    const board = await app.createBoard();
    const [writer, observer] = [peer(board), peer(board)];
    await Promise.all([writer.synced(), observer.synced()]);
    for (let i = 0; i < 300; i++) addNote(firstMap(writer.doc), { cell: null, x: i, y: 0, author: "w", text: `n${i}` });
    await everyone([observer], (p) => listNotes(firstMap(p.doc)).length === 300, 10_000);
    expect(await app.stop("SIGTERM")).toBe(0);
    writer.leave();
    observer.leave();
    expect(app.output.join("")).toContain('"event":"stopped"');
    await app.start();
    expect(await storedNotes(board)).toHaveLength(300);
  } finally {
    await app.dispose();
  }
});

test("churn: boards joined and left for a long while leave no memory or handles behind", async () => {
  const seconds = Number(process.env.CHURN_SECONDS ?? 60);
  test.setTimeout((seconds + 60) * 1000);
  const app = await AppProcess.started({ NODE_OPTIONS: "--expose-gc" });
  try {
    const boards = await Promise.all(Array.from({ length: 4 }, () => app.createBoard()));
    const cycle = async (n: number) => {
      const peers = Array.from({ length: 8 }, (_, i) => peer(boards[(n + i) % boards.length] as string));
      await Promise.all(peers.map((p) => p.synced()));
      for (const p of peers) addNote(firstMap(p.doc), { cell: null, x: n, y: 0, author: "c", text: `cycle ${n}` });
      await pause(50);
      for (const p of peers) p.leave();
    };
    const settled = async () => {
      const started = Date.now();
      while ((await app.metrics()).documentsInMemory > 0 || (await app.metrics()).connections > 0) {
        if (Date.now() - started > 10_000) throw new Error("boards were not released");
        await pause(50);
      }
      return app.metrics();
    };
    for (let n = 0; n < 5; n++) await cycle(n);
    const baseline = await settled();
    let cycles = 5;
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) await cycle(cycles++);
    const end = await settled();
    console.log(
      `churn: ${cycles} cycles of 8 clients over ${seconds} s; heap ${(baseline.heapUsedBytes / 2 ** 20).toFixed(1)} → ` +
        `${(end.heapUsedBytes / 2 ** 20).toFixed(1)} MiB, active handles ${baseline.activeResources} → ${end.activeResources}`,
    );
    expect(end.activeResources).toBeLessThanOrEqual(baseline.activeResources + 2);
    expect(end.heapUsedBytes).toBeLessThan(baseline.heapUsedBytes + 16 * 2 ** 20);
  } finally {
    await app.dispose();
  }
});
