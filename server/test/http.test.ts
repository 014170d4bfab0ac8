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
    const post = (body: string) => fetch(`${app.url}/api/boards`, { method: "POST", body });
    const notJson = await post("{title:");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/JSON/);
    expect((await post(JSON.stringify({ title: 42 }))).status).toBe(400);
    const huge = await post(JSON.stringify({ title: "x".repeat(10_000) })).catch(() => undefined);
    if (huge) expect(huge.status).toBe(400);
  });

  it("answers request targets that are not paths with 400, and stays up", async () => {
    const { port } = new URL(app.url);
    for (const target of ["//", "///", "//@", "//a:99999", "*"]) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () =>
          socket.end(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`),
        );
        let data = "";
        socket.on("data", (chunk) => {
          data += chunk.toString();
        });
        socket.on("end", () => resolve(data));
        socket.on("error", reject);
      });
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
