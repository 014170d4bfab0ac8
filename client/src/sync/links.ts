import type { Role, ShareLink } from "@journeyboard/shared";

/** The board's links API, called with this participant's own link token (only facilitators may use it). */
export async function createLink(
  boardId: string,
  token: string,
  role: Role,
  expiresInSeconds: number | null,
): Promise<ShareLink> {
  return call(`/api/boards/${boardId}/links`, token, { role, ...(expiresInSeconds ? { expiresInSeconds } : {}) });
}

export async function revokeLinks(boardId: string, token: string, role: Role): Promise<{ link?: ShareLink }> {
  return call(`/api/boards/${boardId}/revoke`, token, { role });
}

async function call<T>(path: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `the server answered ${response.status}`);
  return answer;
}
