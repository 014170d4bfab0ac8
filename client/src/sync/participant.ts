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

/** This browser's credential for the board: the one kept, or a new one from the relay; null if it cannot be had. */
export async function joinAsParticipant(boardId: string, token: string): Promise<string | null> {
  const key = storageKey(boardId, token);
  try {
    const kept = localStorage.getItem(key);
    if (kept) return kept;
    const { credential } = await callApi<{ credential: string }>(
      "POST",
      `/api/boards/${boardId}/participants`,
      token,
      {},
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
