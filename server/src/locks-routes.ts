import type { ServerResponse } from "node:http";
import { getMap, LOCKS_VERSION, type Locks, listStages, openBoard, readLocks, writeLocks } from "@journeyboard/shared";
import type * as Y from "yjs";
import type { HttpContext } from "./http.js";
import { sendError, sendJson } from "./http-json.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

const USAGE =
  'send {"structure"?: boolean, "stages"?: boolean, "mapId"?: string, "stageId"?: string}: what is locked, ' +
  "and the stage left open when the stages are locked and no walk-through runs";

/**
 * A facilitator's lock change (the caller has checked the role): what it names changes, the rest
 * stays. The relay writes it into the control document; boards in memory take it at once.
 */
export async function locksAction(
  res: ServerResponse,
  ctx: HttpContext,
  boardId: string,
  body: Record<string, unknown>,
) {
  const { structure, stages, mapId, stageId } = body;
  const flag = (value: unknown) => value === undefined || typeof value === "boolean";
  const id = (value: unknown) => value === undefined || (typeof value === "string" && value.length <= 64);
  if (
    !flag(structure) ||
    !flag(stages) ||
    !id(mapId) ||
    !id(stageId) ||
    (mapId === undefined) !== (stageId === undefined)
  ) {
    sendError(res, 400, USAGE);
    return;
  }
  if (typeof mapId === "string" && typeof stageId === "string") {
    const known = await ctx.rooms.change({ boardId, kind: "board" }, (room) => {
      const map = getMap(openBoard(room.doc), mapId);
      return map !== undefined && listStages(map).some((stage) => stage.id === stageId);
    });
    if (!known) {
      sendError(res, 409, "no such stage on this board");
      return;
    }
  }
  const locks = await ctx.rooms.change({ boardId, kind: "control" }, (room) =>
    changeLocksIn(room.doc, {
      structure: typeof structure === "boolean" ? structure : undefined,
      stages: typeof stages === "boolean" ? stages : undefined,
      mapId: typeof mapId === "string" ? mapId : undefined,
      stageId: typeof stageId === "string" ? stageId : undefined,
    }),
  );
  ctx.log.info("locks changed", { board: boardId, structure: locks.structure, stages: locks.stages });
  sendJson(res, 200, locks);
}

/** What a lock change names; the rest stays as it is. */
export interface LocksChange {
  structure?: boolean;
  stages?: boolean;
  mapId?: string;
  stageId?: string;
}

/** Writes a lock change into the control document (the run-sheet sets a step's locks this way too). */
export function changeLocksIn(control: Y.Doc, change: LocksChange): Locks {
  const before = readLocks(control);
  const after: Locks = {
    v: LOCKS_VERSION,
    structure: change.structure ?? before.structure,
    stages: change.stages ?? before.stages,
    mapId: change.mapId ?? before.mapId,
    stageId: change.stageId ?? before.stageId,
  };
  writeLocks(control, after, RELAY_ORIGIN);
  return after;
}
