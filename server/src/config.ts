import { fileURLToPath } from "node:url";
import { MAX_UPDATE_ITEMS } from "@journeyboard/shared";
import { type Machine, machine } from "./machine.js";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Everything the relay can be told, in one place; each has an environment variable and a default. */
export interface Config {
  /** Port of the app: HTTP API, built client and WebSocket relay. `0` picks a free port. */
  port: number;
  host: string;
  /** Where boards are stored (LevelDB), unless `databaseUrl` is set. */
  dataDir: string;
  /** A PostgreSQL connection string: boards are stored there instead, shared by every process given it. */
  databaseUrl: string | undefined;
  /** A Redis URL: relay processes sharing `databaseUrl` see each other's edits, presence and revocations live. */
  redisUrl: string | undefined;
  logLevel: LogLevel;
  /** Largest WebSocket frame accepted; bigger frames close the connection (ws answers 1009). */
  maxFrameBytes: number;
  /** Stored updates of a board after which they are compacted into one snapshot. */
  compactEvery: number;
  /** Seconds between pings; a connection that missed a pong by the next one is dropped. */
  pingSeconds: number;
  /** The built client to serve; absent in tests of the relay alone. */
  clientDir: string;
  /** Signs share links; generated into the data directory when neither it nor `secretFile` is given. */
  secret: string | undefined;
  /** A file holding the link key as the data directory's secret.key does (base64), instead of `secret`. */
  secretFile: string | undefined;
  /** Origins whose pages may open WebSockets; null: the page's own origin (the Host it asked). */
  allowedOrigins: string[] | null;
  /** Bearer token for /metrics; without one, /metrics answers loopback requests only. */
  metricsToken: string | undefined;
  /**
   * Reverse proxies in front of the relay that append to X-Forwarded-For; per-address limits count the
   * address the outermost of them saw. 0: none, the socket's address counts.
   */
  trustedProxyHops: number;
  /**
   * Starts with a link key that does not match the one the stored boards were made with, and records
   * it as theirs (ROTATE_SECRET): every earlier link stops working.
   */
  rotateSecret: boolean;
  /** Rebuilds the board store from its files (LevelDB's repair) before opening it (REPAIR_DATA). */
  repairData: boolean;
  /** Seconds between attempts to reopen the store after a write failed (a full disk, say). */
  storeRetrySeconds: number;
  /** Whether each write is forced to disk (fsync) before it counts as stored (STORE_FSYNC). */
  storeFsync: boolean;
  limits: Limits;
  http: HttpLimits;
}

/** What one client may cost the HTTP side: time to send a request, sockets held, boards created. */
export interface HttpLimits {
  /** Time from connecting (or from the last answer) to a request's whole headers; then 408 and closed. */
  headersTimeoutSeconds: number;
  /** Time to send a whole request, body included, and the longest a socket may sit with nothing moving. */
  requestTimeoutSeconds: number;
  /** How long a socket may stay open, idle, between two requests. */
  keepAliveSeconds: number;
  /** TCP sockets open at once (HTTP and WebSocket); kept below the process's open-file limit. */
  maxSockets: number;
  /** TCP sockets open at once from one address (not applied behind a trusted proxy: all come from it). */
  maxSocketsPerAddress: number;
  /** Boards created per minute from one address, in bursts of up to this many. */
  boardsPerMinutePerAddress: number;
  /** Boards created per minute by everyone. */
  boardsPerMinute: number;
  /** Dots one participant may place, remove or list per second (bursts of two seconds' worth). */
  dotsPerSecond: number;
  /** Private note actions (create, edit, delete, list) one participant may send per second (bursts of two seconds' worth). */
  privateNotesPerSecond: number;
  /** Largest Journeyboard file a new board is made from (POST /api/boards), in bytes. */
  maxImportBytes: number;
  /** Bodies over the plain limit (files being imported) read at once; each holds up to `maxImportBytes`. */
  maxImportsAtOnce: number;
}

/** Every limit the relay enforces; each one exceeded closes the connection with its own code. */
export interface Limits {
  /** A board's stored size (bytes since its last compaction plus its snapshot). */
  maxDocBytes: number;
  /** Messages a connection may send per second (bursts of two seconds' worth are allowed). */
  maxMessagesPerSecond: number;
  maxConnectionsPerBoard: number;
  maxConnectionsPerAddress: number;
  maxBoardsInMemory: number;
  /** Stored bytes of the documents in memory: a document being loaded counts as `maxDocBytes`. */
  maxLoadedBytes: number;
  /** The same, of the documents whose load an address's connections caused. */
  maxLoadedBytesPerAddress: number;
  /** Size of one presence (awareness) message. */
  maxPresenceBytes: number;
  maxPresencePerSecond: number;
  /** Presence (awareness) client ids one connection may introduce (more are dropped); others' it never changes. */
  maxPresenceClients: number;
  /** Structs in one document update. */
  maxUpdateItems: number;
  /** Shared types an update's items may lie within (the board's schema needs about 6). */
  maxUpdateDepth: number;
  /** Bytes waiting to be sent to one connection before it is told to resync. */
  maxBufferedBytes: number;
}

