import { afterEach, describe, expect, it, vi } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { CURSOR_INTERVAL_MS, cursorSender, PARTICIPANT_COLORS, pickColor } from "../src/sync/presence.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("cursorSender", () => {
  it("sends at most about 30 cursors a second, always ending on the latest position", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const awareness = new Awareness(new Y.Doc());
    const sent: unknown[] = [];
    awareness.on("change", () => sent.push(awareness.getLocalState()?.cursor));
    const send = cursorSender(awareness);
    // A pointer moving every 4 ms for one second: 250 positions.
    for (let i = 0; i < 250; i++) {
      send({ x: i, y: i * 2 });
      vi.advanceTimersByTime(4);
    }
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    expect(sent.length).toBeGreaterThanOrEqual(25);
    expect(sent.length).toBeLessThanOrEqual(32);
    expect(sent.at(-1)).toEqual({ x: 249, y: 498 });
    awareness.destroy();
  });

  it("rounds positions and sends null when the pointer leaves", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    vi.advanceTimersByTime(1000);
    const awareness = new Awareness(new Y.Doc());
    const send = cursorSender(awareness);
    send({ x: 1.4, y: 2.6 });
    expect(awareness.getLocalState()?.cursor).toEqual({ x: 1, y: 3 });
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    send(null);
    expect(awareness.getLocalState()?.cursor).toBeNull();
    awareness.destroy();
  });
});

describe("pickColor", () => {
  it("never picks a color someone present is using while one is free", () => {
    const taken = new Set(PARTICIPANT_COLORS.slice(0, 11));
    expect(pickColor(taken, 12345)).toBe(PARTICIPANT_COLORS[11]);
    expect(PARTICIPANT_COLORS).toContain(pickColor(new Set(PARTICIPANT_COLORS), 7));
  });
});
