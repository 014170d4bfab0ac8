import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  aggregateScores,
  canScore,
  cleanScores,
  privateCounts,
  readCrowd,
  readScoring,
  withheldStages,
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

  it("tell the facilitator which stages' means closing now would withhold, and how many more they need", () => {
    const counts = privateCounts([
      { scores: { a: 1, b: 2, c: 0 }, shared: false },
      { scores: { a: 2, b: -1 }, shared: false },
      { scores: { a: 0, c: 1 }, shared: true },
      { scores: { a: -1 }, shared: false },
    ]);
    expect(counts).toEqual({ a: 3, b: 2, c: 1 });
    expect(withheldStages(counts)).toEqual([
      { stageId: "b", needs: 1 },
      { stageId: "c", needs: 2 },
    ]);
  });

  it("are cleaned to whole steps of the scale, and anything else is dropped", () => {
    expect(cleanScores({ a: 2.6, b: -10, c: "3", d: Number.NaN })).toEqual({ a: 3, b: -3 });
    expect(cleanScores(null)).toEqual({});
  });

  it("round-trip through the control document, and a malformed result reads as none", () => {
    const control = new Y.Doc();
    expect(readScoring(control)).toBeNull();
    const round = { roundId: "r", mapId: "m", segmentId: "s", status: "open", submitted: 3, privateScores: { a: 2 } };
    writeScoring(control, { ...round, status: "open" }, null);
    expect(readScoring(control)).toEqual(round);
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
