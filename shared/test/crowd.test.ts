import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  aggregateScores,
  canScore,
  cleanScores,
  readCrowd,
  readScoring,
  writeCrowd,
  writeScoring,
} from "../src/index.js";

describe("crowd scores", () => {
  it("show a stage's mean once three people kept their score private, its spread once five did (or nobody did)", () => {
    const spread = aggregateScores([
      { scores: { a: -3, b: 1, c: 2 }, shared: false },
      { scores: { a: 1, b: 2 }, shared: false },
      { scores: { a: 2, c: 0 }, shared: true },
      { scores: { a: 0 }, shared: false },
    ]);
    // a: three private scores: the mean, but no spread yet.
    expect(spread).toEqual({
      a: { mean: 0, sd: null, count: 4 },
      b: { mean: null, sd: null, count: 2 },
      c: { mean: null, sd: null, count: 2 },
    });
    expect(aggregateScores([{ scores: { a: 2 }, shared: true }])).toEqual({ a: { mean: 2, sd: 0, count: 1 } });
  });

  it("publish a coarse standard deviation and never the lowest or highest score", () => {
    const five = aggregateScores([-3, 1, 3, 0, 2].map((score) => ({ scores: { a: score }, shared: false })));
    // The exact figure is 2.1; with three scores, a mean and the extremes would have given all away.
    expect(five).toEqual({ a: { mean: 0.6, sd: 2, count: 5 } });
    expect(Object.keys(five.a ?? {})).not.toContain("min");
    const close = aggregateScores([1, 1, 2, 1, 1].map((score) => ({ scores: { a: score }, shared: false })));
    expect(close.a?.sd).toBe(0.5);
    const four = aggregateScores([-3, 1, 3, 0].map((score) => ({ scores: { a: score }, shared: false })));
    expect(four.a).toEqual({ mean: 0.25, sd: null, count: 4 });
  });

  it("are given by facilitators and editors, not viewers", () => {
    expect([canScore("facilitator"), canScore("editor"), canScore("viewer")]).toEqual([true, true, false]);
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
      stages: { a: { mean: 1, sd: 0, count: 1 } },
      shared: {},
    };
    writeCrowd(control, "m", "s", result, null);
    expect(readCrowd(control, "m", "s")).toEqual(result);
    control.getMap("crowd").set("m/t", { stages: "nonsense" });
    expect(readCrowd(control, "m", "t")).toBeNull();
  });

  it("read a result stored with the old lowest and highest scores as a mean without a spread", () => {
    const control = new Y.Doc();
    control.getMap("crowd").set("m/s", {
      roundId: "r",
      closedAt: 1,
      participants: 3,
      stages: { a: { mean: 0.33, min: -3, max: 3, count: 3 }, b: { mean: null, min: null, max: null, count: 1 } },
      shared: {},
    });
    expect(readCrowd(control, "m", "s")?.stages).toEqual({
      a: { mean: 0.33, sd: null, count: 3 },
      b: { mean: null, sd: null, count: 1 },
    });
  });
});
