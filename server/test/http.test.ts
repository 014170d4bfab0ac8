import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCodeOf, createBoardOn, removeData, startTestApp, type TestApp } from "./helpers.js";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await removeData(app);
});

/**
 * Sends raw bytes on one connection and resolves with everything the server answered once it closes
 * the connection; `end: false` keeps the sending side open, as a client still uploading would.
 */
function exchange(request: string, { end = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(app.url).port), "127.0.0.1", () =>
      end ? socket.end(request) : socket.write(request),
    );
    let data = "";
    socket.on("data", (chunk) => {
      data += chunk.toString();
    });
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
  });
}

describe("HTTP API", () => {
  it("answers health without telling anything about boards", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers metrics to loopback callers", async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ connections: 0, documentsInMemory: 0, refusedUpdates: 0 });
  });

  it("creates a board and answers its id and its facilitator link", async () => {
    const created = await createBoardOn(app, "Onboarding");
    expect(created.id).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(created.url).toBe(`/b/${created.id}?token=${created.link.token}`);
    expect(created.link).toMatchObject({ role: "facilitator", expiresAt: null });
    expect(app.logs).toContainEqual(expect.objectContaining({ event: "board created", board: created.id }));
  });

  it("gives every board a new id", async () => {
    const [a, b] = await Promise.all([createBoardOn(app), createBoardOn(app)]);
    expect(a.id).not.toBe(b.id);
  });

  it("refuses a body that is not JSON, a title that is not a string, and an oversized body", async () => {
    const post = (body: string) =>
      fetch(`${app.url}/api/boards`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const notJson = await post("{title:");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/JSON/);
    expect((await post(JSON.stringify({ title: 42 }))).status).toBe(400);
    const huge = await post(JSON.stringify({ title: "x".repeat(10_000) }));
    expect(huge.status).toBe(413);
    expect(huge.headers.get("connection")).toBe("close");
    expect(await huge.json()).toEqual({
      error: "the body is over 4096 bytes: only a Journeyboard file may be longer",
    });
  });

  it("answers a client still sending a body over the import limit with 413, without waiting for the rest, then closes", async () => {
    const head = "POST /api/boards HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000";
    const answer = await exchange(`${head}\r\n\r\n{"title":"${"x".repeat(8192)}`, { end: false });
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    // The body comes chunked: its one chunk is the JSON.
    expect(JSON.parse(/\{.*\}/.exec(answer)?.[0] ?? "")).toEqual({ error: "the body is over 16777216 bytes" });
  });

  it("answers request targets that are not paths with 400, and stays up", async () => {
    for (const target of ["//", "///", "//@", "//a:99999", "*"]) {
      const answer = await exchange(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    }
    const upgrade = await closeCodeOf(`${app.url.replace("http", "ws")}//a:99999`).catch(() => "refused");
    expect(upgrade).not.toBeUndefined();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("answers unknown endpoints and wrong methods with a JSON error", async () => {
    const unknown = await fetch(`${app.url}/api/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "no such endpoint" });
    expect((await fetch(`${app.url}/api/boards`)).status).toBe(405);
  });
});
