import { change, cleanTitle, containerOf, type JourneyMap } from "./doc.js";
import { clamp, readChild, readNumber, readString, records } from "./fields.js";
import { byOrder } from "./order.js";
import { isPhase, Phase, STAGE_WIDTH, type Stage } from "./schema.js";
import { addTrack, deleteTrack, moveTrack, resizeTrack, type TrackKind } from "./tracks.js";

const STAGES: TrackKind = { container: "stages", noteKey: "stageId", sizeKey: "width", clampSize: clampStageWidth };

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

export function clampStageWidth(width: number): number {
  return clamp(Math.round(width), STAGE_WIDTH.min, STAGE_WIDTH.max);
}

export function renameStage(map: JourneyMap, stageId: string, title: string): void {
  change(map.board, () => {
    const y = readChild(containerOf(map, "stages"), stageId);
    y?.set("title", cleanTitle(title, readString(y, "title", "Stage")));
  });
}

/** Adds a stage after another (at the end when `afterId` is null); returns its id. */
export function addStage(
  map: JourneyMap,
  stage: { title: string; phase: Phase },
  afterId: string | null = null,
): string {
  return addTrack(
    map,
    STAGES,
    { title: cleanTitle(stage.title, "New stage"), phase: stage.phase, width: STAGE_WIDTH.initial },
    afterId,
  );
}

export function moveStage(map: JourneyMap, stageId: string, toIndex: number): void {
  moveTrack(map, STAGES, stageId, toIndex);
}

export function resizeStage(map: JourneyMap, stageId: string, width: number): void {
  resizeTrack(map, STAGES, stageId, width);
}

export function setStagePhase(map: JourneyMap, stageId: string, phase: Phase): void {
  change(map.board, () => readChild(containerOf(map, "stages"), stageId)?.set("phase", phase));
}

/** Deletes a stage; its notes move to the stage before it (or after it). Returns how many moved. */
export function deleteStage(map: JourneyMap, stageId: string): number {
  return deleteTrack(map, STAGES, stageId);
}
