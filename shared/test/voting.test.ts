import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  canVote,
  cleanVoteSettings,
  DEFAULT_VOTE_QUESTION,
  placeDot,
  rankNotes,
  readVote,
  removeDot,
  stageHeat,
  tallyDots,
  type Vote,
  type VoteSettings,
  writeVote,
} from "../src/index.js";

const settings = (changes: Partial<VoteSettings> = {}): VoteSettings => ({
  question: DEFAULT_VOTE_QUESTION,
  budget: 3,
  kinds: ["pain-point", "opportunity"],
  multiple: false,
  hidden: true,
  ...changes,
});

describe("vote settings", () => {
  it("take the default question, a budget of 3, every kind, one dot per note and open counts when left out", () => {
    expect(cleanVoteSettings({})).toEqual({
      question: DEFAULT_VOTE_QUESTION,
      budget: 3,
      kinds: ["note", "touchpoint", "pain-point", "opportunity", "moment-of-truth", "listening-post"],
      multiple: false,
      hidden: false,
    });
    expect(
      cleanVoteSettings({
        question: "  Fix first?  ",
        budget: 5,
        kinds: ["opportunity", "pain-point"],
        multiple: true,
        hidden: true,
      }),
    ).toEqual({
      question: "Fix first?",
      budget: 5,
      kinds: ["pain-point", "opportunity"],
      multiple: true,
      hidden: true,
    });
  });

  it("refuse a budget outside 1..20, unknown or no kinds, and a question too long", () => {
    for (const budget of [0, 21, 2.5, "3"]) expect(cleanVoteSettings({ budget })).toMatch(/budget/);
    expect(cleanVoteSettings({ kinds: [] })).toMatch(/kinds/);
    expect(cleanVoteSettings({ kinds: ["note", "bribe"] })).toMatch(/kinds/);
    expect(cleanVoteSettings({ kinds: Array(7).fill("note") })).toMatch(/kinds/);
    expect(cleanVoteSettings({ question: "x".repeat(201) })).toMatch(/question/);
    expect(cleanVoteSettings({ hidden: "yes" })).toMatch(/hidden/);
  });

  it("let facilitators and editors vote, not viewers", () => {
    expect([canVote("facilitator"), canVote("editor"), canVote("viewer")]).toEqual([true, true, false]);
  });
});

describe("placing and removing dots", () => {
  it("hold the budget: the fourth dot of three is refused with the reason", () => {
    let dots: string[] = [];
    for (const noteId of ["a", "b", "c"]) {
      const placed = placeDot(settings(), dots, noteId, "pain-point");
      if (!placed.ok) throw new Error(placed.reason);
      dots = placed.dots;
    }
    expect(placeDot(settings(), dots, "d", "pain-point")).toEqual({
      ok: false,
      reason: "you have placed all 3 of your dots: remove one to place it elsewhere",
    });
    const removed = removeDot(dots, "b");
    expect(removed).toEqual({ ok: true, dots: ["a", "c"] });
    if (removed.ok)
      expect(placeDot(settings(), removed.dots, "d", "pain-point")).toEqual({ ok: true, dots: ["a", "c", "d"] });
  });

  it("allow several dots on one note only when the vote says so", () => {
    expect(placeDot(settings(), ["a"], "a", "pain-point")).toEqual({
      ok: false,
      reason: "one dot per note in this vote",
    });
    expect(placeDot(settings({ multiple: true }), ["a", "a"], "a", "pain-point")).toEqual({
      ok: true,
      dots: ["a", "a", "a"],
    });
    expect(removeDot(["a", "b", "a"], "a")).toEqual({ ok: true, dots: ["a", "b"] });
  });

  it("give dots only to the kinds allowed, and remove only a dot there is", () => {
    expect(placeDot(settings(), [], "a", "touchpoint")).toEqual({
      ok: false,
      reason: "this kind of note does not get dots in this vote",
    });
    expect(removeDot(["a"], "b")).toEqual({ ok: false, reason: "you have no dot on this note" });
  });
});

describe("the result", () => {
  it("counts every participant's dots and ranks the notes, ties sharing a rank", () => {
    const counts = tallyDots([
      ["a", "b", "c"],
      ["b", "c", "d"],
      ["c", "a", "e"],
    ]);
    expect(counts).toEqual({ a: 2, b: 2, c: 3, d: 1, e: 1 });
    expect(rankNotes(counts)).toEqual([
      { noteId: "c", dots: 3, rank: 1 },
      { noteId: "a", dots: 2, rank: 2 },
      { noteId: "b", dots: 2, rank: 2 },
      { noteId: "d", dots: 1, rank: 4 },
      { noteId: "e", dots: 1, rank: 4 },
    ]);
    expect(rankNotes({ a: 0 })).toEqual([]);
  });

  it("heats the stages where dots and pain points gather, the hottest at 1", () => {
    const notes = [
      { id: "p1", cell: { stageId: "s1", laneId: "l" }, kind: "pain-point" as const },
      { id: "p2", cell: { stageId: "s1", laneId: "l" }, kind: "pain-point" as const },
      { id: "o1", cell: { stageId: "s2", laneId: "l" }, kind: "opportunity" as const },
      { id: "n1", cell: { stageId: "s3", laneId: "l" }, kind: "note" as const },
      { id: "loose", cell: null, kind: "pain-point" as const },
    ];
    const heat = stageHeat(notes, { o1: 4, p1: 1, loose: 9 });
    expect(Object.fromEntries(heat)).toEqual({
      s1: { dots: 1, painPoints: 2, heat: 0.75 },
      s2: { dots: 4, painPoints: 0, heat: 1 },
      s3: { dots: 0, painPoints: 0, heat: 0 },
    });
  });

  it("round-trips through the control document, and a vote of another shape is not read", () => {
    const control = new Y.Doc();
    expect(readVote(control)).toBeNull();
    const vote: Vote = {
      ...settings(),
      voteId: "v1",
      mapId: "m1",
      status: "closed",
      voters: 2,
      counts: { a: 2 },
      ranking: [{ noteId: "a", dots: 2, rank: 1 }],
      closedAt: 5,
    };
    writeVote(control, vote, "relay");
    expect(readVote(control)).toEqual(vote);
    control.getMap("vote").set("version", 2);
    expect(readVote(control)).toBeNull();
  });
});
