import type { Role, ShareLink } from "@journeyboard/shared";
import { callApi } from "./api.js";

/** The board's links API, called with this participant's own link token (only facilitators may use it). */
export async function createLink(
  boardId: string,
  token: string,
  role: Role,
  expiresInSeconds: number | null,
): Promise<ShareLink> {
  return callApi("POST", `/api/boards/${boardId}/links`, token, {
    role,
    ...(expiresInSeconds ? { expiresInSeconds } : {}),
  });
}

export async function revokeLinks(boardId: string, token: string, role: Role): Promise<{ link?: ShareLink }> {
  return callApi("POST", `/api/boards/${boardId}/revoke`, token, { role });
}
