import { afterEach, describe, expect, it, vi } from "vitest";
import { CloseCode, jitteredReconnect, RECONNECT, reconnectDelay } from "../src/index.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("reconnectDelay", () => {
  it("waits a random time up to a ceiling that doubles with each failed attempt, capped", () => {
    expect(reconnectDelay(1, () => 1)).toBe(RECONNECT.baseMs);
    expect(reconnectDelay(3, () => 1)).toBe(RECONNECT.baseMs * 4);
    expect(reconnectDelay(30, () => 1)).toBe(RECONNECT.maxMs);
    expect(reconnectDelay(3, () => 0)).toBe(0);
  });

  it("spreads clients out: a thousand clients after a restart do not come back in the same instant", () => {
    const delays = Array.from({ length: 1000 }, () => reconnectDelay(1));
    const buckets = new Set(delays.map((d) => Math.floor(d / 25)));
    expect(buckets.size).toBeGreaterThanOrEqual(9);
    expect(Math.max(...delays)).toBeLessThanOrEqual(RECONNECT.baseMs);
  });
});

describe("jitteredReconnect", () => {
  it("reconnects after the jittered delay, never for a final close, and not once cancelled", () => {
    vi.useFakeTimers();
    const provider = {
      connects: 0,
      wsUnsuccessfulReconnects: 2,
      connect() {
        this.connects++;
      },
    };
    const policy = jitteredReconnect(
      () => provider,
      () => 0.5,
    );
    expect(policy.shouldReconnect({ code: 1006 })).toBe(false);
    vi.advanceTimersByTime(RECONNECT.baseMs - 1);
    expect(provider.connects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(provider.connects).toBe(1);
    policy.shouldReconnect({ code: CloseCode.tokenRevoked });
    vi.advanceTimersByTime(RECONNECT.maxMs);
    expect(provider.connects).toBe(1);
    policy.shouldReconnect({ code: CloseCode.shuttingDown });
    policy.cancel();
    vi.advanceTimersByTime(RECONNECT.maxMs);
    expect(provider.connects).toBe(1);
  });
});
