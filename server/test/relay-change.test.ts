import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { docName } from "../src/relay/documents.js";
import { Rooms } from "../src/relay/rooms.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import { eventually } from "./helpers.js";

const stores: LevelBoardStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

describe("a change the relay makes itself", () => {
  it("settles only once it is stored, so that what follows (dropping a round's ballots) never outruns it", async () => {
    const level = await LevelBoardStore.open(await mkdtemp(join(tmpdir(), "journeyboard-")));
    stores.push(level);
    const held: (() => void)[] = [];
    const store = Object.assign(Object.create(level) as LevelBoardStore, {
      append: async (docName: string, updates: readonly Uint8Array[]) => {
        await new Promise<void>((resolve) => held.push(resolve));
        await level.append(docName, updates);
      },
    });
    const config = readConfig({});
    const rooms = new Rooms(store, createLogger("error"), 500, config.limits, () => undefined);
    const boardId = await rooms.create("Held");
    let settled = false;
    const change = rooms
      .change({ boardId, kind: "control" }, (room) => room.doc.getMap("result").set("round", "closed"))
      .then(() => {
        settled = true;
      });
    await eventually(() => expect(held).toHaveLength(1));
    expect(settled).toBe(false);
    held[0]?.();
    await change;
    const stored = new Y.Doc();
    for (const update of await level.load(docName({ boardId, kind: "control" }))) Y.applyUpdate(stored, update);
    expect(stored.getMap("result").get("round")).toBe("closed");
    await rooms.releaseAll();
  });
});
