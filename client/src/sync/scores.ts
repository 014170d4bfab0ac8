import { newId, type StageScores } from "@journeyboard/shared";
import { callApi } from "./api.js";

/** This browser's participant id for crowd scoring: random, kept locally, never tied to an account. */
export function participantId(): string {
  const key = "journeyboard:participant";
  let id = localStorage.getItem(key);
  if (!id) {
    id = newId(16);
    localStorage.setItem(key, id);
  }
  return id;
}

/** Sends this participant's private scores for the open round to the relay (and to nobody else). */
export async function submitScores(
  boardId: string,
  token: string,
  roundId: string,
  scores: StageScores,
  shareAs: string | null,
): Promise<number> {
  return (
    await callApi("PUT", `/api/boards/${boardId}/scoring/mine`, token, {
      roundId,
      participantId: participantId(),
      scores,
      shareAs,
    })
  ).submitted as number;
}

export async function openScoring(boardId: string, token: string, mapId: string, segmentId: string): Promise<void> {
  await callApi("POST", `/api/boards/${boardId}/scoring`, token, { action: "open", mapId, segmentId });
}

export async function closeScoring(boardId: string, token: string): Promise<void> {
  await callApi("POST", `/api/boards/${boardId}/scoring`, token, { action: "close" });
}
