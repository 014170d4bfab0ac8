import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  appendFeedback,
  cleanRoundName,
  cleanTimeBox,
  compareRounds,
  type Feedback,
  formatClock,
  journeyOf,
  listLanes,
  listSegments,
  listStages,
  MAX_FEEDBACK_TEXT,
  type Round,
  readFeedback,
  readRounds,
  readWalkthrough,
  setEmotion,
  stageClock,
  stepStage,
  tagFeedback,
  type WalkThrough,
  writeRound,
  writeWalkthrough,
} from "../src/index.js";
import { newBoard, sync } from "./helpers.js";

const walk: WalkThrough = {
  version: 1,
  roundId: "r1",
  roundName: "Internal experts",
  mapId: "m",
  stageId: "shop",
  stageStartedAt: 10_000,
  timeBoxSeconds: 60,
  onTimeUp: "warn",
  status: "running",
  gather: null,
};
const ana = { participantId: "relay-issued-ana", name: "Ana" };

describe("walking through stages", () => {
  it("steps next and previous, staying put at either end", () => {
    const ids = ["need", "aware", "shop"];
    expect(stepStage(ids, "need", "next")).toBe("aware");
    expect(stepStage(ids, "aware", "previous")).toBe("need");
    expect(stepStage(ids, "shop", "next")).toBe("shop");
    expect(stepStage(ids, "need", "previous")).toBe("need");
    // A removed stage: the walk starts over at the first one.
    expect(stepStage(ids, "gone", "next")).toBe("need");
  });

  it("times the current stage by the relay's clock, into overtime", () => {
    expect(stageClock(walk, 10_000 + 15_500)).toEqual({ elapsedMs: 15_500, remainingMs: 44_500, over: false });
    expect(stageClock(walk, 10_000 + 61_000)).toEqual({ elapsedMs: 61_000, remainingMs: -1_000, over: true });
    expect(stageClock({ ...walk, timeBoxSeconds: null }, 20_000)).toEqual({
      elapsedMs: 10_000,
      remainingMs: null,
      over: false,
    });
    // A browser whose estimate of the relay's clock lags behind the start shows no negative time.
    expect(stageClock(walk, 9_000).elapsedMs).toBe(0);
    expect([formatClock(44_500), formatClock(-1_000), formatClock(0), formatClock(600_000)]).toEqual([
      "0:45",
      "-0:01",
      "0:00",
      "10:00",
    ]);
  });

  it("cleans round names and time boxes", () => {
    expect(cleanRoundName("  Sales   team ")).toBe("Sales team");
    expect(cleanRoundName("   ")).toBeNull();
    expect(cleanRoundName(7)).toBeNull();
    expect(cleanRoundName("x".repeat(100))?.length).toBe(40);
    expect([cleanTimeBox(90.4), cleanTimeBox(0), cleanTimeBox(-5), cleanTimeBox("60"), cleanTimeBox(99_999)]).toEqual([
      90,
      null,
      null,
      null,
      3600,
    ]);
  });

  it("reads back what was written, and nothing from a malformed or future-shaped state", () => {
    const control = new Y.Doc();
    expect(readWalkthrough(control)).toBeNull();
    writeWalkthrough(control, { ...walk, gather: { rect: { x: 1, y: 2, w: 300, h: 200 }, at: 5 } }, "relay");
    expect(readWalkthrough(control)).toEqual({ ...walk, gather: { rect: { x: 1, y: 2, w: 300, h: 200 }, at: 5 } });
    control.getMap("walkthrough").set("version", 2);
    expect(readWalkthrough(control)).toBeNull();
    writeRound(control, { roundId: "b", name: "Customers", mapId: "m", startedAt: 20 }, "relay");
    writeRound(control, { roundId: "a", name: "Internal experts", mapId: "m", startedAt: 10 }, "relay");
    control.getMap("rounds").set("broken", { name: 3 });
    expect(readRounds(control).map((r) => r.name)).toEqual(["Internal experts", "Customers"]);
  });
});

