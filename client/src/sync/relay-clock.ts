import { type ClockSample, relayOffset } from "@journeyboard/shared";
import { useEffect, useState } from "react";

/** Exchanges per estimate: the one with the shortest round trip is kept. */
const SAMPLES = 5;
/** How often the estimate is renewed: a monotonic clock drifts a little, and a sleeping machine may stop it. */
const RESYNC_MS = 60_000;

/**
 * The relay's clock as this browser knows it: an offset from the monotonic clock (performance.now()),
 * measured by asking the relay its time. The browser's own wall clock is never read, so one that is
 * minutes off, or jumps, shows the same countdown as everyone else's.
 */
class RelayClock {
  private offset: number | null = null;
  private readonly listeners = new Set<() => void>();
  private users = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private syncing = false;

  /** The relay's time now, or null until the first estimate is in. */
  now(): number | null {
    return this.offset === null ? null : performance.now() + this.offset;
  }

  /** Keeps the estimate fresh while anyone uses it; `onChange` hears each new estimate. */
  use(onChange: () => void): () => void {
    this.listeners.add(onChange);
    if (this.users++ === 0) {
      void this.sync();
      this.timer = setInterval(() => void this.sync(), RESYNC_MS);
      addEventListener("online", this.resync);
      document.addEventListener("visibilitychange", this.resync);
    }
    return () => {
      this.listeners.delete(onChange);
      if (--this.users > 0) return;
      clearInterval(this.timer);
      removeEventListener("online", this.resync);
      document.removeEventListener("visibilitychange", this.resync);
    };
  }

  private readonly resync = () => {
    if (document.visibilityState === "visible") void this.sync();
  };

  private async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const samples: ClockSample[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const sentAt = performance.now();
        const response = await fetch("/api/time", { cache: "no-store" });
        const { now } = (await response.json()) as { now: number };
        samples.push({ sentAt, relayNow: now, receivedAt: performance.now() });
      }
      const estimate = relayOffset(samples);
      if (estimate) {
        this.offset = estimate.offset;
        for (const listener of this.listeners) listener();
      }
    } catch {
      // Offline: the last estimate stands, and the next resync (or coming back online) renews it.
    } finally {
      this.syncing = false;
    }
  }
}

export const relayClock = new RelayClock();

/** How often a running clock is redrawn: well within the 250 ms participants may differ by. */
const TICK_MS = 100;

/** The relay's time now, redrawn every tick while `ticking`; null until this browser knows the relay's clock. */
export function useRelayNow(ticking: boolean): number | null {
  const [, redraw] = useState(0);
  useEffect(() => relayClock.use(() => redraw((n) => n + 1)), []);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => redraw((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, [ticking]);
  return relayClock.now();
}
