import { change, clampLaneHeight, cleanTitle, containerOf, type JourneyMap } from "./board.js";
import { byOrder, readChild, readNumber, readString, records } from "./fields.js";
import { isLaneKind, LANE_HEIGHT, type Lane } from "./schema.js";

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

export function renameLane(map: JourneyMap, laneId: string, title: string): void {
  change(map.board, () => {
    const y = readChild(containerOf(map, "lanes"), laneId);
    y?.set("title", cleanTitle(title, readString(y, "title", "Lane")));
  });
}
