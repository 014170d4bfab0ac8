import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { getMap, listMaps, listSegments, listStages, openBoard, readCrowd, readScoring } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type BoardKey,
  connect,
  connectedParticipant,
  createBoardOn,
  eventually,
  firstMap,
  joinAsParticipant,
  leave,
  linkFor,
  postToBoard,
  relayEachTest,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

const call = (method: string, path: string, key: BoardKey, body: unknown) => postToBoard(app, key, path, body, method);

const scorer = (link: BoardKey) => connectedParticipant(app, link);

/** Which of `needles` the raw bytes of any file under `dir` hold. */
async function foundInFiles(dir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(join(entry.parentPath, entry.name));
    for (const needle of needles) if (bytes.includes(needle)) found.push(`${needle} in ${entry.name}`);
  }
  return found;
}

/** Sends a participant's scores for the round, with their link and credential. */
function mine(key: BoardKey, roundId: string, scores: Record<string, number>, shareAs: string | null = null) {
  return call("PUT", "scoring/mine", key, { roundId, participant: key.participant, scores, shareAs });
}

/** A new board, its first map's first segment and stages, a reader of its control document, and an open round. */
async function roundOn() {
  const board = await createBoardOn(app);
  const control = connect(app, board, new Y.Doc(), `${board.id}/control`);
  const content = connect(app, board);
  await Promise.all([synced(control), synced(content)]);
  const map = firstMap(content.doc);
  const segmentId = listSegments(map)[0]?.id ?? "";
  const stages = listStages(map).map((s) => s.id);
  const opened = await call("POST", "scoring", board, { action: "open", mapId: map.id, segmentId });
  expect(opened.status).toBe(201);
  leave(content);
  return { board, control, mapId: map.id, segmentId, stages, roundId: opened.body.roundId as string };
}

