import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import { addNote, listSegments, listStages } from "@journeyboard/shared";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { AppProcess, expect, freePort, test } from "./app.js";
import { addNotes, boardIdOf, foundOnDisk, logLines, smallDisk } from "./data-dir.js";
import { firstMap, peer, storedNotes, withBoard } from "./reader.js";

/**
 * The disk under the real process: filled and freed while it runs, and searched byte by byte for what
 * must never be kept on it. Each test prints what happened.
 */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds of its value or `ms` pass; returns the last value either way. */
async function settle<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await pause(100);
  }
}

async function readiness(app: AppProcess): Promise<{ status: number; body: string }> {
  const response = await fetch(`${app.url}/readyz`);
  return { status: response.status, body: await response.text() };
}

/** Fills the disk holding `file` until it takes no more (bounded: the disk is a small tmpfs). */
async function fill(file: string): Promise<void> {
  const handle = await open(file, "w");
  try {
    for (let i = 0; i < 1024; i++) await handle.write(Buffer.alloc(256 * 1024, 1));
    throw new Error("the disk never filled");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    await handle.close();
  }
}

test("a full disk: writes fail and /readyz says so while /healthz stays up; once freed the server takes writes again by itself and keeps all it acknowledged", async () => {
  test.setTimeout(120_000);
  const disk = await smallDisk(16);
  const app = new AppProcess(await freePort(), join(disk.dir, "data"), { STORE_RETRY_SECONDS: "1" });
  try {
    await app.start();
    const board = await app.createBoard();
    await addNotes(board, ["before 1", "before 2"]);
    const filler = join(disk.dir, "filler");
    await fill(filler);

    // As long as a note may be (4000 characters): more than a page of the full disk, which cannot store it.
    const onFullDisk = `written on a full disk ${"x".repeat(3900)}`;
    const writer = peer(board);
    await writer.synced();
    addNote(firstMap(writer.doc), { cell: null, x: 0, y: 0, author: "writer", text: onFullDisk });
    const storeFailed = await settle(
      async () => logLines(app).some((l) => l.event === "board store failed"),
      (failed) => failed,
      20_000,
    );
    const whileFull = await settle(
      () => readiness(app),
      (r) => r.status === 503,
      20_000,
    );
    const healthWhileFull = (await fetch(`${app.url}/healthz`)).status;

    await rm(filler);
    const freedAt = Date.now();
    const afterFreed = await settle(
      () => readiness(app),
      (r) => r.status === 200 && r.body.includes("ready"),
      20_000,
    );
    const readyAfterMs = Date.now() - freedAt;
    // The writer's relay closed it when its edit could not be stored; it reconnects and sends it again.
    const stored = await settle(
      async () => (await storedNotes(board)).some((n) => n.text === onFullDisk),
      (held) => held,
      20_000,
    );
    const storedAfterMs = Date.now() - freedAt;
    writer.leave();
    await addNotes(board, ["after 1", "after 2"]);
    const live = (await storedNotes(board)).map((n) => n.text.slice(0, 22)).sort();
    await app.stop("SIGKILL");
    await app.start();
    const afterRestart = (await storedNotes(board)).map((n) => n.text.slice(0, 22)).sort();
    console.log(
      `disk full: store failure logged ${storeFailed}; /readyz ${whileFull.status} ${whileFull.body} and /healthz ` +
        `${healthWhileFull} while full; freed: /readyz ${afterFreed.status} after ${readyAfterMs} ms, the edit made ` +
        `on the full disk stored ${stored} after ${storedAfterMs} ms; live ${JSON.stringify(live)}; after kill -9 ` +
        `and restart ${JSON.stringify(afterRestart)}`,
    );
    expect(storeFailed).toBe(true);
    expect(whileFull.status).toBe(503);
    expect(whileFull.body).toContain("No space left on device");
    expect(healthWhileFull).toBe(200);
    expect(afterFreed.status).toBe(200);
    expect(stored).toBe(true);
    const everything = ["after 1", "after 2", "before 1", "before 2", onFullDisk.slice(0, 22)];
    expect(live).toEqual(everything);
    expect(afterRestart).toEqual(everything);
  } finally {
    await app.stop();
    await disk.remove();
  }
});

test("private scores never reach the disk: no score or participant id of a round is in any file under DATA_DIR", async ({
  app,
}) => {
  const board = await app.createBoard();
  const id = boardIdOf(board);
  const token = new URL(board).searchParams.get("token") ?? "";
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.url}/api/boards/${id}/${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const { mapId, segmentId, stages } = await withBoard(board, (doc) => {
    const map = firstMap(doc);
    return { mapId: map.id, segmentId: listSegments(map)[0]?.id, stages: listStages(map).map((s) => s.id) };
  });
  const round = await api("POST", "scoring", { action: "open", mapId, segmentId });
  const roundId = String(round.roundId);

  // Each scorer is issued a participant id and holds a live connection with its credential.
  const scorers = await Promise.all(
    [0, 1].map(async () => {
      const { participantId, credential } = await api("POST", "participants");
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${app.port}`, id, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token, participant: String(credential) },
      });
      await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
      return { participantId: String(participantId), credential: String(credential), provider, doc };
    }),
  );
  const scores = stages.slice(0, 3).map((stage, i) => ({ [stage]: i - 2 }));
  for (const [i, scorer] of scorers.entries()) {
    const sent = await api("PUT", "scoring/mine", {
      roundId,
      participant: scorer.credential,
      scores: Object.assign({}, ...scores.slice(i)),
      shareAs: null,
    });
    expect(sent.submitted).toBe(i + 1);
  }
  // What a kept entry would look like on disk: the participant's id, its scores as JSON, its key.
  const needles = [
    ...scorers.map((s) => s.participantId),
    ...scores.map((s) => JSON.stringify(s).slice(1, -1)),
    `!s!${roundId}`,
  ];
  const whileOpen = await foundOnDisk(app.dataDir, needles);
  const closed = await api("POST", "scoring", { action: "close" });
  const afterClose = await foundOnDisk(app.dataDir, needles);
  for (const s of scorers) {
    s.provider.destroy();
    s.doc.destroy();
  }
  await app.stop("SIGKILL");
  await app.start();
  const afterRestart = await foundOnDisk(app.dataDir, needles);
  console.log(
    `private scores: ${closed.participants} scorers; found on disk while open: ${whileOpen.length}, after the ` +
      `close: ${afterClose.length}, after a restart: ${afterRestart.length} ${JSON.stringify(afterRestart.slice(0, 3))}`,
  );
  expect(closed.participants).toBe(2);
  expect(whileOpen).toEqual([]);
  expect(afterClose).toEqual([]);
  expect(afterRestart).toEqual([]);
});
