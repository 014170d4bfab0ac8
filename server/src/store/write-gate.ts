import type { Logger } from "../log.js";

export interface WriteGateOptions {
  /** Tries to take writes again (a probe write, after reopening what needs it); throws while it cannot. */
  recover: () => Promise<unknown>;
  log: Logger;
  /** Seconds between attempts to recover. */
  retrySeconds: number;
  /** What a refused write says. */
  refusal: string;
  /** Whether a failed write means the store takes no writes now, not that this one write was wrong. */
  isOutage?: (error: unknown) => boolean;
  /** A failure in words, for `failure()` and the logs. */
  describe: (error: unknown) => string;
}

/**
 * A store's writes while it cannot take them: a write that fails (a full disk, a database out of
 * reach) closes the gate, and every later write is refused until `recover`, tried every
 * `retrySeconds`, succeeds. Reads are not gated: they fail or succeed alone.
 */
export class WriteGate {
  /** Why writes are refused: the first failed write, then each failed attempt to recover. */
  private failed: unknown;
  private failedAt = 0;
  private retry: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: WriteGateOptions) {}

  /** Why writes are refused now, or undefined when they are taken. */
  failure(): string | undefined {
    return this.failed === undefined ? undefined : this.options.describe(this.failed);
  }

  /** Runs a write, unless one failed and the store has not recovered since; a failure starts the recovery. */
  async write<T>(operation: () => Promise<T>): Promise<T> {
    if (this.failed !== undefined) throw new Error(this.options.refusal, { cause: this.failed });
    try {
      return await operation();
    } catch (error) {
      if (this.options.isOutage?.(error) ?? true) this.fail(error);
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
    const { log, retrySeconds, describe } = this.options;
    log.error("store failed", { reason: describe(error), retrySeconds });
    this.scheduleRecovery();
  }

  private scheduleRecovery(): void {
    this.retry = setTimeout(() => {
      this.recovering = this.recover().finally(() => {
        this.recovering = undefined;
      });
    }, this.options.retrySeconds * 1000);
    this.retry.unref();
  }

  private async recover(): Promise<void> {
    try {
      await this.options.recover();
      this.failed = undefined;
      this.options.log.info("store recovered", { seconds: Math.round((Date.now() - this.failedAt) / 1000) });
    } catch (error) {
      this.failed = error;
      this.options.log.debug("store still failing", { reason: this.options.describe(error) });
      if (!this.closed) this.scheduleRecovery();
    }
  }
}
