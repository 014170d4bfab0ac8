import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClassicLevel } from "classic-level";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readConfig } from "../src/config.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import {
  appsClosedAfterEach,
  connect,
  createBoardOn,
  eventually,
  leave,
  noteOn,
  startTestApp,
  synced,
} from "./helpers.js";

/** Each write is forced to disk before it counts as stored (STORE_FSYNC=1), or left to the OS (the default). */

const apps = appsClosedAfterEach();

/** The `sync` option of every LevelDB batch written from now on (the real batch still runs). */
function batchesSynced(): (boolean | undefined)[] {
  const options: (boolean | undefined)[] = [];
  const batch = ClassicLevel.prototype.batch;
  vi.spyOn(ClassicLevel.prototype, "batch").mockImplementation(function (
    this: ClassicLevel<string, Uint8Array>,
    ...args: unknown[]
  ) {
    options.push((args[1] as { sync?: boolean } | undefined)?.sync);
    return Reflect.apply(batch, this, args);
  } as typeof batch);
  return options;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("fsync", () => {
  it("STORE_FSYNC is off unless set to 1, and refuses anything but 1 or 0", () => {
    expect(readConfig({}).storeFsync).toBe(false);
    expect(readConfig({ STORE_FSYNC: "1" }).storeFsync).toBe(true);
    expect(readConfig({ STORE_FSYNC: "0" }).storeFsync).toBe(false);
    expect(() => readConfig({ STORE_FSYNC: "true" })).toThrow('STORE_FSYNC must be 1 or 0, not "true"');
  });

  for (const fsync of [true, false]) {
    it(`a participant's updates are stored in batches ${fsync ? "forced to disk" : "left to the OS"} (STORE_FSYNC=${fsync ? 1 : 0})`, async () => {
      const syncs = batchesSynced();
      const app = await startTestApp({ storeFsync: fsync });
      apps.push(app);
      const board = await createBoardOn(app);
      const ana = connect(app, board);
      await synced(ana);
      const before = syncs.length;
      noteOn(ana.doc, "kept");
      await eventually(() => expect(syncs.length).toBeGreaterThan(before));
      expect(new Set(syncs)).toEqual(new Set([fsync]));
      leave(ana);
    });
  }

  it("the store alone leaves writes to the OS unless told to force them", async () => {
    const syncs = batchesSynced();
    for (const fsync of [undefined, true]) {
      const store = await LevelBoardStore.open(await mkdtemp(join(tmpdir(), "journeyboard-")), { fsync });
      await store.append("board", [new Uint8Array([0, 0])]);
      await store.close();
    }
    expect(syncs).toEqual([false, true]);
  });
});
