import { change, clampStageWidth, cleanTitle, containerOf, type JourneyMap } from "./board.js";
import { byOrder, readChild, readNumber, readString, records } from "./fields.js";
import { isPhase, Phase, STAGE_WIDTH, type Stage } from "./schema.js";

/** Stages: the columns of the journey, in the customer's order, each pre-sale or post-sale. */

export function listStages(map: JourneyMap): Stage[] {
  const stages: Stage[] = [];
  for (const [id, y] of records(containerOf(map, "stages"))) {
    const phase = y.get("phase");
    stages.push({
      id,
      title: readString(y, "title", ""),
      phase: isPhase(phase) ? phase : Phase.preSale,
      width: clampStageWidth(readNumber(y, "width", STAGE_WIDTH.initial)),
      order: readString(y, "order", ""),
    });
  }
  return stages.sort(byOrder);
}

export function renameStage(map: JourneyMap, stageId: string, title: string): void {
  change(map.board, () => {
    const y = readChild(containerOf(map, "stages"), stageId);
    y?.set("title", cleanTitle(title, readString(y, "title", "Stage")));
  });
}
