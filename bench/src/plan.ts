import type { BoardContent } from "./protocol.js";
import type { Load } from "./scenarios.js";

/** Every scenario's parameters; the quick mode is a smoke test of the same code, small and short. */
export interface Plan {
  repetitions: number;
  fanOut: Load;
  manyBoards: Load;
  saturation: { clients: number; rates: number[]; durationMs: number; boundMs: number };
  idle: { boards: number; perBoard: number };
  coldLoad: { notes: BoardContent; large: BoardContent };
}

export const FULL: Plan = {
  repetitions: 3,
  fanOut: { boards: 1, clientsPerBoard: 50, rate: 10, durationMs: 10_000 },
  manyBoards: { boards: 200, clientsPerBoard: 5, rate: 1, durationMs: 10_000 },
  saturation: { clients: 20, rates: [5, 10, 20, 40, 80], durationMs: 5_000, boundMs: 50 },
  idle: { boards: 400, perBoard: 5 },
  coldLoad: {
    notes: { notes: 10_000, textBytes: 60, seed: 13 },
    // 4,200 notes at the model's longest text (4,000 characters): about 16 MB.
    large: { notes: 4_200, textBytes: 4_000, seed: 16 },
  },
};

export const QUICK: Plan = {
  repetitions: 1,
  fanOut: { boards: 1, clientsPerBoard: 10, rate: 10, durationMs: 2_000 },
  manyBoards: { boards: 20, clientsPerBoard: 5, rate: 1, durationMs: 2_000 },
  saturation: { clients: 10, rates: [10, 40], durationMs: 1_500, boundMs: 50 },
  idle: { boards: 40, perBoard: 5 },
  coldLoad: {
    notes: { notes: 1_000, textBytes: 60, seed: 13 },
    large: { notes: 200, textBytes: 4_000, seed: 16 },
  },
};

/** The scenarios (1) to (5); the cold load (5) is measured for both of its boards. */
export const SCENARIOS = ["fan-out", "many-boards", "saturation", "idle-memory", "cold-notes", "cold-16mb"] as const;
export type Scenario = (typeof SCENARIOS)[number];
