import { listLanes, listNotes, listStages, readPrivateWriting } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { closeWithin, openRaw, type RawSocket, SYNC_REQUEST } from "./frames.js";
import {
  type BoardKey,
  connect,
  connectedParticipant,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  postToBoard,
  relaysStartedPerTest,
  socketUrl,
  synced,
  type TestApp,
} from "./helpers.js";
import { httpWith } from "./http-helpers.js";

const started = relaysStartedPerTest();

const call = (app: TestApp, key: BoardKey, path: string, body: unknown) => postToBoard(app, key, path, body);

const writer = (app: TestApp, link: BoardKey) => connectedParticipant(app, link);

function privately(app: TestApp, key: BoardKey, body: Record<string, unknown>) {
  return call(app, key, "private/notes", { participant: key.participant, ...body });
}

/** Everything a raw socket received, as one buffer to look for text in. */
const seen = (raw: RawSocket) => Buffer.concat(raw.received.map((f) => Buffer.from(f)));

async function boardOn(app: TestApp) {
  const board = await createBoardOn(app);
  const control = connect(app, board, new Y.Doc(), `${board.id}/control`);
  const content = connect(app, board);
  await Promise.all([synced(control), synced(content)]);
  const map = firstMap(content.doc);
  const cell = { stageId: listStages(map)[0]?.id as string, laneId: listLanes(map)[0]?.id as string };
  return { board, control, content, mapId: map.id, cell };
}