describe("round tagging", () => {
  const stamp = { id: "f1", at: 12_000 };

  it("tags feedback with the running round, the current stage and the relay's participant", () => {
    const tagged = tagFeedback(walk, { stageId: "shop", text: "  Prices are hard to find " }, ana, stamp);
    expect(tagged).toEqual({
      ok: true,
      feedback: {
        id: "f1",
        roundId: "r1",
        mapId: "m",
        stageId: "shop",
        participantId: "relay-issued-ana",
        name: "Ana",
        text: "Prices are hard to find",
        at: 12_000,
      },
    });
  });

  it("refuses feedback outside a running round, for another stage, or without text", () => {
    expect(tagFeedback(null, { stageId: "shop", text: "x" }, ana, stamp)).toMatchObject({ ok: false });
    expect(tagFeedback({ ...walk, status: "ended" }, { stageId: "shop", text: "x" }, ana, stamp)).toMatchObject({
      ok: false,
      reason: "no walk-through is running",
    });
    expect(tagFeedback(walk, { stageId: "need", text: "x" }, ana, stamp)).toMatchObject({
      ok: false,
      reason: "the walk-through has moved to another stage",
    });
    expect(tagFeedback(walk, { stageId: "shop", text: "   " }, ana, stamp)).toMatchObject({ ok: false });
    const long = tagFeedback(walk, { stageId: "shop", text: "y".repeat(2000) }, { ...ana, name: 5 }, stamp);
    expect(long.ok && [long.feedback.text.length, long.feedback.name]).toEqual([MAX_FEEDBACK_TEXT, "Someone"]);
  });

  it("keeps both participants' feedback given at the same instant, in either merge order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = new Y.Doc();
      const b = new Y.Doc();
      const one = tagFeedback(walk, { stageId: "shop", text: "A" }, ana, { id: "fa", at: 1 });
      const two = tagFeedback(
        walk,
        { stageId: "shop", text: "B" },
        { participantId: "bo", name: "Bo" },
        {
          id: "fb",
          at: 1,
        },
      );
      if (!one.ok || !two.ok) throw new Error("tagged");
      appendFeedback(a, one.feedback, "relay");
      appendFeedback(b, two.feedback, "relay");
      sync(a, b, order);
      expect(readFeedback(a)).toEqual(readFeedback(b));
      expect(
        readFeedback(a)
          .map((f) => f.text)
          .sort(),
      ).toEqual(["A", "B"]);
    }
  });
});

describe("the comparison per stage", () => {
  it("puts each round's feedback beside the customers' own input, stage by stage", () => {
    const { map } = newBoard();
    const stages = listStages(map);
    const lanes = listLanes(map);
    const [need, aware] = stages;
    const painLane = lanes.find((l) => l.kind === "pain-points");
    const actions = lanes.find((l) => l.kind === "actions");
    const segment = listSegments(map)[0];
    if (!need || !aware || !painLane || !actions || !segment) throw new Error("the template has these");
    // A plain note in the pain-points lane counts as a pain point; a touchpoint is not customer input.
    addNote(map, { cell: { stageId: aware.id, laneId: painLane.id }, x: 0, y: 0, author: "", text: "Slow site" });
    addNote(map, { cell: { stageId: aware.id, laneId: actions.id }, x: 0, y: 0, author: "", kind: "listening-post" });
    addNote(map, { cell: { stageId: aware.id, laneId: actions.id }, x: 0, y: 0, author: "", kind: "moment-of-truth" });
    addNote(map, { cell: { stageId: aware.id, laneId: actions.id }, x: 0, y: 0, author: "", kind: "touchpoint" });
    setEmotion(map, segment.id, need.id, 2);
    setEmotion(map, segment.id, aware.id, -2);
    setEmotion(map, segment.id, stages[2]?.id ?? "", 1);

    const rounds: Round[] = [
      { roundId: "cust", name: "Customers", mapId: map.id, startedAt: 20 },
      { roundId: "int", name: "Internal experts", mapId: map.id, startedAt: 10 },
      { roundId: "other", name: "Elsewhere", mapId: "another-map", startedAt: 5 },
    ].sort((a, b) => a.startedAt - b.startedAt);
    const said = (roundId: string, stageId: string, text: string): Feedback => ({
      id: text,
      roundId,
      mapId: map.id,
      stageId,
      participantId: "p",
      name: "P",
      text,
      at: 1,
    });
    const feedback = [
      said("int", aware.id, "Ads look fine"),
      said("cust", aware.id, "I never saw an ad"),
      said("int", need.id, "Clear need"),
    ];
    const compared = compareRounds(journeyOf(map), map.id, rounds, feedback);
    expect(compared.map((c) => c.stage.id)).toEqual(stages.map((s) => s.id));
    const atAware = compared[1];
    expect(atAware?.rounds.map((r) => [r.round.name, r.feedback.map((f) => f.text)])).toEqual([
      ["Internal experts", ["Ads look fine"]],
      ["Customers", ["I never saw an ad"]],
    ]);
    expect(atAware?.customers.painPoints.map((n) => n.text)).toEqual(["Slow site"]);
    expect(atAware?.customers.listeningPosts).toHaveLength(1);
    expect(atAware?.customers.momentNotes).toHaveLength(1);
    expect(atAware?.customers.moments.map((m) => [m.kind, m.segment])).toEqual([
      ["trough", segment.name],
      ["drop", segment.name],
    ]);
    expect(compared[0]?.rounds.map((r) => r.feedback.map((f) => f.text))).toEqual([["Clear need"], []]);
    expect(compared[0]?.customers.painPoints).toEqual([]);
  });
});