const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** Descriptors kept for everything but sockets: LevelDB's files, the client's files, the runtime's own. */
const DEFAULT_FILE_RESERVE = 256;
/** Sockets beyond the per-address WebSocket limit that one address may hold for its pages' HTTP requests. */
const HTTP_SOCKETS_PER_ADDRESS = 64;

export function readConfig(env: NodeJS.ProcessEnv = process.env, host: Machine = machine()): Config {
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${env.LOG_LEVEL}"`);
  }
  const limits = relayLimits(env, host);
  const databaseUrl = database(env);
  if (env.SECRET && env.SECRET_FILE) throw new Error("set SECRET or SECRET_FILE, not both");
  return {
    port: integer(env, "PORT", 8080, 0, 65535),
    host: env.HOST ?? "127.0.0.1",
    dataDir: env.DATA_DIR ?? "data",
    databaseUrl,
    redisUrl: redis(env, databaseUrl),
    logLevel: logLevel as LogLevel,
    maxFrameBytes: integer(env, "MAX_FRAME_BYTES", 8 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    compactEvery: integer(env, "COMPACT_EVERY", 500, 1, 1_000_000),
    pingSeconds: integer(env, "PING_SECONDS", 30, 1, 3600),
    clientDir: env.CLIENT_DIR ?? fileURLToPath(new URL("../../client/dist", import.meta.url)),
    secret: env.SECRET || undefined,
    secretFile: env.SECRET_FILE || undefined,
    allowedOrigins: env.ALLOWED_ORIGINS ? env.ALLOWED_ORIGINS.split(",").map((o) => o.trim()) : null,
    metricsToken: env.METRICS_TOKEN || undefined,
    // "true" was the switch before hops were counted: one proxy in front.
    trustedProxyHops: env.TRUST_PROXY === "true" ? 1 : integer(env, "TRUST_PROXY", 0, 0, 10),
    rotateSecret: flag(env, "ROTATE_SECRET"),
    repairData: flag(env, "REPAIR_DATA"),
    storeRetrySeconds: integer(env, "STORE_RETRY_SECONDS", 2, 1, 300),
    storeFsync: flag(env, "STORE_FSYNC"),
    limits,
    http: httpLimits(env, host, limits),
  };
}

