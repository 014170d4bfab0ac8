import {
  type Feedback,
  type OnTimeUp,
  type Rect,
  type Round,
  readFeedback,
  readRounds,
  readWalkthrough,
  type WalkThrough,
} from "@journeyboard/shared";
import { useCallback } from "react";
import type * as Y from "yjs";
import { callApi } from "./api.js";
import type { BoardConnection } from "./connection.js";
import { useObserved } from "./hooks.js";

/** The walk-through as the control document shows it (written by the relay, for facilitators). */
export function useWalkthrough(connection: Pick<BoardConnection, "control">): WalkThrough | null {
  const read = useCallback(() => readWalkthrough(connection.control), [connection]);
  return useObserved(connection.control.getMap("walkthrough") as Y.AbstractType<unknown>, undefined, read);
}

export function useRounds(connection: Pick<BoardConnection, "control">): Round[] {
  const read = useCallback(() => readRounds(connection.control), [connection]);
  return useObserved(connection.control.getMap("rounds") as Y.AbstractType<unknown>, undefined, read);
}

export function useFeedback(connection: Pick<BoardConnection, "control">): Feedback[] {
  const read = useCallback(() => readFeedback(connection.control), [connection]);
  return useObserved(connection.control.getArray("feedback") as Y.AbstractType<unknown>, undefined, read);
}

export type WalkthroughRequest =
  | { action: "start"; mapId: string; roundName: string; timeBoxSeconds: number | null; onTimeUp: OnTimeUp }
  | { action: "next" | "previous"; from?: string }
  | { action: "go"; stageId: string }
  | { action: "timebox"; timeBoxSeconds: number | null; onTimeUp: OnTimeUp }
  | { action: "gather"; rect: Rect }
  | { action: "end" };

/** A facilitator's step: the relay checks it, then writes it into the control document. */
export async function walkthroughAction(
  connection: Pick<BoardConnection, "boardId" | "token">,
  request: WalkthroughRequest,
): Promise<WalkThrough> {
  return callApi<WalkThrough>("POST", `/api/boards/${connection.boardId}/walkthrough`, connection.token, request);
}

/**
 * Sends feedback on the current stage to the relay, as the participant it issued to this browser: the
 * relay files it under that participant, this round and this stage.
 */
export async function sendFeedback(connection: BoardConnection, stageId: string, text: string, name: string) {
  const { boardId, token, participant } = connection;
  if (!participant) throw new Error("this browser has not joined the board yet: reload the page to give feedback");
  return callApi<Feedback>("POST", `/api/boards/${boardId}/feedback`, token, { participant, stageId, text, name });
}
