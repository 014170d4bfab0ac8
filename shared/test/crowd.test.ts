import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { aggregateScores, cleanScores, readCrowd, readScoring, writeCrowd, writeScoring } from "../src/index.js";

describe("crowd scores", () => {
  it("show a stage's mean and spread only once three people kept their score private (or nobody did)", () => {
    const spread = aggregateScores([
      { scores: { a: -3, b: 1, c: 2 }, shared: false },
      { scores: { a: 1, b: 2 }, shared: false },
      { scores: { a: 2, c: 0 }, shared: true },
      { scores: { a: 0 }, shared: false },
    ]);
    expect(spread).toEqual({
      a: { mean: 0, min: -3, max: 2, count: 4 },
      b: { mean: null, min: null, max: null, count: 2 },
      c: { mean: null, min: null, max: null, count: 2 },
    });
    expect(aggregateScores([{ scores: { a: 2 }, shared: true }])).toEqual({ a: { mean: 2, min: 2, max: 2, count: 1 } });
  });

  it("are cleaned to whole steps of the scale, and anything else is dropped", () => {
    expect(cleanScores({ a: 2.6, b: -10, c: "3", d: Number.NaN })).toEqual({ a: 3, b: -3 });
    expect(cleanScores(null)).toEqual({});
  });

  it("round-trip through the control document, and a malformed result reads as none", () => {
    const control = new Y.Doc();
    expect(readScoring(control)).toBeNull();
    writeScoring(control, { roundId: "r", mapId: "m", segmentId: "s", status: "open", submitted: 3 }, null);
    expect(readScoring(control)).toEqual({ roundId: "r", mapId: "m", segmentId: "s", status: "open", submitted: 3 });
    const result = {
      roundId: "r",
      closedAt: 1,
      participants: 1,
      stages: { a: { mean: 1, min: 1, max: 1, count: 1 } },
      shared: {},
    };
    writeCrowd(control, "m", "s", result, null);
    expect(readCrowd(control, "m", "s")).toEqual(result);
    control.getMap("crowd").set("m/t", { stages: "nonsense" });
    expect(readCrowd(control, "m", "t")).toBeNull();
  });
});
