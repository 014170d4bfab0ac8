import { getMap, listMaps, listSegments, listStages, openBoard, readCrowd, readScoring } from "@journeyboard/shared";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { LevelBoardStore } from "../src/store/level-store.js";
import {
  type BoardKey,
  connect,
  createBoardOn,
  eventually,
  leave,
  linkFor,
  removeData,
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

async function call(method: string, path: string, key: BoardKey, body: unknown) {
  const response = await fetch(`${app.url}/api/boards/${key.id}/${path}`, {
    method,
    headers: { Authorization: `Bearer ${key.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
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

    const mine = (key: BoardKey, participantId: string, scores: Record<string, number>, shareAs: string | null) =>
      call("PUT", "scoring/mine", key, { roundId, participantId, scores, shareAs });
    expect(await mine(editor, "participant-aaaa", { [need]: -2, [aware]: 3, "not-a-stage": 1 }, null)).toEqual({
      status: 200,
      body: { submitted: 1 },
    });
    expect((await mine(viewer, "participant-bbbb", { [need]: 1, [aware]: 9 }, "Carla")).body).toEqual({ submitted: 2 });
    await mine(editor, "participant-cccc", { [need]: -3 }, null);
    await mine(editor, "participant-dddd", { [need]: 0 }, null);
    expect((await mine(editor, "bad id", {}, null)).status).toBe(400);

    // Nothing of anyone's scores reached another participant: only how many have scored.
    await eventually(() => expect(readScoring(watcherControl.doc)?.submitted).toBe(4));
    const keys = [...watcherControl.doc.getMap("scoring").keys()].sort();
    expect(keys).toEqual(["mapId", "roundId", "segmentId", "status", "submitted"]);
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
        // Three private scores and Carla's: shown.
        [need]: { mean: -1, sd: 1.5, count: 4 },
        // One private score and Carla's: the mean would give the private one away.
        [aware]: { mean: null, sd: null, count: 2 },
      },
      shared: { Carla: { [need]: 1, [aware]: 3 } },
    });
    // Nothing of it is in the board document, which editors can write.
    expect(JSON.stringify(watcher.doc.getMap("maps").toJSON())).not.toContain(roundId);
    await eventually(() => expect(readScoring(watcherControl.doc)?.status).toBe("closed"));
    expect((await mine(editor, "participant-aaaa", { [need]: 0 }, null)).status).toBe(409);
    // Once the result is out, the relay no longer keeps anyone's individual scores.
    await app.close();
    const store = await LevelBoardStore.open(app.dataDir);
    expect(await store.listScores(board.id, roundId)).toEqual([]);
    await store.close();
    app = await startTestApp({ dataDir: app.dataDir });
    leave(watcher, watcherControl);
  });

  it("runs one operation of a round at a time: a submit racing the close never reopens the round", async () => {
    const board = await createBoardOn(app);
    const reader = connect(app, board, new Y.Doc(), `${board.id}/control`);
    const doc = connect(app, board);
    await Promise.all([synced(reader), synced(doc)]);
    const b = openBoard(doc.doc);
    const map = getMap(b, listMaps(b)[0]?.id ?? "");
    const segment = map ? listSegments(map)[0]?.id : undefined;
    if (!map || !segment) throw new Error("no map");
    const stage = listStages(map)[0]?.id ?? "";
    const opened = await call("POST", "scoring", board, { action: "open", mapId: map.id, segmentId: segment });
    const roundId = opened.body.roundId as string;
    const racing = await Promise.all([
      call("PUT", "scoring/mine", board, {
        roundId,
        participantId: "participant-1111",
        scores: { [stage]: 1 },
        shareAs: null,
      }),
      call("POST", "scoring", board, { action: "close" }),
      call("PUT", "scoring/mine", board, {
        roundId,
        participantId: "participant-2222",
        scores: { [stage]: 2 },
        shareAs: null,
      }),
    ]);
    expect(racing.map((r) => r.status)).toEqual([200, 200, 409]);
    await eventually(() => expect(readScoring(reader.doc)?.status).toBe("closed"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readScoring(reader.doc)?.status).toBe("closed");
    expect(
      (await call("POST", "scoring", board, { action: "open", mapId: map.id, segmentId: "no-such-segment" })).status,
    ).toBe(409);
    leave(reader, doc);
  });
});
