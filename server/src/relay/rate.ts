/** A token bucket: `perSecond` on average, with bursts of up to `burstSeconds` worth. */
export class RateLimit {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burstSeconds = 2,
    now = performance.now(),
  ) {
    this.tokens = perSecond * burstSeconds;
    this.last = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now = performance.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until a token can be taken (0: now). */
  wait(now = performance.now()): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perSecond;
  }

  /** Whether the bucket has refilled: it is then the same as a new one. */
  full(now = performance.now()): boolean {
    this.refill(now);
    return this.tokens >= this.perSecond * this.burstSeconds;
  }

  private refill(now: number): void {
    const capacity = this.perSecond * this.burstSeconds;
    this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
