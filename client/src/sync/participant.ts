import { readClaims } from "@journeyboard/shared";
import { callApi } from "./api.js";

/**
 * This browser's participant on a board, as the relay issued it. Kept in localStorage, so a reload or a
 * second tab of the same browser stays the same participant. One per board, role and generation of the
 * link: the relay takes a credential only with a link of the role it was issued for.
 */
function storageKey(boardId: string, token: string): string {
  const claims = readClaims(token);
  return `journeyboard:participant:${boardId}:${claims?.role}:${claims?.generation}`;
}

/** How long joining may take before the board connects without a participant (and tries again later). */
const JOIN_SECONDS = 3;

/** The credential this browser keeps for the board, if it has joined before. */
export function keptParticipant(boardId: string, token: string): string | null {
  return localStorage.getItem(storageKey(boardId, token));
}

/** A new credential from the relay, kept for next time; null if it cannot be had now (offline, a restart). */
export async function joinAsParticipant(boardId: string, token: string): Promise<string | null> {
  const key = storageKey(boardId, token);
  try {
    const { credential } = await callApi<{ credential: string }>(
      "POST",
      `/api/boards/${boardId}/participants`,
      token,
      {},
      AbortSignal.timeout(JOIN_SECONDS * 1000),
    );
    // Another tab opened at the same moment may have joined first: all tabs take the one kept.
    const raced = localStorage.getItem(key);
    if (raced) return raced;
    localStorage.setItem(key, credential);
    return credential;
  } catch {
    return null;
  }
}

/** Drops a credential the relay refused, so that the next page load joins afresh. */
export function forgetParticipant(boardId: string, token: string): void {
  localStorage.removeItem(storageKey(boardId, token));
}
