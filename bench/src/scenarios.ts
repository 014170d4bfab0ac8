import type { WorkerPool } from "./pool.js";
import { cpuMs, rssBytes, settledRss, writeCalls } from "./proc.js";
import type { BoardAddress, ClientSpec, Reply } from "./protocol.js";
import type { RunningServer } from "./servers.js";
import { maxOf, percentile } from "./stats.js";

/** One measured load: `boards` boards with `clientsPerBoard` clients each sending `rate` updates a second. */
export interface Load {
  boards: number;
  clientsPerBoard: number;
  rate: number;
  durationMs: number;
}

export interface LoadResult {
  sent: number;
  delivered: number;
  lost: number;
  /** Deliveries of a client's own update, or of one it already had: a broken measurement if not 0. */
  unexpected: number;
  /** Clients that did not finish their first sync in time (they still count as receivers: their deliveries are lost). */
  failedToSync: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  deliveriesPerSecond: number;
  /** Server CPU over the sending time, in percent of one core. */
  serverCpu: number;
  /**
   * The client workers' CPU over the sending time, in percent of one core: near the machine's cores
   * (or sent well below rate × duration), the clients, not the server, set the latencies.
   */
  clientCpu: number;
  serverRssMb: number;
  /** The server's write system calls per delivery, while sending and draining (below 1: messages batched). */
  writesPerDelivery: number;
  latencies?: number[];
}

/** How long the deliveries of the last updates sent may take before they count as lost. */
const DRAIN_MS = 10_000;
const SYNC_TIMEOUT_MS = 60_000;

export async function boardsOn(server: RunningServer, count: number): Promise<BoardAddress[]> {
  const boards: BoardAddress[] = [];
  for (let i = 0; i < count; i++) boards.push(await server.board());
  return boards;
}

export function clientsOf(boards: BoardAddress[], perBoard: number, prefix = "c"): ClientSpec[] {
  return boards.flatMap((board, b) =>
    Array.from({ length: perBoard }, (_, c) => ({ key: `${prefix}${b}.${c}`, board })),
  );
}

/** Sends for a while and waits for the deliveries, measuring nothing. */
async function exchange(pool: WorkerPool, rate: number, durationMs: number): Promise<void> {
  const { sentTo } = totals(await pool.all(() => ({ type: "send", rate, durationMs })));
  await pool.all(() => ({ type: "drain", sentTo, timeoutMs: DRAIN_MS }));
}

/** What the workers sent, in all and to each board. */
function totals(replies: Reply[]): { sent: number; sentTo: Record<string, number>; cpuMs: number } {
  const sentTo: Record<string, number> = {};
  let sent = 0;
  let cpuMs = 0;
  for (const reply of replies) {
    if (reply.type !== "sent") continue;
    sent += reply.sent;
    cpuMs += reply.cpuMs;
    for (const [room, count] of Object.entries(reply.sentTo)) sentTo[room] = (sentTo[room] ?? 0) + count;
  }
  return { sent, sentTo, cpuMs };
}

/** Runs a load against a running server: every client measures every delivery it receives. */
export async function runLoad(server: RunningServer, pool: WorkerPool, load: Load, keep = false): Promise<LoadResult> {
  const boards = await boardsOn(server, load.boards);
  const failedToSync = await pool.open(clientsOf(boards, load.clientsPerBoard), SYNC_TIMEOUT_MS);
  try {
    // A warm-up first, left out of the figures: every server starts cold, its code not yet optimised.
    await exchange(pool, load.rate, Math.min(1000, load.durationMs / 4));
    const cpuBefore = await cpuMs(server.pid);
    const writesBefore = await writeCalls(server.pid);
    const started = performance.now();
    const sentReplies = await pool.all(() => ({ type: "send", rate: load.rate, durationMs: load.durationMs }));
    const elapsed = performance.now() - started;
    const cpu = ((await cpuMs(server.pid)) - cpuBefore) / elapsed;
    const rss = await rssBytes(server.pid);
    const { sent, sentTo, cpuMs: clientCpuMs } = totals(sentReplies);
    const drained = await pool.all(() => ({ type: "drain", sentTo, timeoutMs: DRAIN_MS }));
    const writes = (await writeCalls(server.pid)) - writesBefore;
    const latencies = drained.flatMap((reply: Reply) => (reply.type === "drained" ? reply.latencies : []));
    const sum = (field: "delivered" | "lost" | "unexpected") =>
      drained.reduce((total, reply) => total + (reply.type === "drained" ? reply[field] : 0), 0);
    return {
      sent,
      delivered: sum("delivered"),
      lost: sum("lost"),
      unexpected: sum("unexpected"),
      failedToSync,
      min: percentile(latencies, 0),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: maxOf(latencies),
      deliveriesPerSecond: (sum("delivered") * 1000) / load.durationMs,
      serverCpu: cpu * 100,
      clientCpu: (clientCpuMs / elapsed) * 100,
      serverRssMb: rss / 2 ** 20,
      writesPerDelivery: writes / Math.max(1, sum("delivered")),
      ...(keep ? { latencies } : {}),
    };
  } finally {
    await pool.closeAll();
  }
}

export interface SaturationResult {
  /** The highest rate per client tried whose p99 stayed within the bound (0: none). */
  rate: number;
  deliveriesPerSecond: number;
  p99AtRate: number;
  /** Each rate tried, with its p99. */
  steps: { rate: number; p99: number; lost: number }[];
}

/** Raises the rate per client step by step until p99 passes `boundMs` (or deliveries are lost). */
export async function saturation(
  server: RunningServer,
  pool: WorkerPool,
  clients: number,
  rates: readonly number[],
  durationMs: number,
  boundMs: number,
): Promise<SaturationResult> {
  const result: SaturationResult = { rate: 0, deliveriesPerSecond: 0, p99AtRate: Number.NaN, steps: [] };
  for (const rate of rates) {
    const step = await runLoad(server, pool, { boards: 1, clientsPerBoard: clients, rate, durationMs });
    result.steps.push({ rate, p99: step.p99, lost: step.lost });
    if (!(step.p99 <= boundMs) || step.lost > 0) break;
    result.rate = rate;
    result.deliveriesPerSecond = step.deliveriesPerSecond;
    result.p99AtRate = step.p99;
  }
  return result;
}

export interface IdleMemoryResult {
  /** Resident memory added per connection and per board, in KB. */
  perConnectionKb: number;
  perBoardKb: number;
  baseRssMb: number;
  failedToSync: number;
}

/**
 * Idle memory: one connection on each board, then the rest; the second step gives the cost of a
 * connection, the first that of a board (less its one connection).
 */
export async function idleMemory(
  server: RunningServer,
  pool: WorkerPool,
  boardCount: number,
  perBoard: number,
): Promise<IdleMemoryResult> {
  const boards = await boardsOn(server, boardCount);
  const base = await settledRss(server.pid);
  let failedToSync = await pool.open(clientsOf(boards, 1, "first"), SYNC_TIMEOUT_MS);
  const withBoards = await settledRss(server.pid);
  failedToSync += await pool.open(clientsOf(boards, perBoard - 1, "more"), SYNC_TIMEOUT_MS);
  const withAll = await settledRss(server.pid);
  await pool.closeAll();
  const perConnection = (withAll - withBoards) / (boardCount * (perBoard - 1));
  const perBoard_ = (withBoards - base) / boardCount - perConnection;
  return {
    perConnectionKb: perConnection / 1024,
    perBoardKb: perBoard_ / 1024,
    baseRssMb: base / 2 ** 20,
    failedToSync,
  };
}
