import { type BoardFile, parseBoardFile } from "@journeyboard/shared/file";
import { expect } from "vitest";
import type { BoardKey, TestApp } from "./helpers.js";

/** Boards' files through the API: an export with a link's token, and a body sent to POST /api/boards. */

export async function exported(app: TestApp, key: BoardKey, ending = "export.json", token = key.token) {
  const response = await fetch(`${app.url}/api/boards/${key.id}/${ending}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function fileOf(app: TestApp, key: BoardKey): Promise<BoardFile> {
  const answer = await exported(app, key);
  expect(answer.status).toBe(200);
  const parsed = parseBoardFile(answer.text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.file;
}

export function postFile(app: TestApp, body: string) {
  return fetch(`${app.url}/api/boards`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
}