describe("crowd scoring", () => {
  it("keeps each participant's scores private until the round closes, then shows only the group's result and opt-ins", async () => {
    const board = await createBoardOn(app);
    const editor = await linkFor(app, board, "editor");
    const viewer = await linkFor(app, board, "viewer");
    const watcher = connect(app, viewer);
    const watcherControl = connect(app, viewer, new Y.Doc(), `${board.id}/control`);
    await Promise.all([synced(watcher), synced(watcherControl)]);
    const b = openBoard(watcher.doc);
    const map = getMap(b, listMaps(b)[0]?.id ?? "");
    if (!map) throw new Error("no map");
    const segment = listSegments(map)[0]?.id ?? "";
    const [need, aware] = listStages(map).map((s) => s.id);
    if (!need || !aware) throw new Error("no stages");

    expect((await call("POST", "scoring", editor, { action: "open", mapId: map.id, segmentId: segment })).status).toBe(
      403,
    );
    const opened = await call("POST", "scoring", board, { action: "open", mapId: map.id, segmentId: segment });
    expect(opened.status).toBe(201);
    const roundId = opened.body.roundId as string;
    await eventually(() => expect(readScoring(watcherControl.doc)?.status).toBe("open"));

    const [ana, carla, cy, dee] = await Promise.all([editor, editor, editor, editor].map(scorer));
    if (!ana || !carla || !cy || !dee) throw new Error("no scorers");
    expect(await mine(ana.key, roundId, { [need]: -2, [aware]: 3, "not-a-stage": 1 })).toEqual({
      status: 200,
      body: { submitted: 1 },
    });
    expect((await mine(carla.key, roundId, { [need]: 1, [aware]: 9 }, "Carla")).body).toEqual({ submitted: 2 });
    await mine(cy.key, roundId, { [need]: -3 });
    await mine(dee.key, roundId, { [need]: 0 });
    expect((await call("PUT", "scoring/mine", ana.key, { participant: ana.key.participant })).status).toBe(400);

    // Nothing of anyone's scores reached another participant: only how many have scored, and per stage
    // how many privately (so the facilitator knows which figures closing now would withhold).
    await eventually(() => expect(readScoring(watcherControl.doc)?.submitted).toBe(4));
    const keys = [...watcherControl.doc.getMap("scoring").keys()].sort();
    expect(keys).toEqual(["mapId", "privateScores", "roundId", "segmentId", "status", "submitted"]);
    expect(readScoring(watcherControl.doc)?.privateScores).toEqual({ [need]: 3, [aware]: 1 });
    expect(readCrowd(watcherControl.doc, map.id, segment)).toBeNull();
    const again = await call("POST", "scoring", board, { action: "open", mapId: map.id, segmentId: segment });
    expect(again.status).toBe(409);

    expect((await call("POST", "scoring", editor, { action: "close" })).status).toBe(403);
    const closed = await call("POST", "scoring", board, { action: "close" });
    expect(closed.status).toBe(200);
    await eventually(() => expect(readCrowd(watcherControl.doc, map.id, segment)).not.toBeNull());
    expect(readCrowd(watcherControl.doc, map.id, segment)).toEqual({
      roundId,
      closedAt: expect.any(Number),
      participants: 4,
      stages: {
        // Three private scores and Carla's: the mean is shown, the spread waits for five private scores.
        [need]: { mean: -1, sd: null, count: 4 },
        // One private score and Carla's: the mean would give the private one away.
        [aware]: { mean: null, sd: null, count: 2 },
      },
      shared: { Carla: { [need]: 1, [aware]: 3 } },
    });
    // Nothing of it is in the board document, which editors can write.
    expect(JSON.stringify(watcher.doc.getMap("maps").toJSON())).not.toContain(roundId);
    await eventually(() => expect(readScoring(watcherControl.doc)?.status).toBe("closed"));
    expect((await mine(ana.key, roundId, { [need]: 0 })).status).toBe(409);
    // Private scores waited in the store until the close, which dropped them: no file of the data
    // directory holds them, nor who sent them, any more.
    leave(watcher, watcherControl, ana.socket, carla.socket, cy.socket, dee.socket);
    await app.close();
    const privately = [ana, cy, dee].map((s) => s.key.participantId);
    const anasBallot = JSON.stringify({ scores: { [need]: -2, [aware]: 3 }, shareAs: null });
    expect(await foundInFiles(app.dataDir, [...privately, anasBallot])).toEqual([]);
    app = await startTestApp({ dataDir: app.dataDir });
  });

  it("runs one operation of a round at a time: a submit racing the close never reopens the round", async () => {
    const { board, control, stages, roundId } = await roundOn();
    const stage = stages[0] ?? "";
    const [first, second] = await Promise.all([scorer(board), scorer(board)]);
    if (!first || !second) throw new Error("no scorers");
    const racing = await Promise.all([
      mine(first.key, roundId, { [stage]: 1 }),
      call("POST", "scoring", board, { action: "close" }),
      mine(second.key, roundId, { [stage]: 2 }),
    ]);
    expect(racing.map((r) => r.status)).toEqual([200, 200, 409]);
    await eventually(() => expect(readScoring(control.doc)?.status).toBe("closed"));
    // Each answered operation had changed the control document; a change made now reaches the reader after them.
    const marker = connect(app, board, new Y.Doc(), `${board.id}/control`);
    await synced(marker);
    marker.doc.getMap("walkThrough").set("step", 1);
    await eventually(() => expect(control.doc.getMap("walkThrough").get("step")).toBe(1));
    expect(readScoring(control.doc)?.status).toBe("closed");
    const map = firstMap(first.socket.doc);
    expect(
      (await call("POST", "scoring", board, { action: "open", mapId: map.id, segmentId: "no-segment" })).status,
    ).toBe(409);
    leave(control, first.socket, second.socket, marker);
  });
});

