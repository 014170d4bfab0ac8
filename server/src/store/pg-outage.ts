import { type Logger, reasonOf } from "../log.js";

/**
 * The PostgreSQL store's writes while the database is out: a write that fails because PostgreSQL cannot
 * be reached (or is shutting down, or out of space) closes the gate, and every later write is refused
 * until a probe write, every `retrySeconds`, succeeds. Reads are not gated: they fail or succeed alone.
 */
export class WriteGate {
  private failed: unknown;
  private failedAt = 0;
  private retry: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly log: Logger,
    private readonly retrySeconds: number,
  ) {}

  /** Why writes are refused now, or undefined when they are taken. */
  failure(): string | undefined {
    return this.failed === undefined ? undefined : outageReason(this.failed);
  }

  /** Runs a write, unless the database failed one and has not answered a probe since. */
  async write<T>(operation: () => Promise<T>): Promise<T> {
    if (this.failed !== undefined) {
      throw new Error("the store takes no writes until PostgreSQL answers again", { cause: this.failed });
    }
    try {
      return await operation();
    } catch (error) {
      if (isOutage(error)) this.fail(error);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.recovering;
  }

  private fail(error: unknown): void {
    if (this.closed || this.failed !== undefined) return;
    this.failed = error;
    this.failedAt = Date.now();
    this.log.error("store failed", { reason: outageReason(error), retrySeconds: this.retrySeconds });
    this.scheduleRecovery();
  }

  private scheduleRecovery(): void {
    this.retry = setTimeout(() => {
      this.recovering = this.recover().finally(() => {
        this.recovering = undefined;
      });
    }, this.retrySeconds * 1000);
    this.retry.unref();
  }

  private async recover(): Promise<void> {
    try {
      await this.probe();
      this.failed = undefined;
      this.log.info("store recovered", { seconds: Math.round((Date.now() - this.failedAt) / 1000) });
    } catch (error) {
      this.failed = error;
      this.log.debug("store still failing", { reason: outageReason(error) });
      if (!this.closed) this.scheduleRecovery();
    }
  }
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
