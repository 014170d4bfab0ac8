import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloseCode } from "@journeyboard/shared";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadSecret } from "../src/auth/secret.js";
import { signToken } from "../src/auth/tokens.js";
import {
  type BoardKey,
  closeCodeOf,
  connect,
  createBoardOn,
  eventually,
  leave,
  linkFor,
  noteOn,
  notesOf,
  removeData,
  signedToken,
  socketUrl,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
  await removeData(app);
});

async function api(path: string, token: string | null, init: RequestInit = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${app.url}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("share links", () => {
  it("turn away a missing, forged, foreign, unknown-board, expired or revoked token, each with its own code", async () => {
    const board = await createBoardOn(app);
    const other = await createBoardOn(app);
    const url = (token: string) => socketUrl(app, { id: board.id, token });
    const forged = `${board.token.slice(0, -4)}AAAA`;
    const tampered = signToken(randomBytes(32), {
      boardId: board.id,
      role: "facilitator",
      expiresAt: null,
      generation: 0,
    });
    expect(await closeCodeOf(`${app.url.replace("http", "ws")}/${board.id}`)).toMatchObject({
      code: CloseCode.tokenMissing,
    });
    expect(await closeCodeOf(url(forged))).toMatchObject({ code: CloseCode.tokenForged });
    expect(await closeCodeOf(url(tampered))).toMatchObject({ code: CloseCode.tokenForged });
    expect(await closeCodeOf(url(other.token))).toMatchObject({ code: CloseCode.tokenWrongBoard });
    const ghost = await signedToken(app, { boardId: "NoSuchBoard12345" });
    expect(await closeCodeOf(socketUrl(app, { id: "NoSuchBoard12345", token: ghost }))).toMatchObject({
      code: CloseCode.boardNotFound,
    });
    const expired = await signedToken(app, { boardId: board.id, role: "editor", expiresAt: Date.now() - 1 });
    expect(await closeCodeOf(url(expired))).toEqual({ code: CloseCode.tokenExpired, reason: "the link has expired" });
    const editor = await linkFor(app, board, "editor");
    await api(`/api/boards/${board.id}/revoke`, board.token, { method: "POST", body: '{"role":"editor"}' });
    expect(await closeCodeOf(url(editor.token))).toMatchObject({ code: CloseCode.tokenRevoked });
    // No document was loaded for any of them.
    expect(app.logs.filter((l) => l.event === "board loaded")).toEqual([]);
  });

  it("revoking a role's links disconnects its participants within a second; other roles stay", async () => {
    const board = await createBoardOn(app);
    const editorLink = await linkFor(app, board, "editor");
    const editor = connect(app, editorLink);
    const facilitator = connect(app, board);
    await Promise.all([synced(editor), synced(facilitator)]);
    const closed = new Promise<number>((resolve) =>
      editor.provider.on("connection-close", (event) => resolve(event?.code ?? 0)),
    );
    const started = Date.now();
    const revoked = await api(`/api/boards/${board.id}/revoke`, board.token, {
      method: "POST",
      body: '{"role":"editor"}',
    });
    expect(revoked).toEqual({ status: 200, body: { role: "editor", revoked: true } });
    expect(await closed).toBe(CloseCode.tokenRevoked);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(facilitator.provider.wsconnected).toBe(true);
    // A new editor link works.
    const fresh = connect(app, await linkFor(app, board, "editor"));
    await synced(fresh);
    leave(editor, facilitator, fresh);
  });

  it("two revocations at once both stick", async () => {
    const board = await createBoardOn(app);
    const [editor, viewer] = [await linkFor(app, board, "editor"), await linkFor(app, board, "viewer")];
    await Promise.all(
      ["editor", "viewer"].map((role) =>
        api(`/api/boards/${board.id}/revoke`, board.token, { method: "POST", body: JSON.stringify({ role }) }),
      ),
    );
    for (const old of [editor, viewer]) {
      expect(await closeCodeOf(socketUrl(app, old))).toMatchObject({ code: CloseCode.tokenRevoked });
    }
  });

  it("a link made to expire closes its connection when it does", async () => {
    const board = await createBoardOn(app);
    const brief = await linkFor(app, board, "editor", 1);
    const participant = connect(app, brief);
    const code = await new Promise<number>((resolve) => {
      participant.provider.on("connection-close", (event) => resolve(event?.code ?? 0));
    });
    leave(participant);
    expect(code).toBe(CloseCode.tokenExpired);
  });

  it("revoking the facilitator links hands the facilitator a new one", async () => {
    const board = await createBoardOn(app);
    const { body } = await api(`/api/boards/${board.id}/revoke`, board.token, {
      method: "POST",
      body: '{"role":"facilitator"}',
    });
    const link = body.link as { token: string; role: string };
    expect(link.role).toBe("facilitator");
    expect(await closeCodeOf(socketUrl(app, board))).toMatchObject({ code: CloseCode.tokenRevoked });
    const again = connect(app, { id: board.id, token: link.token });
    await synced(again);
    leave(again);
  });
});

describe("roles, enforced by the relay", () => {
  it("a viewer receives the board and shares presence, but its edits are dropped, counted, never stored or relayed", async () => {
    const board = await createBoardOn(app);
    const viewer = connect(app, await linkFor(app, board, "viewer"));
    const editor = connect(app, await linkFor(app, board, "editor"));
    await Promise.all([synced(viewer), synced(editor)]);
    noteOn(editor.doc, "from the editor");
    await eventually(() => expect(notesOf(viewer.doc)).toEqual(["from the editor"]));
    viewer.provider.awareness.setLocalStateField("user", { name: "Vera" });
    await eventually(() =>
      expect(editor.provider.awareness.getStates().get(viewer.doc.clientID)).toEqual({ user: { name: "Vera" } }),
    );
    noteOn(viewer.doc, "from the viewer");
    await eventually(() => expect(app.metrics.refusedUpdates).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(notesOf(editor.doc)).toEqual(["from the editor"]);
    leave(viewer, editor);
    // After a restart only the editor's note is there.
    await app.close();
    app = await startTestApp({ dataDir: app.dataDir });
    const check = connect(app, board);
    await synced(check);
    expect(notesOf(check.doc)).toEqual(["from the editor"]);
    leave(check);
    expect(app.logs.length).toBeGreaterThan(0);
  });

  it("only facilitators write the control document; editors and viewers read it", async () => {
    const board = await createBoardOn(app);
    const editorLink: BoardKey = await linkFor(app, board, "editor");
    const facilitator = connect(app, board, new Y.Doc(), `${board.id}/control`);
    const editor = connect(app, editorLink, new Y.Doc(), `${board.id}/control`);
    await Promise.all([synced(facilitator), synced(editor)]);
    facilitator.doc.getMap("walkThrough").set("round", "internal");
    await eventually(() => expect(editor.doc.getMap("walkThrough").get("round")).toBe("internal"));
    editor.doc.getMap("walkThrough").set("round", "customers");
    await eventually(() => expect(app.metrics.refusedUpdates).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(facilitator.doc.getMap("walkThrough").get("round")).toBe("internal");
    leave(facilitator, editor);
  });
});

describe("board HTTP endpoints apply the same rules", () => {
  it("answer a board's facts to any valid link, and refuse the rest with the matching status", async () => {
    const board = await createBoardOn(app);
    const viewer = await linkFor(app, board, "viewer");
    expect(await api(`/api/boards/${board.id}`, viewer.token)).toMatchObject({
      status: 200,
      body: { id: board.id, role: "viewer", connections: 0 },
    });
    expect((await api(`/api/boards/${board.id}?token=${viewer.token}`, null)).status).toBe(200);
    expect(await api(`/api/boards/${board.id}`, null)).toMatchObject({
      status: 401,
      body: { code: CloseCode.tokenMissing },
    });
    expect((await api(`/api/boards/${board.id}`, `${viewer.token}x`)).status).toBe(403);
    const other = await createBoardOn(app);
    expect(await api(`/api/boards/${board.id}`, other.token)).toMatchObject({
      status: 403,
      body: { code: CloseCode.tokenWrongBoard },
    });
  });

  it("let only a facilitator make and revoke links, with a valid role and expiry", async () => {
    const board = await createBoardOn(app);
    const editor = await linkFor(app, board, "editor");
    const post = (path: string, token: string, body: unknown) =>
      api(`/api/boards/${board.id}/${path}`, token, { method: "POST", body: JSON.stringify(body) });
    expect((await post("links", editor.token, { role: "viewer" })).status).toBe(403);
    expect((await post("revoke", editor.token, { role: "viewer" })).status).toBe(403);
    expect((await post("links", board.token, { role: "owner" })).status).toBe(400);
    expect((await post("links", board.token, { role: "viewer", expiresInSeconds: -5 })).status).toBe(400);
    const made = await post("links", board.token, { role: "viewer", expiresInSeconds: 3600 });
    expect(made.status).toBe(201);
    expect(made.body.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
    expect(made.body.url).toBe(`/b/${board.id}?token=${made.body.token}`);
  });

  it("keep metrics behind METRICS_TOKEN when one is configured", async () => {
    const guarded = await startTestApp({ metricsToken: "m".repeat(32) });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(403);
      const allowed = await fetch(`${guarded.url}/metrics`, { headers: { Authorization: `Bearer ${"m".repeat(32)}` } });
      expect(allowed.status).toBe(200);
    } finally {
      await guarded.close();
      await removeData(guarded);
    }
  });

  it("send security headers with every answer", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the signing key", () => {
  it("is made once, shared by servers starting at the same moment, and never read from an empty file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "journeyboard-key-"));
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecret(dir, undefined)));
    expect(new Set(keys.map((k) => k.toString("hex"))).size).toBe(1);
    expect(keys[0]?.length).toBe(32);
    await writeFile(join(dir, "secret.key"), "");
    await expect(loadSecret(dir, undefined)).rejects.toThrow(/holds no valid key/);
    await expect(loadSecret(dir, "too short")).rejects.toThrow(/at least 32/);
    await rm(dir, { recursive: true, force: true });
  });
});
