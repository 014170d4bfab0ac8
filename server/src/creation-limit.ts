import type { HttpLimits } from "./config.js";
import { RateLimit } from "./relay/rate.js";

export type CreationAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * How many boards may be created: a token bucket per address and one for everyone, each refilling over
 * a minute. An address's bucket is dropped once it has refilled (it is then the same as a new one), and
 * one is made only for a creation the shared bucket allows, so there are never more of them than
 * boards created in the last minutes.
 */
export class CreationLimit {
  private readonly total: RateLimit;
  private readonly perAddress = new Map<string, RateLimit>();
  private swept = performance.now();

  constructor(private readonly limits: Pick<HttpLimits, "boardsPerMinute" | "boardsPerMinutePerAddress">) {
    this.total = new RateLimit(limits.boardsPerMinute / 60, 60);
  }

  take(address: string, now = performance.now()): CreationAnswer {
    this.sweep(now);
    const everyone = this.total.wait(now);
    if (everyone > 0) return refused(everyone);
    const bucket = this.perAddress.get(address) ?? new RateLimit(this.limits.boardsPerMinutePerAddress / 60, 60, now);
    this.perAddress.set(address, bucket);
    if (!bucket.take(now)) return refused(bucket.wait(now));
    this.total.take(now);
    return { ok: true };
  }

  /** Addresses being tracked, for tests and metrics. */
  get addresses(): number {
    return this.perAddress.size;
  }

  private sweep(now: number): void {
    if (now - this.swept < 60_000) return;
    this.swept = now;
    for (const [address, bucket] of this.perAddress) if (bucket.full(now)) this.perAddress.delete(address);
  }
}

function refused(seconds: number): CreationAnswer {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
}
