/** Calls a board endpoint with this participant's link token; a refusal becomes an error with the server's words. */
export async function callApi<T = Record<string, unknown>>(
  method: string,
  path: string,
  token: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(path, {
    method,
    signal,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: unknown };
  if (!response.ok)
    throw new Error(typeof answer.error === "string" ? answer.error : `the server answered ${response.status}`);
  return answer;
}
