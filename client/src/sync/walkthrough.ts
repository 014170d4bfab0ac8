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
import { useCallback, useEffect, useState } from "react";
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

/**
 * How far the relay's clock is ahead of this browser's (ms), from the Date header of a board request,
 * taken at the request's midpoint: stage time boxes are written by the relay's clock. To the second,
 * which is what a time box shown in m:ss needs.
 */
export function useRelayOffset(connection: Pick<BoardConnection, "boardId" | "token">): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const sent = Date.now();
    const controller = new AbortController();
    fetch(`/api/boards/${connection.boardId}`, {
      headers: { Authorization: `Bearer ${connection.token}` },
      signal: controller.signal,
    })
      .then((response) => {
        const date = Date.parse(response.headers.get("Date") ?? "");
        // The header drops the milliseconds: the relay's clock was, on average, half a second past it.
        if (Number.isFinite(date)) setOffset(date + 500 - (sent + Date.now()) / 2);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [connection.boardId, connection.token]);
  return offset;
}

/** This browser's estimate of the relay's clock, ticking every half second. */
export function useRelayNow(offset: number): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), 500);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
}
