import type { StageScores } from "@journeyboard/shared";
import { callApi } from "./api.js";
import type { BoardConnection } from "./connection.js";

/**
 * Sends this participant's private scores for the open round to the relay (and to nobody else), as the
 * participant the relay issued to this browser: it counts them only from a browser connected as that.
 */
export async function submitScores(
  connection: BoardConnection,
  roundId: string,
  scores: StageScores,
  shareAs: string | null,
): Promise<number> {
  const { boardId, token, participant } = connection;
  if (!participant) throw new Error("this browser has not joined the board yet: reload the page to score");
  return (await callApi("PUT", `/api/boards/${boardId}/scoring/mine`, token, { roundId, participant, scores, shareAs }))
    .submitted as number;
}

export async function openScoring(boardId: string, token: string, mapId: string, segmentId: string): Promise<void> {
  await callApi("POST", `/api/boards/${boardId}/scoring`, token, { action: "open", mapId, segmentId });
}

export async function closeScoring(boardId: string, token: string): Promise<void> {
  await callApi("POST", `/api/boards/${boardId}/scoring`, token, { action: "close" });
}
