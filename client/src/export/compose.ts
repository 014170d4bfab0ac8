import { type CrowdResult, type Journey, KIND_COLORS, NOTE_COLORS, NOTE_KINDS } from "@journeyboard/shared";
import { KIND_LABELS } from "../labels.js";
import { layoutFrame } from "./frame.js";
import { drawMap } from "./picture.js";
import { type Shape, shifted } from "./shapes.js";
import type { Measure } from "./text-layout.js";

/** What of a map a picture shows, and the picture itself: the map framed by its titles and legend. */

export type ExportScope =
  | { what: "map" }
  | { what: "selection"; noteIds: readonly string[] }
  | { what: "stage"; stageId: string };

export interface Picture {
  /** In picture units (board units); a PNG at scale 2 is twice as many pixels each way. */
  width: number;
  height: number;
  shapes: Shape[];
}

export const CURVE_MARKS =
  "On the emotion curves: ▲ peak · ▼ trough · ↘ largest drop · ★ / ⚡ a moment-of-truth note placed in that stage";

/**
 * The part of a map a scope shows: the whole map; the selected notes alone, on the stages and lanes
 * that hold them; or one stage with its notes and its points on the curves. Throws, saying why, when
 * there is nothing to show.
 */
export function scopedJourney(journey: Journey, scope: ExportScope): Journey {
  if (scope.what === "map") return journey;
  if (scope.what === "stage") {
    const stage = journey.stages.find((s) => s.id === scope.stageId);
    if (!stage) throw new Error("That stage is no longer on the map.");
    const notes = journey.notes.filter((n) => n.cell?.stageId === stage.id);
    return { ...journey, stages: [stage], notes };
  }
  const chosen = new Set(scope.noteIds);
  const notes = journey.notes.filter((n) => chosen.has(n.id));
  if (notes.length === 0) throw new Error("Select the notes to export first.");
  const stageIds = new Set(notes.map((n) => n.cell?.stageId));
  const laneIds = new Set(notes.map((n) => n.cell?.laneId));
  const stages = journey.stages.filter((s) => stageIds.has(s.id));
  const lanes = journey.lanes.filter((l) => laneIds.has(l.id));
  // A note placed freely, or whose stage or lane is gone, is drawn where it is on the whole grid.
  const everyInCell = notes.every(
    (n) => n.cell && stages.some((s) => s.id === n.cell?.stageId) && lanes.some((l) => l.id === n.cell?.laneId),
  );
  return everyInCell ? { ...journey, stages, lanes, notes } : { ...journey, notes };
}

export function scopeTitle(mapTitle: string, journey: Journey, scope: ExportScope): string {
  if (scope.what === "map") return mapTitle;
  if (scope.what === "stage") {
    const stage = journey.stages.find((s) => s.id === scope.stageId);
    return `${mapTitle} · stage ${stage?.title ?? ""}`;
  }
  const count = scope.noteIds.length;
  return `${mapTitle} · ${count} selected ${count === 1 ? "note" : "notes"}`;
}

export interface PictureInput {
  boardTitle: string;
  mapTitle: string;
  journey: Journey;
  scope: ExportScope;
  /** Each segment's last crowd-scoring result (from the control document). */
  crowd?: ReadonlyMap<string, CrowdResult>;
}

/** Yields as the map's notes are drawn (how many so far); gives the framed picture. */
export function* composePicture(input: PictureInput, measure: Measure): Generator<number, Picture> {
  const journey = scopedJourney(input.journey, input.scope);
  const drawn = yield* drawMap(journey, measure, input.crowd);
  const frame = layoutFrame(
    {
      boardTitle: input.boardTitle,
      subtitle: scopeTitle(input.mapTitle, input.journey, input.scope),
      map: { w: drawn.bounds.w, h: drawn.bounds.h },
      legend: [
        ...NOTE_KINDS.map((kind) => ({
          label: KIND_LABELS[kind],
          color: NOTE_COLORS[KIND_COLORS[kind]],
          swatch: "note" as const,
        })),
        ...journey.segments.map((s) => ({ label: s.name, color: s.color, swatch: "curve" as const })),
      ],
      marks: CURVE_MARKS,
    },
    measure,
  );
  const dx = frame.map.x - drawn.bounds.x;
  const dy = frame.map.y - drawn.bounds.y;
  return {
    width: Math.ceil(frame.width),
    height: Math.ceil(frame.height),
    shapes: [...frame.shapes, ...drawn.shapes.map((shape) => shifted(shape, dx, dy))],
  };
}
