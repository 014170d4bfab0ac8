import * as Y from "yjs";
import { fillBoard, notesOn } from "./board-content.js";
import { type BoardClient, openClient, within } from "./clients.js";
import { type BoardAddress, type ClientSpec, type Command, clockMs, type Reply } from "./protocol.js";

/**
 * A client worker process: holds some of a run's clients, sends their updates at the asked rate, each
 * carrying its send time, and measures every delivery from the others where it arrives.
 */
interface Measured {
  spec: ClientSpec;
  client: BoardClient;
  sent: number;
  received: number;
  /** Keys of the updates received since the last send began: each counts once. */
  seen: Set<string>;
}

// Each y-websocket provider listens for the process's exit: hundreds of them live here on purpose.
process.setMaxListeners(0);

let clients: Measured[] = [];
let latencies: number[] = [];
/** Deliveries that should never come: a client's own update, or one it already had. */
let unexpected = 0;

function reply(message: Reply): void {
  process.send?.(message);
}

/** Each client writes its updates into one shared map, under keys of its own: no two ever collide. */
function updatesOf(doc: Y.Doc): Y.Map<number> {
  return doc.getMap<number>("bench");
}

async function open(specs: ClientSpec[], timeoutMs: number): Promise<Reply> {
  const opened = specs.map((spec) => {
    const client = openClient(spec.board);
    const measured: Measured = { spec, client, sent: 0, received: 0, seen: new Set() };
    updatesOf(client.doc).observe((event) => {
      if (event.transaction.local) return;
      const now = clockMs();
      const updates = updatesOf(client.doc);
      for (const key of event.keysChanged) {
        const sentAt = updates.get(key);
        if (sentAt === undefined) continue;
        if (key.startsWith(`${spec.key}:`) || measured.seen.has(key)) {
          unexpected++;
          continue;
        }
        measured.seen.add(key);
        measured.received++;
        latencies.push(now - sentAt);
      }
    });
    return measured;
  });
  clients.push(...opened);
  const results = await Promise.allSettled(opened.map((m) => within(m.client.synced, timeoutMs, "first sync")));
  return { type: "opened", failed: results.filter((r) => r.status === "rejected").length };
}

/** Every client sends `rate` updates a second for `durationMs`, each starting at a random phase. */
async function send(rate: number, durationMs: number): Promise<Reply> {
  latencies = [];
  unexpected = 0;
  for (const measured of clients) {
    measured.sent = 0;
    measured.received = 0;
    measured.seen.clear();
  }
  const cpuBefore = process.cpuUsage();
  const period = 1000 / rate;
  const end = clockMs() + durationMs;
  await Promise.all(
    clients.map(
      (measured) =>
        new Promise<void>((resolve) => {
          // Kept to the schedule: a late tick is followed at once by the ones it fell behind.
          let next = clockMs() + Math.random() * period;
          const tick = () => {
            if (clockMs() >= end) return resolve();
            updatesOf(measured.client.doc).set(`${measured.spec.key}:${measured.sent++}`, clockMs());
            next += period;
            setTimeout(tick, Math.max(0, next - clockMs()));
          };
          setTimeout(tick, next - clockMs());
        }),
    ),
  );
  const sentTo: Record<string, number> = {};
  for (const { spec, sent } of clients) sentTo[spec.board.room] = (sentTo[spec.board.room] ?? 0) + sent;
  const { user, system } = process.cpuUsage(cpuBefore);
  return { type: "sent", sentTo, sent: clients.reduce((sum, m) => sum + m.sent, 0), cpuMs: (user + system) / 1000 };
}

/** Waits until each client received what the others sent to its board, or the time is up: the rest is lost. */
async function drain(sentTo: Record<string, number>, timeoutMs: number): Promise<Reply> {
  const expected = (m: Measured) => (sentTo[m.spec.board.room] ?? 0) - m.sent;
  const deadline = clockMs() + timeoutMs;
  while (clients.some((m) => m.received < expected(m)) && clockMs() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const delivered = clients.reduce((sum, m) => sum + Math.min(m.received, expected(m)), 0);
  const lost = clients.reduce((sum, m) => sum + Math.max(0, expected(m) - m.received), 0);
  const measured = latencies;
  latencies = [];
  return { type: "drained", latencies: measured, delivered, lost, unexpected };
}

/** A client besides the measured ones (writer, witness, newcomer), kept so that closing them all closes it too. */
function track(key: string, board: BoardAddress, client: BoardClient): void {
  clients.push({ spec: { key, board }, client, sent: 0, received: 0, seen: new Set() });
}

async function handle(command: Command): Promise<Reply> {
  switch (command.type) {
    case "open":
      return open(command.clients, command.timeoutMs);
    case "send":
      return send(command.rate, command.durationMs);
    case "drain":
      return drain(command.sentTo, command.timeoutMs);
    case "fill": {
      const client = openClient(command.board);
      track("filler", command.board, client);
      await within(client.synced, command.timeoutMs, "filler's first sync");
      const witness = openClient(command.board);
      track("witness", command.board, witness);
      await within(witness.synced, command.timeoutMs, "witness's first sync");
      const notes = fillBoard(client.doc, command.content);
      // Done once another client holds every note: the server has them all (Journeyboard: stored them).
      const deadline = clockMs() + command.timeoutMs;
      while (notesOn(witness.doc) < notes) {
        if (clockMs() > deadline) throw new Error(`the witness got ${notesOn(witness.doc)} of ${notes} notes`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { type: "filled", notes, bytes: Y.encodeStateAsUpdate(client.doc).length };
    }
    case "join": {
      const start = clockMs();
      const client = openClient(command.board);
      track("joiner", command.board, client);
      await within(client.synced, command.timeoutMs, "newcomer's first sync");
      const firstSyncMs = clockMs() - start;
      const notesAtSync = notesOn(client.doc);
      // A server may answer the first sync before its stored document is loaded, and send it later.
      const deadline = start + command.timeoutMs;
      while (notesOn(client.doc) < command.notes && clockMs() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const allNotesMs = notesOn(client.doc) >= command.notes ? clockMs() - start : Number.NaN;
      return { type: "joined", firstSyncMs, notesAtSync, allNotesMs };
    }
    case "closeAll":
      for (const { client } of clients) client.destroy();
      clients = [];
      latencies = [];
      return { type: "closed" };
  }
}

process.on("message", (command: Command) => {
  handle(command).then(reply, (error: unknown) =>
    reply({ type: "failed", reason: error instanceof Error ? error.message : String(error) }),
  );
});