describe("private writing", () => {
  it("sends nobody another participant's private notes before the reveal, and reveals them all with their authors", async () => {
    const app = await started();
    const { board, control, content, mapId, cell } = await boardOn(app);
    const editor = await linkFor(app, board, "editor");
    const [ana, ben] = await Promise.all([writer(app, editor), writer(app, editor)]);
    // Ben's browser, as raw frames on both documents: everything the relay sends it.
    const bensBoard = await openRaw(socketUrl(app, ben.key));
    const bensControl = await openRaw(socketUrl(app, ben.key, "/control"));
    for (const raw of [bensBoard, bensControl]) raw.ws.send(SYNC_REQUEST);

    expect((await call(app, board, "private", { action: "start", mapId, scope: "board" })).status).toBe(201);
    const created = await privately(app, ana.key, {
      action: "create",
      name: "Ana",
      color: "#aa3366",
      note: { cell, x: 10, y: 20, kind: "pain-point", text: "anas draft secret" },
    });
    expect(created.status).toBe(200);
    const [draft] = created.body.notes as { id: string }[];
    const edited = await privately(app, ana.key, {
      action: "edit",
      noteId: draft?.id,
      note: { cell, x: 10, y: 20, kind: "pain-point", text: "anas hidden pain" },
    });
    expect(edited.body.notes).toMatchObject([{ id: draft?.id, text: "anas hidden pain" }]);
    const second = await privately(app, ana.key, { action: "create", note: { cell, x: 0, y: 0, text: "anas gone" } });
    const gone = (second.body.notes as { id: string }[])[1]?.id;
    expect((await privately(app, ana.key, { action: "delete", noteId: gone })).body.notes).toHaveLength(1);
    await privately(app, ben.key, {
      action: "create",
      name: "Ben",
      note: { cell: null, x: 5, y: 5, text: "bens idea" },
    });

    // Each lists only their own; the control document tells counts per stage, nothing more.
    expect((await privately(app, ben.key, { action: "list" })).body.notes).toMatchObject([{ text: "bens idea" }]);
    await eventually(() => expect(readPrivateWriting(control.doc)?.counts).toEqual({ [cell.stageId]: 1, "": 1 }));
    await eventually(() => expect(seen(bensControl).includes(Buffer.from(cell.stageId))).toBe(true));
    for (const text of ["anas draft secret", "anas hidden pain", "anas gone", "Ana"]) {
      expect([seen(bensBoard).includes(Buffer.from(text)), seen(bensControl).includes(Buffer.from(text))]).toEqual([
        false,
        false,
      ]);
    }
    expect(listNotes(firstMap(ben.socket.doc)).map((n) => n.text)).not.toContain("anas hidden pain");

    expect((await call(app, board, "private", { action: "reveal" })).body).toEqual({ revealed: 2 });
    // The same check sees the text once revealed: it would have seen it before.
    await eventually(() => expect(seen(bensBoard).includes(Buffer.from("anas hidden pain"))).toBe(true));
    await eventually(() => {
      const notes = listNotes(firstMap(ben.socket.doc));
      expect(notes.find((n) => n.text === "anas hidden pain")).toMatchObject({
        author: "Ana",
        authorColor: "#aa3366",
        kind: "pain-point",
        cell,
      });
      expect(notes.find((n) => n.text === "bens idea")).toMatchObject({ author: "Ben", cell: null, x: 5, y: 5 });
    });
    expect(listNotes(firstMap(ben.socket.doc)).map((n) => n.text)).not.toContain("anas gone");
    await eventually(() => expect(readPrivateWriting(control.doc)).toMatchObject({ status: "off", counts: {} }));
    expect((await privately(app, ana.key, { action: "list" })).body.notes).toEqual([]);
    for (const raw of [bensBoard, bensControl]) raw.ws.close();
    leave(control, content, ana.socket, ben.socket);
  });

  it("keeps private notes across a relay restart during private writing", async () => {
    const first = await started();
    const { board, control, content, mapId, cell } = await boardOn(first);
    const editor = await linkFor(first, board, "editor");
    const ana = await writer(first, editor);
    await call(first, board, "private", { action: "start", mapId, scope: "stage", stageId: cell.stageId });
    const written = await privately(first, ana.key, {
      action: "create",
      name: "Ana",
      note: { cell, x: 1, y: 2, text: "kept" },
    });
    expect(written.status).toBe(200);
    leave(control, content, ana.socket);
    await first.close();

    const second = await started({ dataDir: first.dataDir });
    const socket = connect(second, ana.key);
    await synced(socket);
    expect((await privately(second, ana.key, { action: "list" })).body.notes).toMatchObject([{ text: "kept" }]);
    expect((await call(second, board, "private", { action: "reveal" })).body).toEqual({ revealed: 1 });
    await eventually(() =>
      expect(listNotes(firstMap(socket.doc)).find((n) => n.text === "kept")).toMatchObject({ author: "Ana", cell }),
    );
    leave(socket);
  });

  it("refuses starting and revealing to an editor and a viewer, private notes to a viewer and forged participants", async () => {
    const app = await started();
    const { board, control, content, mapId, cell } = await boardOn(app);
    const editor = await linkFor(app, board, "editor");
    const viewer = await linkFor(app, board, "viewer");
    for (const key of [editor, viewer]) {
      for (const body of [{ action: "start", mapId, scope: "board" }, { action: "reveal" }]) {
        expect(await call(app, key, "private", body)).toEqual({
          status: 403,
          body: { error: "only a facilitator can start or reveal private writing" },
        });
      }
    }
    expect(readPrivateWriting(control.doc)).toBeNull();
    await call(app, board, "private", { action: "start", mapId, scope: "stage", stageId: cell.stageId });
    const watcher = await writer(app, viewer);
    const note = { cell, x: 0, y: 0, text: "x" };
    expect((await privately(app, watcher.key, { action: "create", note })).status).toBe(403);
    const ana = await writer(app, editor);
    const forged = `${ana.key.participant?.split(".").slice(0, 2).join(".")}.${"A".repeat(43)}`;
    expect((await call(app, editor, "private/notes", { participant: forged, action: "create", note })).status).toBe(
      403,
    );
    expect((await call(app, editor, "private/notes", { participantId: "me", action: "list" })).status).toBe(401);
    // Written outside the stage, or too big: refused with the reason.
    const outside = await privately(app, ana.key, { action: "create", note: { ...note, cell: null } });
    expect(outside).toEqual({
      status: 409,
      body: { error: "private writing is on for one stage only: write your note in it" },
    });
    expect((await privately(app, ana.key, { action: "edit", noteId: "nope", note })).status).toBe(409);
    expect((await privately(app, ana.key, { action: "create", note, pad: "x".repeat(5000) })).status).toBe(413);
    // No socket path leads to the private notes' document, whatever the credential.
    const probe = await openRaw(socketUrl(app, ana.key, "/private")).catch(() => undefined);
    expect(probe ? await closeWithin(probe) : "refused").not.toBe("open");
    leave(control, content, watcher.socket, ana.socket);
  });

  it("refuses private note actions past MAX_PRIVATE_NOTE_ACTIONS_PER_SECOND with 429", async () => {
    const app = await started(httpWith({ privateNotesPerSecond: 1 }));
    const { board, control, content } = await boardOn(app);
    const ana = await writer(app, board);
    const answers = await Promise.all([1, 2, 3].map(() => privately(app, ana.key, { action: "list" })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    leave(control, content, ana.socket);
  });
});
