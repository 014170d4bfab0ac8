/** What the coordinator and its client worker processes say to each other (over the fork IPC channel). */

/** How a client reaches one board: Hocuspocus 2+ speaks its own multiplexed protocol, the rest y-websocket's. */
export type ClientKind = "y-websocket" | "hocuspocus";

export interface BoardAddress {
  kind: ClientKind;
  /** ws://host:port of the server. */
  serverUrl: string;
  /** The board's room (Journeyboard: the board id). */
  room: string;
  /** Query parameters of the connection (Journeyboard: the link's token). */
  params: Record<string, string>;
}

export interface ClientSpec {
  key: string;
  board: BoardAddress;
}

/** A stored board to make: notes of `textBytes` of text each. */
export interface BoardContent {
  notes: number;
  textBytes: number;
  seed: number;
}

export type Command =
  | { type: "open"; clients: ClientSpec[]; timeoutMs: number }
  | { type: "send"; rate: number; durationMs: number }
  | { type: "drain"; sentTo: Record<string, number>; timeoutMs: number }
  | { type: "fill"; board: BoardAddress; content: BoardContent; timeoutMs: number }
  | { type: "join"; board: BoardAddress; notes: number; timeoutMs: number }
  | { type: "closeAll" };

export type Reply =
  | { type: "opened"; failed: number }
  | { type: "sent"; sentTo: Record<string, number>; sent: number; cpuMs: number }
  | { type: "drained"; latencies: number[]; delivered: number; lost: number; unexpected: number }
  | { type: "filled"; notes: number; bytes: number }
  | { type: "joined"; firstSyncMs: number; notesAtSync: number; allNotesMs: number }
  | { type: "closed" }
  | { type: "failed"; reason: string };

/**
 * One clock for every process: CLOCK_MONOTONIC (process.hrtime) is system-wide on Linux, so a send
 * time read in one worker can be subtracted from a receive time read in another.
 */
export function clockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
