import { fileURLToPath } from "node:url";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Everything the relay can be told, in one place; each has an environment variable and a default. */
export interface Config {
  /** Port of the app: HTTP API, built client and WebSocket relay. `0` picks a free port. */
  port: number;
  host: string;
  /** Where boards are stored (LevelDB). */
  dataDir: string;
  logLevel: LogLevel;
  /** Largest WebSocket frame accepted; bigger frames close the connection (ws answers 1009). */
  maxFrameBytes: number;
  /** Stored updates of a board after which they are compacted into one snapshot. */
  compactEvery: number;
  /** Seconds between pings; a connection that missed a pong by the next one is dropped. */
  pingSeconds: number;
  /** The built client to serve; absent in tests of the relay alone. */
  clientDir: string;
}

const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${env.LOG_LEVEL}"`);
  }
  return {
    port: integer(env, "PORT", 8080, 0, 65535),
    host: env.HOST ?? "127.0.0.1",
    dataDir: env.DATA_DIR ?? "data",
    logLevel: logLevel as LogLevel,
    maxFrameBytes: integer(env, "MAX_FRAME_BYTES", 8 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    compactEvery: integer(env, "COMPACT_EVERY", 500, 1, 1_000_000),
    pingSeconds: integer(env, "PING_SECONDS", 30, 1, 3600),
    clientDir: env.CLIENT_DIR ?? fileURLToPath(new URL("../../client/dist", import.meta.url)),
  };
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
