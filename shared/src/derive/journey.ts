import type { JourneyMap } from "../doc.js";
import { readCurve } from "../emotion.js";
import { listLanes } from "../lanes.js";
import { listNotes } from "../notes.js";
import type { EmotionPoint, Lane, Note, Segment, Stage } from "../schema.js";
import { listSegments } from "../segments.js";
import { listStages } from "../stages.js";

/** What the derived figures read of a map, read once. */
export interface Journey {
  stages: Stage[];
  lanes: Lane[];
  notes: Note[];
  segments: Segment[];
  curves: Map<string, EmotionPoint[]>;
}

export function journeyOf(map: JourneyMap): Journey {
  const segments = listSegments(map);
  return {
    stages: listStages(map),
    lanes: listLanes(map),
    notes: listNotes(map),
    segments,
    curves: new Map(segments.map((s) => [s.id, readCurve(map, s.id)])),
  };
}
