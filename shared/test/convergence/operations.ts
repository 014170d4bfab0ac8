import fc from "fast-check";
import { RACI_LETTERS, type RaciLetter, VALUE_TIERS, type ValueTier } from "../../src/index.js";

/**
 * What participants do, as plain data, so a failing run prints (and shrinks to) a readable list.
 * Things are named by small indexes into what the acting participant sees (its maps, stages, lanes,
 * segments) or into every note added so far: with few choices, people often touch the same thing at once.
 */
export type Track = "stage" | "lane";

export type Operation =
  | { op: "addNote"; who: number; map: number; stage: number; lane: number; offGrid: boolean }
  | { op: "moveNote"; who: number; map: number; note: number; stage: number; lane: number; x: number; y: number }
  | { op: "deleteNote"; who: number; map: number; note: number }
  | { op: "typeText"; who: number; map: number; note: number; at: number; text: string }
  | { op: "tagNote"; who: number; map: number; note: number; segment: number; tagged: boolean }
  | { op: "renameBoard"; who: number; title: string }
  | { op: "renameTrack"; who: number; map: number; track: Track; index: number; title: string }
  | { op: "addTrack"; who: number; map: number; track: Track; after: number | null }
  | { op: "moveTrack"; who: number; map: number; track: Track; index: number; to: number }
  | { op: "resizeTrack"; who: number; map: number; track: Track; index: number; size: number }
  | { op: "deleteTrack"; who: number; map: number; track: Track; index: number }
  | { op: "setEmotion"; who: number; map: number; segment: number; stage: number; score: number }
  | { op: "setEmotionLabel"; who: number; map: number; segment: number; stage: number; label: string }
  | { op: "clearEmotion"; who: number; map: number; segment: number; stage: number }
  | { op: "addSegment"; who: number; map: number; name: string }
  | { op: "updateSegment"; who: number; map: number; segment: number; name: string; valueTier: ValueTier }
  | { op: "deleteSegment"; who: number; map: number; segment: number }
  | { op: "duplicateMap"; who: number; map: number }
  | { op: "addActivity"; who: number; map: number; stage: number; after: number | null; system: string }
  | { op: "toggleLetter"; who: number; map: number; activity: number; role: number; letter: RaciLetter }
  | { op: "typeActivityTitle"; who: number; map: number; activity: number; at: number; text: string }
  | { op: "moveActivity"; who: number; map: number; activity: number; to: number }
  | { op: "removeActivity"; who: number; map: number; activity: number }
  | { op: "addRole"; who: number; map: number; after: number | null }
  | { op: "removeRole"; who: number; map: number; role: number }
  /** The network hands one queued update (the `pick`-th, so not necessarily the oldest) from one peer to another. */
  | { op: "deliver"; from: number; to: number; pick: number };

/** After everything is delivered, one participant moves a track on its own to each position in turn. */
export interface SequentialMove {
  map: number;
  track: Track;
  index: number;
}

export interface Scenario {
  participants: number;
  operations: Operation[];
  finalMoves: SequentialMove[];
}

const who = fc.nat(3);
// Most work happens on the first map; a duplicate gets some.
const map = fc.constantFrom(0, 0, 0, 0, 1);
const stage = fc.nat(2);
const lane = fc.nat(2);
const note = fc.nat(3);
const segment = fc.nat(1);
const track = fc.constantFrom<Track>("stage", "lane");
const word = fc.constantFrom("Wait", "Calm", "Lost", "Happy", "Angry", "");
// Few activities and roles, so people often set letters of the same cell at once.
const activity = fc.nat(2);
const role = fc.nat(2);

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("deliver"), from: who, to: who, pick: fc.nat(3) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("addNote"), who, map, stage, lane, offGrid: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("moveNote"),
      who,
      map,
      note,
      stage,
      lane,
      x: fc.integer({ min: 0, max: 200 }),
      y: fc.integer({ min: 0, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("deleteNote"), who, map, note }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("typeText"), who, map, note, at: fc.nat(8), text: word }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant("tagNote"), who, map, note, segment, tagged: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("renameBoard"), who, title: word }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("renameTrack"), who, map, track, index: stage, title: word }),
  },
  {
    weight: 4,
    // At the end or after the first: two people often add at the same place.
    arbitrary: fc.record({ op: fc.constant("addTrack"), who, map, track, after: fc.constantFrom(null, 0) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("moveTrack"), who, map, track, index: stage, to: fc.nat(9) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("resizeTrack"),
      who,
      map,
      track,
      index: stage,
      size: fc.integer({ min: 0, max: 2000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("deleteTrack"), who, map, track, index: stage }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("setEmotion"),
      who,
      map,
      segment,
      stage,
      score: fc.integer({ min: -3, max: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("setEmotionLabel"), who, map, segment, stage, label: word }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("clearEmotion"), who, map, segment, stage }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("addSegment"), who, map, name: word }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("updateSegment"),
      who,
      map,
      segment,
      name: word,
      valueTier: fc.constantFrom(...VALUE_TIERS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("deleteSegment"), who, map, segment }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("duplicateMap"), who, map }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("addActivity"),
      who,
      map,
      stage,
      after: fc.constantFrom(null, 0),
      system: fc.constantFrom("CRM", "crm ", "Billing", ""),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("toggleLetter"),
      who,
      map,
      activity,
      role,
      letter: fc.constantFrom(...RACI_LETTERS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("typeActivityTitle"), who, map, activity, at: fc.nat(8), text: word }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("moveActivity"), who, map, activity, to: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("removeActivity"), who, map, activity }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("addRole"), who, map, after: fc.constantFrom(null, 0) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("removeRole"), who, map, role }) },
);

export const scenario: fc.Arbitrary<Scenario> = fc.record({
  participants: fc.constantFrom(3, 4),
  // "max": lengths spread over the whole range, where the default keeps most runs to a few operations.
  operations: fc.array(operation, { maxLength: 40, size: "max" }),
  finalMoves: fc.array(fc.record({ map, track, index: fc.nat(9) }), { minLength: 1, maxLength: 2 }),
});
