import type { WorkerPool } from "./pool.js";
import type { BoardContent } from "./protocol.js";
import { boardsOn, clientsOf } from "./scenarios.js";
import type { RunningServer } from "./servers.js";
import { maxOf } from "./stats.js";

export interface ColdLoadResult {
  /** Stored size of the document (its state as one update), in MB. */
  docMb: number;
  firstSyncMs: number;
  /** Notes the newcomer held when its provider said it was synced. */
  notesAtSync: number;
  /** Time until the newcomer held every note written (NaN: never, within the time limit). */
  allNotesMs: number;
  notesWritten: number;
  /** Whether the server was restarted before the newcomer came (servers that persist), or kept it in memory. */
  cold: boolean;
  /** The longest delivery seen meanwhile on another board whose two clients send 50 updates a second. */
  otherBoardStallMs: number;
}

const WATCH_RATE = 50;
const STORE_GRACE_MS = 3000;
const TIMEOUT_MS = 120_000;

/**
 * A large board is written by a participant (until a second client holds all of it); a server that
 * persists is then restarted (as its own shutdown does, 3 s after they left), so the newcomer's first sync loads it from storage; an in-memory one keeps the writer
 * connected (its documents go when the last client leaves). Meanwhile two clients on another board keep
 * sending: the longest delivery they see is the stall the load caused them.
 */
export async function coldLoad(
  server: RunningServer,
  pool: WorkerPool,
  content: BoardContent,
): Promise<ColdLoadResult> {
  if (pool.size < 3) throw new Error("the cold load needs three client workers: writer, newcomer and watchers");
  const [big] = await boardsOn(server, 1);
  if (!big) throw new Error("no board");
  const filled = await pool.ask(0, { type: "fill", board: big, content, timeoutMs: TIMEOUT_MS });
  if (filled.type !== "filled") throw new Error("the board was not filled");
  if (server.spec.persists) {
    await pool.ask(0, { type: "closeAll" });
    // Stopped a while after the last client left, not at once: a server that stores on a debounce or on
    // unload (Hocuspocus, 2 s) is given its time, as a real restart would.
    await new Promise((resolve) => setTimeout(resolve, STORE_GRACE_MS));
    await server.restart();
  }
  try {
    const [other] = await boardsOn(server, 1);
    if (!other) throw new Error("no board");
    await pool.ask(1, { type: "open", clients: clientsOf([other], 2, "watch"), timeoutMs: TIMEOUT_MS });
    let joinDone = false;
    const joining = pool
      .ask(2, { type: "join", board: big, notes: filled.notes, timeoutMs: TIMEOUT_MS })
      .finally(() => {
        joinDone = true;
      });
    // Awaited after the watching rounds; handled now, so a failed join is not an unhandled rejection meanwhile.
    joining.catch(() => undefined);
    // Rounds of sending until the newcomer has synced, and one more: the stall may come at its end.
    const latencies: number[] = [];
    let roundsAfterJoin = 0;
    while (roundsAfterJoin < 1) {
      if (joinDone) roundsAfterJoin++;
      const sent = await pool.ask(1, { type: "send", rate: WATCH_RATE, durationMs: 500 });
      const sentTo = sent.type === "sent" ? sent.sentTo : {};
      const drained = await pool.ask(1, { type: "drain", sentTo, timeoutMs: TIMEOUT_MS });
      if (drained.type === "drained") latencies.push(...drained.latencies);
    }
    const joined = await joining;
    if (joined.type !== "joined") throw new Error("the newcomer did not join");
    return {
      docMb: filled.bytes / 2 ** 20,
      firstSyncMs: joined.firstSyncMs,
      notesAtSync: joined.notesAtSync,
      allNotesMs: joined.allNotesMs,
      notesWritten: filled.notes,
      cold: server.spec.persists,
      otherBoardStallMs: maxOf(latencies),
    };
  } finally {
    await pool.closeAll();
  }
}
