import { describe, expect, it } from "vitest";
import {
  addNote,
  addSegment,
  balance,
  compareMaps,
  deleteNotes,
  duplicateMap,
  type EmotionPoint,
  journeyOf,
  listLanes,
  listSegments,
  listStages,
  momentsOfTruth,
  placedMoments,
  type Stage,
  setEmotion,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

const stages: Stage[] = ["need", "aware", "shop", "buy", "receive", "install", "use"].map((id, i) => ({
  id,
  title: id,
  phase: i < 4 ? "pre-sale" : "post-sale",
  width: 300,
  order: `a${i}`,
}));
const curve = (scores: Record<string, number>): EmotionPoint[] =>
  Object.entries(scores).map(([stageId, score]) => ({ stageId, score, label: "" }));

describe("moments of truth", () => {
  it("are the curve's peaks, troughs and largest stage-to-stage drop", () => {
    const moments = momentsOfTruth(
      stages,
      curve({ need: -1, aware: 1, shop: 3, buy: 2, receive: -2, install: -3, use: 0 }),
    );
    expect(moments).toEqual([
      { stageId: "need", kind: "trough", score: -1 },
      { stageId: "shop", kind: "peak", score: 3 },
      { stageId: "install", kind: "trough", score: -3 },
      { stageId: "receive", kind: "drop", score: -2, fall: 4 },
    ]);
  });

  it("skip unscored stages, ignore flat curves and small falls", () => {
    expect(momentsOfTruth(stages, curve({ need: 0, aware: 0, shop: 0 }))).toEqual([]);
    expect(momentsOfTruth(stages, curve({ need: 1, use: 0 }))).toEqual([{ stageId: "need", kind: "peak", score: 1 }]);
    expect(momentsOfTruth(stages, curve({}))).toEqual([]);
  });

  it("include the moment-of-truth notes placed in each stage", () => {
    const { map } = newBoard();
    const [stage] = listStages(map);
    const [lane] = listLanes(map);
    const cell = { stageId: stage?.id ?? "", laneId: lane?.id ?? "" };
    addNote(map, { cell, x: 0, y: 0, author: "", kind: "moment-of-truth", polarity: "negative" });
    addNote(map, { cell, x: 0, y: 0, author: "", kind: "touchpoint" });
    const placed = placedMoments(journeyOf(map).notes);
    expect(placed.get(cell.stageId)?.map((n) => n.polarity)).toEqual(["negative"]);
  });
});

describe("balance", () => {
  it("counts each phase, averages emotion per segment, lists stages with no touchpoint, and gives a verdict", () => {
    const { map } = newBoard();
    const all = listStages(map);
    const [lane] = listLanes(map);
    const segment = listSegments(map)[0]?.id ?? "";
    const at = (i: number) => ({ stageId: all[i]?.id ?? "", laneId: lane?.id ?? "" });
    for (const i of [0, 1, 2, 3]) addNote(map, { cell: at(i), x: 0, y: 0, author: "", kind: "touchpoint" });
    addNote(map, { cell: at(1), x: 0, y: 0, author: "", kind: "touchpoint" });
    addNote(map, { cell: at(5), x: 0, y: 0, author: "", kind: "touchpoint" });
    addNote(map, { cell: at(6), x: 0, y: 0, author: "", kind: "pain-point" });
    addNote(map, { cell: at(2), x: 0, y: 0, author: "", kind: "opportunity" });
    for (const [i, score] of [
      [0, 1],
      [1, 2],
      [2, 2],
      [3, 3],
      [4, 0],
      [5, -2],
      [6, -1],
    ] as const) {
      setEmotion(map, segment, all[i]?.id ?? "", score);
    }
    const { stages: s, notes, segments, curves, lanes } = journeyOf(map);
    const result = balance(s, notes, segments, curves, lanes);
    expect(result.preSale).toMatchObject({ stages: 4, notes: 6, touchpoints: 5, painPoints: 0, opportunities: 1 });
    expect(result.postSale).toMatchObject({ stages: 5, notes: 2, touchpoints: 1, painPoints: 1, opportunities: 0 });
    expect(result.preSale.emotion[segment]).toBe(2);
    expect(result.postSale.emotion[segment]).toBe(-1);
    expect(result.preSale.stagesWithoutTouchpoint).toEqual([]);
    expect(result.postSale.stagesWithoutTouchpoint).toEqual([
      "I receive",
      "I use",
      "I continue or renew",
      "I get help",
    ]);
    expect(result.verdict).toBe(
      "The post-sale experience falls short: fewer touchpoints per stage after the sale (0.2 against 1.3 before); " +
        "Typical customer feels worse after the sale (-1 against 2 before).",
    );
  });

  it("counts a plain note as what its lane makes it, as a person reading the map would", () => {
    const { map } = newBoard();
    const [first, , , , fifth] = listStages(map);
    const lane = (kind: string) => listLanes(map).find((l) => l.kind === kind)?.id ?? "";
    const put = (stageId: string, laneKind: string, kind?: "note" | "opportunity") =>
      addNote(map, { cell: { stageId, laneId: lane(laneKind) }, x: 0, y: 0, author: "", kind });
    put(first?.id ?? "", "touchpoints");
    put(first?.id ?? "", "channels");
    put(fifth?.id ?? "", "pain-points");
    put(fifth?.id ?? "", "opportunities");
    put(fifth?.id ?? "", "pain-points", "opportunity");
    put(fifth?.id ?? "", "actions");
    const { stages: s, notes, segments, curves, lanes } = journeyOf(map);
    const result = balance(s, notes, segments, curves, lanes);
    expect(result.preSale).toMatchObject({ notes: 2, touchpoints: 2 });
    expect(result.postSale).toMatchObject({ notes: 4, touchpoints: 0, painPoints: 1, opportunities: 2 });
    expect(result.preSale.stagesWithoutTouchpoint).not.toContain(first?.title);
  });

  it("has no verdict when the post-sale side holds up", () => {
    const { map } = newBoard();
    const { stages: s, notes, segments, curves, lanes } = journeyOf(map);
    expect(balance(s, notes, segments, curves, lanes).verdict).toBeNull();
  });
});

describe("comparing maps", () => {
  it("counts notes added and removed per stage and the emotion change per stage and segment", () => {
    const { board, map } = newBoard();
    const all = listStages(map);
    const [lane] = listLanes(map);
    const segment = listSegments(map)[0]?.id ?? "";
    const cell = (i: number) => ({ stageId: all[i]?.id ?? "", laneId: lane?.id ?? "" });
    const old = addNote(map, { cell: cell(5), x: 0, y: 0, author: "", text: "No install date" });
    setEmotion(map, segment, all[5]?.id ?? "", -3);
    const future = duplicateMap(board, map.id, "Future state", "future");
    if (!future) throw new Error("duplicated");
    deleteNotes(future, [old]);
    addNote(future, { cell: cell(5), x: 0, y: 0, author: "", text: "Book the install at checkout" });
    addNote(future, { cell: cell(5), x: 0, y: 0, author: "", text: "Text reminder the day before" });
    setEmotion(future, segment, all[5]?.id ?? "", 1);
    const other = addSegment(future);
    const rows = compareMaps(journeyOf(map), journeyOf(future), journeyOf(future).segments);
    expect(rows).toHaveLength(9);
    expect(rows[5]).toEqual({
      stageId: all[5]?.id,
      title: "I install",
      added: 2,
      removed: 1,
      emotionChange: { [segment]: 4, [other]: null },
    });
    expect(rows[0]).toMatchObject({ added: 0, removed: 0 });
  });
});
