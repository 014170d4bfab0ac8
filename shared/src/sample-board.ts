import { change, type JourneyMap } from "./doc.js";
import { setEmotion } from "./emotion.js";
import { listLanes, noteKindOfLane, resizeLane } from "./lanes.js";
import { addNote } from "./notes.js";
import { CHANNELS, LANE_HEIGHT, type LaneKind, NOTE_SIZE, type NoteKind, POLARITIES, STAGE_WIDTH } from "./schema.js";
import { addSegment } from "./segments.js";
import { listStages, resizeStage } from "./stages.js";
import { SEGMENT_COLORS } from "./template.js";

/**
 * Large boards for measuring the canvas: a seeded plan of notes with workshop-like text, spread over
 * every stage and lane, some tagged with segments, and an emotion curve per segment. The same seed and
 * count always give the same plan; writing it adds the notes to a map.
 */

export interface SampleNote {
  stage: number;
  lane: number;
  /** Offset in its cell. */
  x: number;
  y: number;
  kind: NoteKind;
  text: string;
  author: string;
  channel: (typeof CHANNELS)[number] | null;
  polarity: (typeof POLARITIES)[number] | null;
  /** Indexes into the plan's segments. */
  segments: number[];
}

export interface SamplePlan {
  stageWidth: number;
  laneHeight: number;
  segments: { name: string; color: string; scores: number[] }[];
  notes: SampleNote[];
}

/** A small, fast, seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ["Customer", "New user", "Buyer", "Admin", "Returning customer", "Trial user", "Support agent"];
const VERBS = ["compares", "cannot find", "asks about", "waits for", "checks", "reads", "shares", "abandons"];
const OBJECTS = [
  "the delivery date",
  "pricing plans",
  "the order status",
  "the invoice",
  "installation steps",
  "the renewal offer",
  "reviews from peers",
  "the returns policy",
  "a discount code",
  "the onboarding email",
];
const CONTEXTS = [
  "on the phone",
  "before the trial ends",
  "in the mobile app",
  "after a colleague recommends it",
  "during checkout",
  "late at night",
  "while the chat is closed",
  "",
];
const FEELINGS = ["confused", "relieved", "annoyed", "confident", "impatient", "surprised"];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** A sentence or two such as a workshop's sticky notes hold. */
function noteText(next: () => number, kind: NoteKind): string {
  const base = `${pick(next, SUBJECTS)} ${pick(next, VERBS)} ${pick(next, OBJECTS)} ${pick(next, CONTEXTS)}`.trim();
  if (kind === "pain-point") return `${base}; feels ${pick(next, FEELINGS)}.`;
  if (kind === "opportunity") return `Idea: show ${pick(next, OBJECTS)} ${pick(next, CONTEXTS)}`.trim();
  return next() < 0.3 ? `${base}. Feels ${pick(next, FEELINGS)}.` : base;
}

const NOTE_PITCH = { x: NOTE_SIZE.w + 16, y: NOTE_SIZE.h + 16 };

/**
 * A plan of `count` notes over `stages` stages and the given lanes (in order), from `seed`. Cells grow to
 * hold their notes side by side up to the largest stage and lane; beyond that notes overlap, as on a
 * crowded wall.
 */
export function sampleBoardPlan(options: {
  count: number;
  seed: number;
  stages: number;
  lanes: readonly LaneKind[];
}): SamplePlan {
  const { count, stages, lanes } = options;
  const next = random(options.seed);
  const perCell = Math.max(1, Math.ceil(count / Math.max(1, stages * lanes.length)));
  const columns = Math.ceil(Math.sqrt(perCell * 1.5));
  const rows = Math.ceil(perCell / columns);
  const stageWidth = Math.min(STAGE_WIDTH.max, Math.max(STAGE_WIDTH.initial, columns * NOTE_PITCH.x + 16));
  const laneHeight = Math.min(LANE_HEIGHT.max, Math.max(LANE_HEIGHT.initial, rows * NOTE_PITCH.y + 16));
  const pitch = {
    x: Math.min(NOTE_PITCH.x, (stageWidth - NOTE_SIZE.w - 16) / Math.max(1, columns - 1)),
    y: Math.min(NOTE_PITCH.y, (laneHeight - NOTE_SIZE.h - 16) / Math.max(1, rows - 1)),
  };
  const segments = ["Small business", "Enterprise buyer", "First-time shopper"].map((name, i) => ({
    name,
    color: SEGMENT_COLORS[i % SEGMENT_COLORS.length] as string,
    scores: Array.from({ length: stages }, () => Math.round(next() * 6) - 3),
  }));
  const notes: SampleNote[] = [];
  for (let i = 0; i < count; i++) {
    const cell = i % (stages * lanes.length);
    const slot = Math.floor(i / (stages * lanes.length));
    const lane = cell % lanes.length;
    const kind = lanes[lane] === "emotion" ? "moment-of-truth" : noteKindOfLane(lanes[lane]);
    notes.push({
      stage: Math.floor(cell / lanes.length),
      lane,
      x: 8 + (slot % columns) * pitch.x,
      y: 8 + (Math.floor(slot / columns) % rows) * pitch.y,
      kind,
      text: noteText(next, kind),
      author: `Participant ${1 + Math.floor(next() * 12)}`,
      channel: kind === "touchpoint" ? pick(next, CHANNELS) : null,
      polarity: kind === "moment-of-truth" ? pick(next, POLARITIES) : null,
      segments: next() < 0.2 ? [Math.floor(next() * segments.length)] : [],
    });
  }
  return { stageWidth, laneHeight, segments, notes };
}

/** Notes written per transaction: one update per batch, as a paste or an import would send. */
const BATCH = 500;

/** Writes a plan of sampleBoardPlan's into a map, over the map's own stages and lanes (in their order). */
export function writeSampleBoard(map: JourneyMap, plan: SamplePlan): void {
  const stages = listStages(map);
  const lanes = listLanes(map);
  const segmentIds = change(map.board, () => {
    for (const stage of stages) resizeStage(map, stage.id, plan.stageWidth);
    for (const lane of lanes) if (lane.kind !== "emotion") resizeLane(map, lane.id, plan.laneHeight);
    return plan.segments.map((segment) => {
      const id = addSegment(map, { name: segment.name, color: segment.color, description: "", valueTier: "mid" });
      segment.scores.forEach((score, s) => {
        const stage = stages[s];
        if (stage) setEmotion(map, id, stage.id, score);
      });
      return id;
    });
  });
  for (let from = 0; from < plan.notes.length; from += BATCH) {
    change(map.board, () => {
      for (const note of plan.notes.slice(from, from + BATCH)) {
        const stage = stages[note.stage];
        const lane = lanes[note.lane];
        addNote(map, {
          cell: stage && lane ? { stageId: stage.id, laneId: lane.id } : null,
          x: note.x,
          // The emotion lane keeps its own height (its curves need no more): its notes stay within it.
          y: lane?.kind === "emotion" ? Math.min(note.y, lane.height - NOTE_SIZE.h - 8) : note.y,
          author: note.author,
          kind: note.kind,
          text: note.text,
          channel: note.channel,
          polarity: note.polarity,
          segmentIds: note.segments.flatMap((i) => segmentIds[i] ?? []),
        });
      }
    });
  }
}
