import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ClockSample,
  extendTimer,
  formatRemaining,
  parseTimerAction,
  pauseTimer,
  readTimers,
  relayOffset,
  remainingAt,
  resumeTimer,
  startTimer,
  type Timer,
  writeTimer,
} from "../src/index.js";

const RELAY_START = 1_700_000_000_000;

/**
 * A browser whose wall clock is `skewMs` off the relay's and whose monotonic clock started at some
 * arbitrary point: what it would measure asking the relay's time with a round trip of `roundTripMs`,
 * half of it on each leg (`extraOutMs` more on the way out).
 */
function sampleAt(relayNow: number, monotonicAtRelayNow: number, roundTripMs: number, extraOutMs = 0): ClockSample {
  return {
    sentAt: monotonicAtRelayNow - roundTripMs / 2 - extraOutMs,
    relayNow,
    receivedAt: monotonicAtRelayNow + roundTripMs / 2,
  };
}

describe("the timer", () => {
  it("counts down in the relay's clock, pauses, resumes and goes into overtime", () => {
    let timer: Timer = startTimer("t1", RELAY_START, "step", 300_000, "Write pain points");
    expect(remainingAt(timer, RELAY_START + 60_000)).toBe(240_000);
    timer = pauseTimer(timer, RELAY_START + 60_000);
    expect(timer.status).toBe("paused");
    // Paused, it holds whatever time passes.
    expect(remainingAt(timer, RELAY_START + 600_000)).toBe(240_000);
    expect(pauseTimer(timer, RELAY_START + 700_000)).toBe(timer);
    timer = resumeTimer(timer, RELAY_START + 600_000);
    expect(remainingAt(timer, RELAY_START + 600_000)).toBe(240_000);
    expect(remainingAt(timer, RELAY_START + 840_000)).toBe(0);
    expect(remainingAt(timer, RELAY_START + 852_000)).toBe(-12_000);
    // Paused in overtime, it keeps how far over it was.
    expect(remainingAt(pauseTimer(timer, RELAY_START + 852_000), RELAY_START + 999_000)).toBe(-12_000);
  });

  it("extends by the time added, and from zero when already in overtime", () => {
    const timer = startTimer("t1", RELAY_START, "session", 120_000, "");
    const running = extendTimer(timer, RELAY_START + 30_000, 60_000);
    expect(remainingAt(running, RELAY_START + 30_000)).toBe(150_000);
    expect(running.durationMs).toBe(180_000);
    const paused = extendTimer(pauseTimer(timer, RELAY_START + 30_000), RELAY_START + 50_000, 300_000);
    expect(remainingAt(paused, RELAY_START + 90_000)).toBe(390_000);
    const over = extendTimer(timer, RELAY_START + 150_000, 60_000);
    expect(remainingAt(over, RELAY_START + 150_000)).toBe(60_000);
  });

  it("shows minutes and seconds counting down, rounded up, and overtime with a plus", () => {
    expect(formatRemaining(300_000)).toBe("5:00");
    expect(formatRemaining(299_001)).toBe("5:00");
    expect(formatRemaining(299_000)).toBe("4:59");
    expect(formatRemaining(1)).toBe("0:01");
    expect(formatRemaining(0)).toBe("+0:00");
    expect(formatRemaining(-12_500)).toBe("+0:12");
    expect(formatRemaining(3_723_000)).toBe("1:02:03");
  });

  it("shows the same remaining time in browsers whose clocks are off, from the least delayed sample", () => {
    const timer = startTimer("t1", RELAY_START, "step", 600_000, "");
    // Three browsers: on time, 90 s ahead, 90 s behind, each with its own monotonic origin. Their
    // wall clocks play no part: only the monotonic clock and the relay's answers do.
    const browsers = [
      { skewMs: 0, monotonicOrigin: 5_000 },
      { skewMs: 90_000, monotonicOrigin: 123_456 },
      { skewMs: -90_000, monotonicOrigin: 9 },
    ];
    const relayNow = RELAY_START + 10_000;
    const shown = browsers.map(({ monotonicOrigin }) => {
      const monotonic = (relayTime: number) => relayTime - RELAY_START + monotonicOrigin;
      // One sample delayed 400 ms on the way out only (a busy network), and quicker ones.
      const samples = [
        sampleAt(relayNow - 3_000, monotonic(relayNow - 3_000), 800, 400),
        sampleAt(relayNow - 2_000, monotonic(relayNow - 2_000), 40),
        sampleAt(relayNow - 1_000, monotonic(relayNow - 1_000), 6),
      ];
      const estimate = relayOffset(samples);
      if (!estimate) throw new Error("no estimate");
      expect(estimate.roundTripMs).toBe(6);
      return remainingAt(timer, monotonic(relayNow) + estimate.offset);
    });
    expect(shown).toEqual([590_000, 590_000, 590_000]);
  });

  it("takes the relay's answer as read halfway through the round trip, within half of it", () => {
    // 200 ms out and 0 ms back: the worst case for that sample is an error of half its round trip.
    const estimate = relayOffset([{ sentAt: 1000, relayNow: RELAY_START + 200, receivedAt: 1200 }]);
    expect(estimate?.offset).toBe(RELAY_START - 900);
    expect(Math.abs((estimate?.offset ?? 0) - (RELAY_START - 1000))).toBeLessThanOrEqual(100);
    expect(relayOffset([])).toBeNull();
    expect(relayOffset([{ sentAt: 10, relayNow: 1, receivedAt: 5 }])).toBeNull();
  });

  it("reads back what was written, clears on stop, and leaves malformed state unread", () => {
    const control = new Y.Doc();
    const step = startTimer("t1", RELAY_START, "step", 60_000, "Vote");
    writeTimer(control, "step", step, "relay");
    writeTimer(
      control,
      "session",
      pauseTimer(startTimer("t2", RELAY_START, "session", 3_600_000, ""), RELAY_START),
      "relay",
    );
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(control));
    expect(readTimers(peer).step).toEqual(step);
    expect(readTimers(peer).session?.status).toBe("paused");
    writeTimer(control, "session", null, "relay");
    expect(Object.keys(readTimers(control))).toEqual(["step"]);
    control.getMap("timer").set("step", { ...step, endsAt: "soon" });
    control.getMap("timer").set("session", { ...step, v: 2 });
    expect(readTimers(control)).toEqual({});
  });

  it("accepts only well-formed actions within bounds", () => {
    expect(parseTimerAction({ action: "start", scope: "step", durationMs: 300_000, label: "  Vote " })).toEqual({
      action: "start",
      scope: "step",
      durationMs: 300_000,
      label: "Vote",
    });
    expect(parseTimerAction({ action: "extend", scope: "session", byMs: 60_000 })).toEqual({
      action: "extend",
      scope: "session",
      byMs: 60_000,
    });
    expect(parseTimerAction({ action: "pause", scope: "step" })).toEqual({ action: "pause", scope: "step" });
    for (const bad of [
      { action: "start", scope: "step", durationMs: 13 * 3600_000 },
      { action: "start", scope: "step", durationMs: Number.NaN },
      { action: "start", scope: "step", durationMs: 1000, label: 5 },
      { action: "extend", scope: "step", byMs: -60_000 },
      { action: "pause", scope: "everything" },
      { action: "rewind", scope: "step" },
    ])
      expect(typeof parseTimerAction(bad)).toBe("string");
  });
});
