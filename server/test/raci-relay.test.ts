import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addActivity,
  containerOf,
  DEFAULT_ROLES,
  getMap,
  listActivities,
  listMaps,
  openBoard,
  readGrid,
  SCHEMA_VERSION,
  schemaVersionOf,
  toggleLetter,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadSecret } from "../src/auth/secret.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import {
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  relaysStartedPerTest,
  signedToken,
  synced,
} from "./helpers.js";

const started = relaysStartedPerTest();

/** Every map of a participant's copy, as each reads its grid. */
function grids(doc: Y.Doc) {
  const board = openBoard(doc);
  return listMaps(board).map((m) => {
    const map = getMap(board, m.id);
    if (!map) throw new Error("the map opens");
    return readGrid(map);
  });
}

describe("the relay and the RACI grid", () => {
  it("serves a board stored at version 3 with a grid in each map; letters set at once on one cell all land and are kept on disk", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
    const level = await LevelBoardStore.open(dataDir);
    const fixture = readFileSync(new URL("../../shared/test/fixtures/board-v3.bin", import.meta.url));
    await level.create("StoredAtV3abcdef", new Uint8Array(fixture));
    await loadSecret(dataDir, undefined);
    await level.close();
    const app = await started({ dataDir });
    const board = { id: "StoredAtV3abcdef", token: await signedToken(app, { boardId: "StoredAtV3abcdef" }) };
    const ana = connect(app, board);
    const ben = connect(app, board);
    await Promise.all([synced(ana), synced(ben)]);
    expect(schemaVersionOf(ana.doc)).toBe(SCHEMA_VERSION);
    expect(app.logs.find((l) => l.event === "board migrated")).toMatchObject({ from: 3, to: SCHEMA_VERSION });
    for (const grid of grids(ana.doc)) expect(grid.roles.map((r) => r.name)).toEqual(DEFAULT_ROLES);

    const activity = addActivity(firstMap(ana.doc), { title: "Schedule the install" }) ?? "";
    await eventually(() => expect(listActivities(firstMap(ben.doc)).map((a) => a.id)).toEqual([activity]));
    const [role] = readGrid(firstMap(ana.doc)).roles;
    // The same cell, different letters, before either has seen the other's.
    toggleLetter(firstMap(ana.doc), activity, role?.id ?? "", "R");
    toggleLetter(firstMap(ben.doc), activity, role?.id ?? "", "A");
    for (const participant of [ana, ben]) {
      await eventually(() =>
        expect(readGrid(firstMap(participant.doc)).activities[0]?.cells[role?.id ?? ""]).toEqual(["R", "A"]),
      );
    }
    leave(ana, ben);
    await app.close();

    const again = await started({ dataDir });
    const reader = connect(again, board);
    await synced(reader);
    expect(readGrid(firstMap(reader.doc)).activities[0]).toMatchObject({
      title: "Schedule the install",
      cells: { [role?.id ?? ""]: ["R", "A"] },
    });
    leave(reader);
  });

  it("an activity a stock client writes without its structure reaches everyone repaired", async () => {
    const app = await started();
    const board = await createBoardOn(app);
    const stock = connect(app, board);
    const other = connect(app, board);
    await Promise.all([synced(stock), synced(other)]);
    const bare = new Y.Map<unknown>();
    bare.set("title", "From a script");
    (containerOf(firstMap(stock.doc), "raci").get("activities") as Y.Map<unknown>).set("scripted", bare);
    for (const participant of [other, stock]) {
      await eventually(() => {
        const [activity] = listActivities(firstMap(participant.doc));
        expect(activity).toMatchObject({ id: "scripted", title: "From a script" });
        const stored = (containerOf(firstMap(participant.doc), "raci").get("activities") as Y.Map<Y.Map<unknown>>).get(
          "scripted",
        );
        expect(stored?.get("cells")).toBeInstanceOf(Y.Map);
      });
    }
    expect(app.logs.some((l) => l.event === "update repaired" && l.board === board.id)).toBe(true);
    leave(stock, other);
  });
});
