import { describe, expect, it } from "vitest";
import {
  addNote,
  addSegment,
  clearEmotion,
  deleteSegment,
  duplicateMap,
  listMaps,
  listNotes,
  listSegments,
  listStages,
  readCurve,
  readNote,
  setEmotion,
  setEmotionLabel,
  setNoteDetail,
  snapScore,
  tagNotes,
  updateSegment,
} from "../src/index.js";
import { contentOf, newBoard, peerOf, sync } from "./helpers.js";

describe("segments", () => {
  it("are added, updated with clean values, and deleted with their tags", () => {
    const { map } = newBoard();
    const id = addSegment(map, {
      name: "  Small business  ",
      color: "#E8590C",
      description: "Up to 10 seats",
      valueTier: "high",
    });
    updateSegment(map, id, { color: "not a color", description: "Up to 20 seats" });
    expect(listSegments(map)[1]).toMatchObject({
      id,
      name: "Small business",
      color: "#1971C2",
      description: "Up to 20 seats",
      valueTier: "high",
    });
    const note = addNote(map, { cell: null, x: 0, y: 0, author: "", segmentIds: [id] });
    expect(readNote(map, note)?.segmentIds).toEqual([id]);
    deleteSegment(map, id);
    expect(listSegments(map)).toHaveLength(1);
    expect(readNote(map, note)?.segmentIds).toEqual([]);
  });

  it("tag notes, two people tagging one note with different segments both land", () => {
    const a = newBoard();
    const second = addSegment(a.map);
    const note = addNote(a.map, { cell: null, x: 0, y: 0, author: "" });
    const b = peerOf(a.doc);
    const first = listSegments(a.map)[0]?.id ?? "";
    tagNotes(a.map, [note], first, true);
    tagNotes(b.map, [note], second, true);
    sync(a.doc, b.doc);
    expect(readNote(b.map, note)?.segmentIds).toEqual([first, second].sort());
    tagNotes(a.map, [note], first, false);
    expect(readNote(a.map, note)?.segmentIds).toEqual([second]);
  });
});

describe("emotion curves", () => {
  it("snap to whole steps of -3..+3 and carry a label", () => {
    expect([snapScore(2.4), snapScore(2.6), snapScore(-9), snapScore(7)]).toEqual([2, 3, -3, 3]);
    const { map } = newBoard();
    const segment = listSegments(map)[0]?.id ?? "";
    const [need, aware] = listStages(map);
    setEmotion(map, segment, need?.id ?? "", 1.7);
    setEmotionLabel(map, segment, aware?.id ?? "", "  Ads everywhere  ");
    expect(readCurve(map, segment).sort((x, y) => x.score - y.score)).toEqual([
      { stageId: aware?.id, score: 0, label: "Ads everywhere" },
      { stageId: need?.id, score: 2, label: "" },
    ]);
    clearEmotion(map, segment, need?.id ?? "");
    expect(readCurve(map, segment)).toHaveLength(1);
  });

  it("two people dragging different points at once both land, in either merge order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const segment = listSegments(a.map)[0]?.id ?? "";
      const [need, aware] = listStages(a.map);
      setEmotion(a.map, segment, need?.id ?? "", 0);
      const b = peerOf(a.doc);
      setEmotion(a.map, segment, need?.id ?? "", -2);
      setEmotion(b.map, segment, aware?.id ?? "", 3);
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      const scores = Object.fromEntries(readCurve(b.map, segment).map((p) => [p.stageId, p.score]));
      expect(scores).toEqual({ [need?.id ?? ""]: -2, [aware?.id ?? ""]: 3 });
    }
  });

  it("a first score and a first label on the same point at once both land, in either merge order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const segment = listSegments(a.map)[0]?.id ?? "";
      const stage = listStages(a.map)[3]?.id ?? "";
      const b = peerOf(a.doc);
      setEmotion(a.map, segment, stage, -2);
      setEmotionLabel(b.map, segment, stage, "Checkout asks for everything twice");
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      expect(readCurve(a.map, segment)).toEqual([
        { stageId: stage, score: -2, label: "Checkout asks for everything twice" },
      ]);
    }
  });
});

describe("note details", () => {
  it("set a touchpoint's channel, a moment of truth's polarity and a listening post's source, or clear them", () => {
    const { map } = newBoard();
    const id = addNote(map, { cell: null, x: 0, y: 0, author: "", kind: "touchpoint", channel: "web" });
    expect(readNote(map, id)).toMatchObject({ channel: "web", polarity: null, source: null });
    setNoteDetail(map, [id], { channel: "phone" });
    setNoteDetail(map, [id], { polarity: "negative" });
    setNoteDetail(map, [id], { source: "support-questions" });
    expect(readNote(map, id)).toMatchObject({ channel: "phone", polarity: "negative", source: "support-questions" });
    setNoteDetail(map, [id], { channel: null });
    expect(readNote(map, id)?.channel).toBeNull();
  });
});

describe("maps", () => {
  it("duplicate into a future state that keeps ids, so the two compare stage by stage", () => {
    const { board, map } = newBoard();
    const segment = listSegments(map)[0]?.id ?? "";
    const stage = listStages(map)[0]?.id ?? "";
    setEmotion(map, segment, stage, -1);
    addNote(map, { cell: null, x: 0, y: 0, author: "", text: "Queue at the store" });
    const future = duplicateMap(board, map.id, "Future state", "future");
    if (!future) throw new Error("duplicated");
    expect(listMaps(board).map((m) => [m.title, m.state])).toEqual([
      ["Current state", "current"],
      ["Future state", "future"],
    ]);
    expect(listStages(future).map((s) => s.id)).toEqual(listStages(map).map((s) => s.id));
    expect(listNotes(future).map((n) => n.text)).toEqual(["Queue at the store"]);
    setEmotion(future, segment, stage, 2);
    expect(readCurve(map, segment)[0]?.score).toBe(-1);
    expect(readCurve(future, segment)[0]?.score).toBe(2);
  });
});
