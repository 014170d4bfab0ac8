import { type Logger, reasonOf } from "../log.js";
import { WriteGate } from "./write-gate.js";

/**
 * The PostgreSQL store's write gate (write-gate.ts): a write that fails because PostgreSQL cannot be
 * reached (or is shutting down, or out of space) closes it; a write refused for its own statement does not.
 */
export function postgresWriteGate(probe: () => Promise<unknown>, log: Logger, retrySeconds: number): WriteGate {
  return new WriteGate({
    recover: probe,
    log,
    retrySeconds,
    refusal: "the store takes no writes until PostgreSQL answers again",
    isOutage,
    describe: outageReason,
  });
}

/**
 * Whether an error means the database takes no writes now (unreachable, shutting down, out of space),
 * rather than that this one write was wrong. SQLSTATE classes 22, 23, 40 and 42 are about the statement.
 */
function isOutage(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return !/^(22|23|40|42)/.test(code);
  return true;
}

function outageReason(error: unknown): string {
  return `PostgreSQL took no write: ${plainReason(error)}`;
}

/** An error in words (a connection refused at every address of a host is an AggregateError without a message). */
export function plainReason(error: unknown): string {
  return error instanceof AggregateError && error.message === ""
    ? error.errors.map((each: unknown) => reasonOf(each)).join("; ")
    : reasonOf(error);
}
