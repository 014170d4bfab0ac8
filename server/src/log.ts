import type { LogLevel } from "./config.js";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** One JSON line per event on stdout: `{"time","level","event",...fields}`. */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const emit = (at: LogLevel, event: string, fields: LogFields = {}) => {
    if (RANK[at] < RANK[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields }, errorToJson)}\n`);
  };
  return {
    debug: (event, fields) => emit("debug", event, fields),
    info: (event, fields) => emit("info", event, fields),
    warn: (event, fields) => emit("warn", event, fields),
    error: (event, fields) => emit("error", event, fields),
  };
}

/** An error's message followed by those of its causes: "Database failed to open: IO error: …". */
export function reasonOf(error: unknown): string {
  const parts: string[] = [];
  let next: unknown = error;
  // Bounded: a cause chain could loop.
  for (let depth = 0; next !== undefined && depth < 5; depth++) {
    parts.push(next instanceof Error ? next.message : String(next));
    next = next instanceof Error ? next.cause : undefined;
  }
  return parts.join(": ");
}

/** An error as JSON, with its code and cause (LevelDB's errors say what went wrong only in their cause). */
function errorToJson(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const { code } = value as { code?: unknown };
  return { name: value.name, message: value.message, code, cause: value.cause };
}