describe("who counts in a round", () => {
  it("refuses scores under an invented or forged id, another board's credential, a viewer, and a browser that has gone", async () => {
    const { board, control, stages, roundId } = await roundOn();
    const stage = stages[0] ?? "";
    const editor = await linkFor(app, board, "editor");
    const scores = { [stage]: -3 };
    const invented = await call("PUT", "scoring/mine", editor, { roundId, participantId: "colleague-1", scores });
    expect(invented).toEqual({ status: 401, body: { error: expect.stringContaining("no participant credential") } });
    const forged = { ...editor, participant: "p1.AAAAAAAAAAAAAAAAAAAAAA.bm90LXNpZ25lZC1ieS10aGUtcmVsYXk" };
    expect((await mine(forged, roundId, scores)).status).toBe(403);

    const elsewhere = await scorer(await createBoardOn(app));
    const borrowed = { ...editor, participant: elsewhere.key.participant };
    expect(await mine(borrowed, roundId, scores)).toEqual({
      status: 403,
      body: { error: "the participant credential was not issued for this board and link" },
    });

    const viewer = await scorer(await linkFor(app, board, "viewer"));
    expect(await mine(viewer.key, roundId, scores)).toEqual({
      status: 403,
      body: { error: "viewers watch the round: only facilitators and editors score" },
    });

    // Issued, but never connected; then connected and gone.
    const absent = await joinAsParticipant(app, editor);
    expect((await mine(absent, roundId, scores)).status).toBe(409);
    const gone = await scorer(editor);
    const connected = async () => {
      const response = await fetch(`${app.url}/api/boards/${board.id}`, {
        headers: { Authorization: `Bearer ${board.token}` },
      });
      return ((await response.json()) as { connections: number }).connections;
    };
    const before = await connected();
    leave(gone.socket);
    await eventually(async () => expect(await connected()).toBe(before - 1));
    expect(await mine(gone.key, roundId, scores)).toEqual({
      status: 409,
      body: { error: expect.stringContaining("not connected to the board") },
    });

    expect(readScoring(control.doc)?.submitted).toBe(0);
    leave(control, elsewhere.socket, viewer.socket);
  });

  it("counts each connected participant once: three reach the threshold, resubmitting replaces, two at once both count", async () => {
    const { board, control, mapId, segmentId, stages, roundId } = await roundOn();
    const stage = stages[0] ?? "";
    const editor = await linkFor(app, board, "editor");
    const [ana, ben, cy] = await Promise.all([scorer(editor), scorer(editor), scorer(board)]);
    if (!ana || !ben || !cy) throw new Error("no scorers");

    // Ana and Ben at the same instant: both count.
    const together = await Promise.all([
      mine(ana.key, roundId, { [stage]: 3 }),
      mine(ben.key, roundId, { [stage]: -1 }),
    ]);
    expect(together.map((r) => r.status)).toEqual([200, 200]);
    expect(together.map((r) => r.body.submitted).sort()).toEqual([1, 2]);

    // Ana again, from a second tab of her browser (same credential) and from the first, at once: still one.
    const secondTab = connect(app, ana.key);
    await synced(secondTab);
    const twice = await Promise.all([mine(ana.key, roundId, { [stage]: 2 }), mine(ana.key, roundId, { [stage]: 2 })]);
    expect(twice.map((r) => r.body)).toEqual([{ submitted: 2 }, { submitted: 2 }]);

    expect((await mine(cy.key, roundId, { [stage]: -2 })).body).toEqual({ submitted: 3 });
    expect((await call("POST", "scoring", board, { action: "close" })).status).toBe(200);
    await eventually(() => expect(readCrowd(control.doc, mapId, segmentId)).not.toBeNull());
    const result = readCrowd(control.doc, mapId, segmentId);
    expect(result?.participants).toBe(3);
    // 2, -1, -2: the mean -0.33; no spread with three private scores, and never the lowest or highest.
    expect(result?.stages[stage]).toEqual({ mean: -0.33, sd: null, count: 3 });
    const stored = control.doc.getMap("crowd").get(`${mapId}/${segmentId}`) as { stages: Record<string, object> };
    expect(Object.keys(stored.stages[stage] ?? {}).sort()).toEqual(["count", "mean", "sd"]);
    leave(control, ana.socket, ben.socket, cy.socket, secondTab);
  });
});
