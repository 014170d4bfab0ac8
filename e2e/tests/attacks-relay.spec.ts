import { addNote } from "@journeyboard/shared";
import type WebSocket from "ws";
import { AppProcess, expect, test } from "./app.js";
import { firstMap, peer } from "./reader.js";
import {
  Bystanders,
  deepUpdate,
  describeFigures,
  hammer,
  largeBoard,
  measured,
  newcomerPresenceBytes,
  newcomerSyncBytes,
  openRaw,
  orphanUpdate,
  pause,
  presenceFrame,
  SYNC_REQUEST,
  socketOf,
  storedTexts,
  updateFrame,
} from "./relay-attack.js";

/**
 * Attacks on the WebSocket protocol that stay under every rate and size limit, against the relay as a
 * real process. Each prints the relay's memory before and after, another board's relay latency and
 * /healthz latency during the attack, and checks that nothing stored is lost.
 */

const MiB = 2 ** 20;

/** A started app with a target board holding a few notes, and two participants of another board. */
async function scene(env: Record<string, string> = {}) {
  const app = await AppProcess.started({ NODE_OPTIONS: "--expose-gc", ...env });
  const bystanders = new Bystanders(await app.createBoard());
  await bystanders.ready();
  return { app, bystanders };
}

async function withNotes(boardUrl: string, count: number): Promise<string[]> {
  const writer = peer(boardUrl);
  await writer.synced();
  const texts = Array.from({ length: count }, (_, i) => `kept ${i}`);
  for (const text of texts) addNote(firstMap(writer.doc), { cell: null, x: 0, y: 0, author: "k", text });
  // A second participant sees them all only once the relay has stored them.
  const reader = peer(boardUrl);
  await reader.synced();
  writer.leave();
  reader.leave();
  return texts.sort();
}

/** After a restart, both boards hold what they held: nothing stored was lost. */
async function nothingLost(app: AppProcess, target: string, kept: string[], bystanders: Bystanders) {
  const bystanderNotes = bystanders.notes();
  bystanders.leave();
  expect(await app.stop()).toBe(0);
  await app.start();
  for (const text of kept) expect(await storedTexts(target)).toContain(text);
  expect(await storedTexts(bystanders.boardUrl)).toEqual(bystanderNotes);
}

test("sync requests: sockets asking for all of a large board cost one shared answer each, never the server", async () => {
  test.setTimeout(240_000);
  const { app, bystanders } = await scene();
  try {
    const target = await largeBoard(app, 6);
    const viewer = socketOf(await app.linkFor(target, "viewer"));
    const figures = await measured(app, bystanders, async (stopped) => {
      // 3 sockets, each 20 requests every 200 ms: 100 a second, under the limit of 300.
      const { closes } = await hammer(
        viewer,
        3,
        6,
        (ws) => {
          for (let i = 0; i < 20; i++) ws.send(SYNC_REQUEST);
        },
        200,
        stopped,
      );
      console.log(`sync attack: closes by code ${JSON.stringify(closes)}`);
    });
    const metrics = await app.metrics();
    console.log(`sync attack: ${describeFigures(figures)}; relay counters ${JSON.stringify(metrics)}`);
    expect(figures.rssPeak - figures.rssBefore).toBeLessThan(400 * MiB);
    expect(figures.relayMaxMs).toBeLessThan(2000);
    expect(figures.healthzMaxMs).toBeLessThan(2000);
    expect(figures.heapAfter).toBeLessThan(figures.heapBefore + 64 * MiB);
    await nothingLost(app, target, [], bystanders);
  } finally {
    await app.dispose();
  }
});

test("presence: sockets introducing a thousand client ids a message cost a few entries each", async () => {
  test.setTimeout(180_000);
  const { app, bystanders } = await scene();
  try {
    const target = await app.createBoard();
    const kept = await withNotes(target, 10);
    const viewer = socketOf(await app.linkFor(target, "viewer"));
    let next = 1;
    let newcomerBytes = 0;
    const figures = await measured(app, bystanders, async (stopped) => {
      const attack = hammer(
        viewer,
        2,
        6,
        (ws) => {
          const entries = Array.from({ length: 900 }, () => ({ client: next++, clock: 1, state: {} }));
          ws.send(presenceFrame(entries));
        },
        20,
        stopped,
      );
      // A newcomer while the attack runs: the presence it is sent.
      await pause(5000);
      newcomerBytes = await newcomerPresenceBytes(target);
      const { closes } = await attack;
      const { refusedPresence } = (await app.metrics()) as { refusedPresence?: number };
      console.log(
        `presence attack: ${next - 1} ids sent, ${refusedPresence} entries refused, closes by code ${JSON.stringify(closes)}`,
      );
    });
    console.log(`presence attack: newcomer sent ${newcomerBytes} bytes of presence; ${describeFigures(figures)}`);
    expect(newcomerBytes).toBeLessThan(4096);
    expect(figures.heapAfter).toBeLessThan(figures.heapBefore + 16 * MiB);
    expect(figures.relayMaxMs).toBeLessThan(3000);
    await nothingLost(app, target, kept, bystanders);
  } finally {
    await app.dispose();
  }
});

