import { change, cleanTitle, containerOf, type JourneyMap } from "./doc.js";
import { clamp, readChild, readNumber, readString, records } from "./fields.js";
import { byOrder } from "./order.js";
import { isLaneKind, LANE_HEIGHT, type Lane, type LaneKind, type Note, type NoteKind } from "./schema.js";
import { addTrack, deleteTrack, moveTrack, resizeTrack, type TrackKind } from "./tracks.js";

const LANES: TrackKind = { container: "lanes", noteKey: "laneId", sizeKey: "height", clampSize: clampLaneHeight };

/** Lanes: the swimlane rows (customer actions, touchpoints, channels, thoughts, pain points, ...). */

export function listLanes(map: JourneyMap): Lane[] {
  const lanes: Lane[] = [];
  for (const [id, y] of records(containerOf(map, "lanes"))) {
    const kind = y.get("kind");
    lanes.push({
      id,
      title: readString(y, "title", ""),
      kind: isLaneKind(kind) ? kind : "actions",
      height: clampLaneHeight(readNumber(y, "height", LANE_HEIGHT.initial)),
      order: readString(y, "order", ""),
    });
  }
  return lanes.sort(byOrder);
}

export function clampLaneHeight(height: number): number {
  return clamp(Math.round(height), LANE_HEIGHT.min, LANE_HEIGHT.max);
}

/**
 * What a note put in a lane of this kind is, as a person means it: in "Touchpoints" (or "Channels") a
 * touchpoint, in "Pain points" a pain point, in "Opportunities" an opportunity; elsewhere a plain note.
 */
const LANE_NOTE_KINDS: Partial<Record<LaneKind, NoteKind>> = {
  touchpoints: "touchpoint",
  channels: "touchpoint",
  "pain-points": "pain-point",
  opportunities: "opportunity",
};

export function noteKindOfLane(kind: LaneKind | undefined): NoteKind {
  return (kind && LANE_NOTE_KINDS[kind]) ?? "note";
}

/** What a note counts as: its own kind, or, for a plain note, the kind its lane gives. */
export function countedKind(note: Pick<Note, "kind" | "cell">, lanes: ReadonlyMap<string, LaneKind>): NoteKind {
  if (note.kind !== "note" || !note.cell) return note.kind;
  return noteKindOfLane(lanes.get(note.cell.laneId));
}

export function renameLane(map: JourneyMap, laneId: string, title: string): void {
  change(map.board, () => {
    const y = readChild(containerOf(map, "lanes"), laneId);
    y?.set("title", cleanTitle(title, readString(y, "title", "Lane")));
  });
}

/** Adds a lane after another (at the end when `afterId` is null); returns its id. */
export function addLane(
  map: JourneyMap,
  lane: { title: string; kind: LaneKind },
  afterId: string | null = null,
  id?: string,
): string {
  return addTrack(
    map,
    LANES,
    { title: cleanTitle(lane.title, "New lane"), kind: lane.kind, height: LANE_HEIGHT.initial },
    afterId,
    id,
  );
}

export function moveLane(map: JourneyMap, laneId: string, toIndex: number): void {
  moveTrack(map, LANES, laneId, toIndex);
}

export function resizeLane(map: JourneyMap, laneId: string, height: number): void {
  resizeTrack(map, LANES, laneId, height);
}

/** Deletes a lane; its notes move to the lane above it (or below it). Returns how many moved. */
export function deleteLane(map: JourneyMap, laneId: string): number {
  return deleteTrack(map, LANES, laneId);
}
