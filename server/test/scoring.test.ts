import { getMap, listMaps, listSegments, listStages, openBoard, readCrowd, readScoring } from "@journeyboard/shared";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
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
    expect(await mine(editor, "participant-aaaa", { [need]: -2, [aware]: 3 }, null)).toEqual({
      status: 200,
      body: { submitted: 1 },
    });
    expect((await mine(viewer, "participant-bbbb", { [need]: 1, [aware]: 9 }, "Carla")).body).toEqual({ submitted: 2 });
    expect((await mine(editor, "bad id", {}, null)).status).toBe(400);

    // Nothing of anyone's scores reached another participant: only how many have scored.
    await eventually(() => expect(readScoring(watcherControl.doc)?.submitted).toBe(2));
    expect([...watcherControl.doc.getMap("scoring").keys()].sort()).toEqual([
      "mapId",
      "roundId",
      "segmentId",
      "status",
      "submitted",
    ]);
    expect(readCrowd(map, segment)).toBeNull();

    expect((await call("POST", "scoring", editor, { action: "close" })).status).toBe(403);
    const closed = await call("POST", "scoring", board, { action: "close" });
    expect(closed.status).toBe(200);
    await eventually(() => expect(readCrowd(map, segment)).not.toBeNull());
    expect(readCrowd(map, segment)).toMatchObject({
      roundId,
      participants: 2,
      stages: {
        [need]: { mean: -0.5, min: -2, max: 1, count: 2 },
        [aware]: { mean: 3, min: 3, max: 3, count: 2 },
      },
      shared: { Carla: { [need]: 1, [aware]: 3 } },
    });
    await eventually(() => expect(readScoring(watcherControl.doc)?.status).toBe("closed"));
    expect((await mine(editor, "participant-aaaa", { [need]: 0 }, null)).status).toBe(409);
    leave(watcher, watcherControl);
  });
});
