import { type ActiveLocks, type Locks, locksIn } from "@journeyboard/shared";
import { useCallback } from "react";
import type * as Y from "yjs";
import { callApi } from "./api.js";
import type { BoardConnection } from "./connection.js";
import { useObserved } from "./hooks.js";

/** The locks in force (with the walk-through's stage as the open one while it runs), from the control document. */
export function useLocks(connection: Pick<BoardConnection, "control">): ActiveLocks | null {
  const read = useCallback(() => locksIn(connection.control), [connection]);
  // The open stage follows the walk-through too: read again when it moves.
  const { control } = connection;
  return useObserved(
    control.getMap("locks") as Y.AbstractType<unknown>,
    control.getMap("walkthrough") as Y.AbstractType<unknown>,
    read,
  );
}

export type LocksRequest = { structure?: boolean; stages?: boolean; mapId?: string; stageId?: string };

/** A facilitator's lock change: the relay writes it into the control document and enforces it. */
export function locksAction(connection: Pick<BoardConnection, "boardId" | "token">, request: LocksRequest) {
  return callApi<Locks>("POST", `/api/boards/${connection.boardId}/locks`, connection.token, request);
}
