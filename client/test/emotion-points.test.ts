import { LANE_HEADER_WIDTH } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import {
  axisX,
  dodge,
  drawOrder,
  HIT_RING_PX,
  hitRadius,
  NAME_LINE,
  nameHeights,
  POINT_RADIUS,
  pointTitle,
  scoreText,
} from "../src/canvas/emotion-points.js";
import { MIN_LANE_COLUMN_PX } from "../src/canvas/headers.js";
import { toScreen } from "../src/canvas/viewport.js";

const [ana, bo, cy] = [{ id: "ana" }, { id: "bo" }, { id: "cy" }];
const front = (order: { id: string }[]) => order.at(-1)?.id;

describe("whose point the pointer takes where curves overlap", () => {
  it("is the chosen segment's, whichever of the two overlapping segments is chosen", () => {
    // The canvas gives a press to the front-most point under the pointer: the one drawn last.
    expect(front(drawOrder([ana, bo], [], "bo"))).toBe("bo");
    expect(front(drawOrder([ana, bo], [], "ana"))).toBe("ana");
  });

  it("is the front-most visible segment's when none is chosen, or the chosen one is hidden or gone", () => {
    expect(drawOrder([ana, bo, cy], [], null)).toEqual([ana, bo, cy]);
    expect(front(drawOrder([ana, bo, cy], ["cy"], null))).toBe("bo");
    expect(front(drawOrder([ana, bo, cy], ["ana"], "ana"))).toBe("cy");
    expect(front(drawOrder([ana, bo], [], "deleted"))).toBe("bo");
  });

  it("keeps the others in the list's order behind the chosen one", () => {
    expect(drawOrder([ana, bo, cy], [], "ana")).toEqual([bo, cy, ana]);
  });
});

describe("segments' points at one stage", () => {
  it("stand side by side, centred on the stage, never on one another", () => {
    expect(dodge(0, 1, 360)).toBe(0);
    const three = [0, 1, 2].map((i) => dodge(i, 3, 360));
    expect(three).toEqual([-24, 0, 24]);
    expect(new Set([0, 1, 2, 3, 4, 5].map((i) => dodge(i, 6, 360))).size).toBe(6);
  });

  it("keep within a third of a narrow stage", () => {
    const many = [0, 1, 2, 3, 4, 5].map((i) => dodge(i, 6, 160));
    expect(Math.max(...many) - Math.min(...many)).toBeCloseTo(160 / 3);
  });
});

describe("a point's target", () => {
  it("is at least 24 px wide on screen at 60 % zoom, the hollow points included", () => {
    for (const radius of [POINT_RADIUS.scored, POINT_RADIUS.unscored]) {
      expect(2 * hitRadius(radius, 0.6) * 0.6).toBeGreaterThanOrEqual(24);
    }
  });

  it("adds the same ring on screen at any zoom", () => {
    for (const scale of [0.33, 1, 2]) {
      expect(2 * hitRadius(POINT_RADIUS.scored, scale) * scale).toBeCloseTo(
        2 * POINT_RADIUS.scored * scale + HIT_RING_PX,
      );
    }
  });
});

describe("a point's labels", () => {
  it("say the value with its sign and the scale's word", () => {
    expect(scoreText(-2)).toBe("−2 · frustrated");
    expect(scoreText(3)).toBe("+3 · delighted");
    expect(scoreText(0)).toBe("0 · neutral");
    expect([-3, -1, 1, 2].map(scoreText)).toEqual(["−3 · angry", "−1 · annoyed", "+1 · pleased", "+2 · happy"]);
  });

  it("say whose point it is on hover, scored or not", () => {
    expect(pointTitle("Returning customer", -2)).toBe("Returning customer · −2 · frustrated");
    expect(pointTitle("Typical customer", undefined)).toBe("Typical customer · not scored yet");
  });
});

describe("the scale's labels", () => {
  const inset = axisX({ x: 0, y: 0, scale: 1 }) - LANE_HEADER_WIDTH;

  it("sit just right of the lane headers at the left edge of the view, whatever the pan and zoom", () => {
    for (const view of [
      { x: -300, y: 0, scale: 1 },
      { x: -2000, y: -500, scale: 0.6 },
      { x: -900, y: 40, scale: 2 },
    ]) {
      const onScreen = toScreen(view, { x: axisX(view), y: 0 });
      // The lane column is at least MIN_LANE_COLUMN_PX wide on screen (wider than its place when zoomed out).
      const column = Math.max(LANE_HEADER_WIDTH * view.scale, MIN_LANE_COLUMN_PX);
      expect(onScreen.x).toBeCloseTo(column + inset * view.scale);
    }
  });

  it("stay beside the first stage while the map's left edge is in view", () => {
    expect(axisX({ x: 120, y: 0, scale: 0.5 })).toBe(LANE_HEADER_WIDTH + inset);
  });
});

describe("the curves' names", () => {
  it("stay where wanted when apart, and are pushed a line apart where curves end together", () => {
    expect(nameHeights([{ id: "ana", y: 100 }], 400)).toEqual(new Map([["ana", 100]]));
    const together = nameHeights(
      [
        { id: "ana", y: 100 },
        { id: "bo", y: 100 },
        { id: "cy", y: 105 },
      ],
      400,
    );
    const [top = 0, middle = 0, bottom = 0] = ["ana", "bo", "cy"]
      .map((id) => together.get(id) ?? 0)
      .sort((a, b) => a - b);
    expect(top).toBe(100);
    expect(middle - top).toBeGreaterThanOrEqual(NAME_LINE);
    expect(bottom - middle).toBeGreaterThanOrEqual(NAME_LINE);
  });

  it("stay inside the lane when curves end at its bottom", () => {
    const low = nameHeights(
      [
        { id: "ana", y: 390 },
        { id: "bo", y: 392 },
      ],
      400,
    );
    expect(Math.max(...low.values())).toBeLessThanOrEqual(400 - NAME_LINE);
    expect(Math.abs((low.get("ana") ?? 0) - (low.get("bo") ?? 0))).toBeGreaterThanOrEqual(NAME_LINE);
  });
});