function relayLimits(env: NodeJS.ProcessEnv, host: Machine): Limits {
  const maxDocBytes = integer(env, "MAX_DOC_BYTES", 64 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024);
  // Loaded documents live on the JavaScript heap, at about 1.6 times their stored size: a quarter of
  // the heap leaves room for that and for the sync answers encoded from them.
  const maxLoadedBytes = integer(env, "MAX_LOADED_BYTES", Math.floor(host.heapBytes / 4), 1024, 2 ** 40);
  return {
    maxDocBytes,
    maxMessagesPerSecond: integer(env, "MAX_MESSAGES_PER_SECOND", 300, 1, 1_000_000),
    maxConnectionsPerBoard: integer(env, "MAX_CONNECTIONS_PER_BOARD", 250, 1, 1_000_000),
    maxConnectionsPerAddress: integer(env, "MAX_CONNECTIONS_PER_ADDRESS", 200, 1, 1_000_000),
    maxBoardsInMemory: integer(env, "MAX_BOARDS_IN_MEMORY", 2000, 1, 1_000_000),
    maxLoadedBytes,
    maxLoadedBytesPerAddress: integer(
      env,
      "MAX_LOADED_BYTES_PER_ADDRESS",
      Math.min(256 * 1024 * 1024, maxLoadedBytes),
      1024,
      maxLoadedBytes,
    ),
    maxPresenceBytes: integer(env, "MAX_PRESENCE_BYTES", 8 * 1024, 64, 16 * 1024 * 1024),
    maxPresencePerSecond: integer(env, "MAX_PRESENCE_PER_SECOND", 60, 1, 1_000_000),
    maxBufferedBytes: integer(env, "MAX_BUFFERED_BYTES", 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxPresenceClients: integer(env, "MAX_PRESENCE_CLIENTS", 4, 1, 1000),
    maxUpdateItems: integer(env, "MAX_UPDATE_ITEMS", MAX_UPDATE_ITEMS, 1000, 10_000_000),
    maxUpdateDepth: integer(env, "MAX_UPDATE_DEPTH", 32, 8, 1000),
  };
}

function httpLimits(env: NodeJS.ProcessEnv, host: Machine, relay: Limits): HttpLimits {
  const headersTimeoutSeconds = integer(env, "HEADERS_TIMEOUT_SECONDS", 10, 1, 3600);
  const reserve = integer(env, "FILE_RESERVE", DEFAULT_FILE_RESERVE, 16, 1_000_000);
  // Without a known open-file limit (not Linux, or unlimited) the sockets are bounded by the default alone.
  const socketRoom = host.openFiles === undefined ? 1_000_000 : host.openFiles - reserve;
  if (socketRoom < 16) {
    throw new Error(
      `the open-file limit (ulimit -n) is ${host.openFiles}, which leaves no room for connections beside ` +
        `the FILE_RESERVE of ${reserve}: raise the limit or lower FILE_RESERVE`,
    );
  }
  const maxSockets = integer(env, "MAX_SOCKETS", Math.min(16_384, socketRoom), 16, socketRoom);
  return {
    headersTimeoutSeconds,
    requestTimeoutSeconds: integer(env, "REQUEST_TIMEOUT_SECONDS", 30, headersTimeoutSeconds, 3600),
    keepAliveSeconds: integer(env, "KEEP_ALIVE_SECONDS", 5, 1, 3600),
    maxSockets,
    maxSocketsPerAddress: integer(
      env,
      "MAX_SOCKETS_PER_ADDRESS",
      Math.min(maxSockets, relay.maxConnectionsPerAddress + HTTP_SOCKETS_PER_ADDRESS),
      1,
      maxSockets,
    ),
    boardsPerMinutePerAddress: integer(env, "MAX_BOARDS_CREATED_PER_MINUTE_PER_ADDRESS", 30, 1, 1_000_000),
    boardsPerMinute: integer(env, "MAX_BOARDS_CREATED_PER_MINUTE", 600, 1, 1_000_000),
    dotsPerSecond: integer(env, "MAX_DOTS_PER_SECOND", 10, 1, 1000),
    privateNotesPerSecond: integer(env, "MAX_PRIVATE_NOTE_ACTIONS_PER_SECOND", 10, 1, 1000),
    // A file's text is read whole before it is checked: FILE_LIMITS.chars is the most that is ever useful.
    maxImportBytes: integer(env, "MAX_IMPORT_BYTES", 16 * 1024 * 1024, 4096, 64 * 1024 * 1024),
    maxImportsAtOnce: integer(env, "MAX_IMPORTS_AT_ONCE", 4, 1, 1000),
  };
}

/** DATABASE_URL, checked: a PostgreSQL URL, with the link key from SECRET (no data directory holds one). */
function database(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.DATABASE_URL || undefined;
  if (url === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error(
      "DATABASE_URL must be a PostgreSQL connection string (postgresql://user:password@host:port/database)",
    );
  }
  if (protocol !== "postgresql:" && protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must start with postgresql://, not ${protocol}//`);
  }
  if (!env.SECRET && !env.SECRET_FILE) {
    throw new Error(
      "DATABASE_URL is set, so the key that signs links must come from SECRET or SECRET_FILE (the same on every " +
        "process): set one",
    );
  }
  if (flag(env, "REPAIR_DATA"))
    throw new Error("REPAIR_DATA repairs the data directory's LevelDB, unused with DATABASE_URL");
  return url;
}

/** REDIS_URL, checked: a Redis URL, only beside DATABASE_URL (processes share boards through PostgreSQL). */
function redis(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): string | undefined {
  const url = env.REDIS_URL || undefined;
  if (url === undefined) return undefined;
  if (databaseUrl === undefined) {
    throw new Error(
      "REDIS_URL is set without DATABASE_URL: processes that share boards store them in PostgreSQL, set DATABASE_URL too",
    );
  }
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error("REDIS_URL must be a Redis URL (redis://[:password@]host:port or rediss:// for TLS)");
  }
  if (protocol !== "redis:" && protocol !== "rediss:") {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, not ${protocol}//`);
  }
  return url;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "" || raw === "0") return false;
  if (raw === "1") return true;
  throw new Error(`${name} must be 1 or 0, not "${raw}"`);
}
