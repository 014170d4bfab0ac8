import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloseCode, deleteNotes, listNotes } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadSecret } from "../src/auth/secret.js";
import { signToken } from "../src/auth/tokens.js";
import {
  closeCodeOf,
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  noteOn,
  notesOf,
  presenceSeen,
  relayEachTest,
  removeData,
  signedToken,
  socketUrl,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
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

  it("revoking a role's links disconnects its participants at once; other roles stay", async () => {
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
    // At once: the relay closed the connection before it answered the revocation.
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        event: "connection closed by the relay",
        role: "editor",
        code: CloseCode.tokenRevoked,
      }),
    );
    expect(await closed).toBe(CloseCode.tokenRevoked);
    console.log(`revocation: the editor was disconnected ${Date.now() - started} ms after the request`);
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
  const refusalLogs = () => app.logs.filter((l) => l.event === "update refused");

  it("a viewer receives the board and shares presence, but its edits are dropped, counted, never stored or relayed", async () => {
    const board = await createBoardOn(app);
    const viewer = connect(app, await linkFor(app, board, "viewer"));
    const editor = connect(app, await linkFor(app, board, "editor"));
    const facilitator = connect(app, board);
    await Promise.all([synced(viewer), synced(editor), synced(facilitator)]);
    noteOn(editor.doc, "from the editor");
    await eventually(() => expect(notesOf(viewer.doc)).toEqual(["from the editor"]));
    viewer.provider.awareness.setLocalStateField("user", { name: "Vera" });
    await eventually(() =>
      expect(editor.provider.awareness.getStates().get(viewer.doc.clientID)).toEqual({ user: { name: "Vera" } }),
    );
    // Joining, the viewer answered the relay's sync with an empty update: that is not a write.
    expect(app.metrics.refusedUpdates).toBe(0);
    expect(refusalLogs()).toEqual([]);
    noteOn(viewer.doc, "from the viewer");
    await presenceSeen(viewer, editor);
    expect(app.metrics.refusedUpdates).toBe(1);
    expect(refusalLogs()).toEqual([
      expect.objectContaining({ board: board.id, doc: "board", role: "viewer", reason: "read-only role" }),
    ]);
    // An edit the relay took after the viewer's goes through the same queue: the viewer's would be first.
    noteOn(facilitator.doc, "after");
    await eventually(() => expect(notesOf(editor.doc)).toContain("after"));
    expect(notesOf(editor.doc)).toEqual(["after", "from the editor"]);
    leave(viewer, editor, facilitator);
    // After a restart only the others' notes are there.
    await app.close();
    app = await startTestApp({ dataDir: app.dataDir });
    const check = connect(app, board);
    await synced(check);
    expect(notesOf(check.doc)).toEqual(["after", "from the editor"]);
    leave(check);
  });

  it("only facilitators write the control document; editors and viewers read it", async () => {
    const board = await createBoardOn(app);
    const control = `${board.id}/control`;
    const facilitator = connect(app, board, new Y.Doc(), control);
    const editor = connect(app, await linkFor(app, board, "editor"), new Y.Doc(), control);
    const viewer = connect(app, await linkFor(app, board, "viewer"), new Y.Doc(), control);
    const cofacilitator = connect(app, board, new Y.Doc(), control);
    await Promise.all([synced(facilitator), synced(editor), synced(viewer), synced(cofacilitator)]);
    facilitator.doc.getMap("walkThrough").set("round", "internal");
    await eventually(() => expect(editor.doc.getMap("walkThrough").get("round")).toBe("internal"));
    await Promise.all([presenceSeen(editor, facilitator), presenceSeen(viewer, facilitator)]);
    expect(app.metrics.refusedUpdates).toBe(0);
    editor.doc.getMap("walkThrough").set("round", "customers");
    await presenceSeen(editor, facilitator);
    expect(app.metrics.refusedUpdates).toBe(1);
    expect(refusalLogs()).toEqual([expect.objectContaining({ doc: "control", role: "editor" })]);
    cofacilitator.doc.getMap("walkThrough").set("step", 2);
    await eventually(() => expect(facilitator.doc.getMap("walkThrough").get("step")).toBe(2));
    expect(facilitator.doc.getMap("walkThrough").get("round")).toBe("internal");
    leave(facilitator, editor, viewer, cofacilitator);
  });

  it("a viewer's sync reply counts only when it holds something new: not its copy of deletions, but offline edits", async () => {
    const board = await createBoardOn(app);
    const facilitator = connect(app, board);
    await synced(facilitator);
    noteOn(facilitator.doc, "kept");
    noteOn(facilitator.doc, "dropped");
    const map = firstMap(facilitator.doc);
    deleteNotes(
      map,
      listNotes(map).flatMap((n) => (n.text === "dropped" ? [n.id] : [])),
    );
    const viewer = connect(app, await linkFor(app, board, "viewer"));
    await synced(viewer);
    await eventually(() => expect(notesOf(viewer.doc)).toEqual(["kept"]));
    // Reconnected, its reply carries the deletions it holds: the relay holds them too.
    viewer.provider.disconnect();
    viewer.provider.connect();
    await synced(viewer);
    await presenceSeen(viewer, facilitator);
    expect(app.metrics.refusedUpdates).toBe(0);
    viewer.provider.disconnect();
    noteOn(viewer.doc, "written offline");
    viewer.provider.connect();
    await synced(viewer);
    await presenceSeen(viewer, facilitator);
    expect(app.metrics.refusedUpdates).toBe(1);
    leave(viewer, facilitator);
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
