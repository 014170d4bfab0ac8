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

/** Where the journey crosses the sale, and the stages that sit on the wrong side of it. */
export interface SaleBoundaries {
  /** Index of each stage whose phase differs from the stage before it: a sale line goes before it. */
  changes: number[];
  /** Ids of pre-sale stages that come after a post-sale one: the journey is out of order there. */
  outOfOrder: string[];
}

export function saleBoundaries(stages: readonly Pick<Stage, "id" | "phase">[]): SaleBoundaries {
  const changes: number[] = [];
  const outOfOrder: string[] = [];
  let afterSale = false;
  stages.forEach((stage, i) => {
    if (i > 0 && stage.phase !== stages[i - 1]?.phase) changes.push(i);
    if (stage.phase === Phase.postSale) afterSale = true;
    else if (afterSale) outOfOrder.push(stage.id);
  });
  return { changes, outOfOrder };
}
