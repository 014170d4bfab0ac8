import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  aMoveAfterTheMergeLandsWhereAsked,
  concurrentScoreAndLabelBothSurvive,
  concurrentTagsAllSurvive,
  everyoneReadsTheSameBoard,
  everyReaderCopes,
  type Invariant,
  noNoteIsLost,
  notesOfDeletedTracksStayOnTheBoard,
  orderKeysAreUnique,
} from "./invariants.js";
import { scenario } from "./operations.js";
import { Workshop } from "./workshop.js";

/**
 * Random workshops: three or four participants edit one board through shared's API while their updates
 * arrive late and out of order, then everything is delivered and the merged board is checked. A short
 * run in the unit suite; `pnpm fuzz` (FUZZ_RUNS) runs longer, FUZZ_SEED and FUZZ_PATH replay a failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const replay = process.env.FUZZ_SEED
  ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH ?? "" }
  : undefined;

/**
 * Note, stage and segment ids come from crypto.getRandomValues and decide ties between equal order
 * keys; a fixed sequence per run makes a run, its shrinking and a replay from its seed repeatable.
 */
function seededRandom(): { restart(): void } {
  let state = 0;
  const spy = vi.spyOn(globalThis.crypto, "getRandomValues");
  spy.mockImplementation((array) => {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) {
        state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
        bytes[i] = state >>> 24;
      }
    }
    return array;
  });
  return {
    restart() {
      state = 1;
    },
  };
}

const INVARIANTS: [string, Invariant][] = [
  ["all participants read the same board", everyoneReadsTheSameBoard],
  ["no note added and never deleted is lost", noNoteIsLost],
  [
    "a deleted stage or lane never drops notes: they move to a neighbour or show unplaced",
    notesOfDeletedTracksStayOnTheBoard,
  ],
  ["a track moved after the merge lands at the index asked for", aMoveAfterTheMergeLandsWhereAsked],
  ["order keys are unique among maps, and within a map's stages, lanes and segments", orderKeysAreUnique],
  ["every operation and reader copes with what the merge produced", everyReaderCopes],
  ["a score and a label set at once on the same point both survive", concurrentScoreAndLabelBothSurvive],
  ["segment tags put on the same note at once all survive", concurrentTagsAllSurvive],
];

describe("convergence of concurrent edits", () => {
  let random: { restart(): void };
  beforeAll(() => {
    random = seededRandom();
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  for (const [name, invariant] of INVARIANTS) {
    it(
      name,
      () => {
        fc.assert(
          fc.property(scenario, (s) => {
            random.restart();
            expect(invariant(Workshop.run(s))).toEqual([]);
          }),
          { numRuns: RUNS, ...replay },
        );
      },
      10_000 + RUNS * 200,
    );
  }
});