test("presence: a viewer cannot rename the facilitator's cursor", async () => {
  test.setTimeout(60_000);
  const { app, bystanders } = await scene();
  try {
    const target = await app.createBoard();
    const kept = await withNotes(target, 3);
    const [facilitator, observer] = [peer(target), peer(target)];
    await Promise.all([facilitator.synced(), observer.synced()]);
    facilitator.provider.awareness.setLocalStateField("user", { name: "Facilitator" });
    const id = facilitator.doc.clientID;
    const nameSeen = () => (observer.provider.awareness.getStates().get(id)?.user as { name?: string })?.name;
    const waitFor = async (check: () => boolean) => {
      const deadline = Date.now() + 15_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error("not seen in time");
        await pause(20);
      }
    };
    await waitFor(() => nameSeen() === "Facilitator");
    let during = "";
    const figures = await measured(app, bystanders, async () => {
      const viewer = await openRaw(socketOf(await app.linkFor(target, "viewer")));
      const clock = (facilitator.provider.awareness.meta.get(id)?.clock ?? 0) + 10;
      viewer.ws.send(presenceFrame([{ client: id, clock, state: { user: { name: "Mallory" } } }]));
      // The viewer's own presence after it: once the observer has it, the relay has dealt with the forgery.
      viewer.ws.send(presenceFrame([{ client: 777_777, clock: 1, state: { user: { name: "viewer" } } }]));
      await waitFor(() => observer.provider.awareness.getStates().has(777_777));
      during = String(nameSeen());
      viewer.ws.close();
      await waitFor(() => !observer.provider.awareness.getStates().has(777_777));
    });
    console.log(
      `rename attack: the observer saw "${during}" during, "${nameSeen()}" after the viewer left; ${describeFigures(figures)}`,
    );
    expect(during).toBe("Facilitator");
    expect(nameSeen()).toBe("Facilitator");
    facilitator.leave();
    observer.leave();
    await nothingLost(app, target, kept, bystanders);
  } finally {
    await app.dispose();
  }
});

test("updates that never integrate: nothing unstored reaches a newcomer, nothing stays pending", async () => {
  test.setTimeout(180_000);
  const { app, bystanders } = await scene();
  try {
    const target = await app.createBoard();
    const kept = await withNotes(target, 10);
    const editor = socketOf(await app.linkFor(target, "editor"));
    const storedBytes = await newcomerSyncBytes(target);
    let newcomerBytes = 0;
    const figures = await measured(app, bystanders, async (stopped) => {
      const orphan = (ws: WebSocket) => ws.send(updateFrame(orphanUpdate(60_000)));
      const { closes } = await hammer(editor, 2, 6, orphan, 10, stopped);
      newcomerBytes = await newcomerSyncBytes(target);
      console.log(`orphan attack: closes by code ${JSON.stringify(closes)}`);
    });
    console.log(
      `orphan attack: a newcomer is sent ${newcomerBytes} bytes, the board stored ${storedBytes}; ${describeFigures(figures)}`,
    );
    expect(newcomerBytes).toBe(storedBytes);
    expect(figures.heapAfter).toBeLessThan(figures.heapBefore + 16 * MiB);
    await nothingLost(app, target, kept, bystanders);
  } finally {
    await app.dispose();
  }
});

test("deep structures: a 50,000-deep update is refused whole; the room never differs from the store", async () => {
  test.setTimeout(120_000);
  const { app, bystanders } = await scene();
  try {
    const target = await app.createBoard();
    const kept = await withNotes(target, 10);
    const editor = socketOf(await app.linkFor(target, "editor"));
    const storedBytes = await newcomerSyncBytes(target);
    const deep = updateFrame(deepUpdate(50_000));
    // A participant stays on the board, so the room stays loaded through the attack.
    const keeper = peer(target);
    await keeper.synced();
    let code = 0;
    let newcomerBytes = 0;
    const figures = await measured(app, bystanders, async () => {
      const raw = await openRaw(editor);
      raw.ws.send(deep);
      code = await Promise.race([raw.closed, pause(15_000).then(() => 0)]);
      newcomerBytes = await newcomerSyncBytes(target);
    });
    console.log(
      `deep attack: ${deep.length} bytes, closed with ${code}; a newcomer is sent ${newcomerBytes} bytes, ` +
        `the board stored ${storedBytes}; ${describeFigures(figures)}`,
    );
    expect(newcomerBytes).toBe(storedBytes);
    expect(figures.relayMaxMs).toBeLessThan(3000);
    keeper.leave();
    await nothingLost(app, target, kept, bystanders);
  } finally {
    await app.dispose();
  }
});
