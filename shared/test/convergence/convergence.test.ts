import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  aMoveAfterTheMergeLandsWhereAsked,
  concurrentLettersAllSurvive,
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
/**
 * The unit suite runs the same workshops every time, so it never fails by chance (order keys are
 * jittered: two concurrent inserts at one place tie about once in 47,000); `pnpm fuzz` draws new ones.
 */
const UNIT_SEED = 20_261_125;
const replay = process.env.FUZZ_SEED
  ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH ?? "" }
  : process.env.FUZZ_RUNS
    ? undefined
    : { seed: UNIT_SEED };

/**
 * Note, stage and segment ids come from crypto.getRandomValues and order keys' jitter from Math.random;
 * a fixed sequence per run makes a run, its shrinking and a replay from its seed repeatable.
 */
function seededRandom(): { restart(): void } {
  let state = 0;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  };
  vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation((array) => {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = next() >>> 24;
    }
    return array;
  });
  vi.spyOn(Math, "random").mockImplementation(() => next() / 2 ** 32);
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
  ["RACI letters set on the same cell at once all survive", concurrentLettersAllSurvive],
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
