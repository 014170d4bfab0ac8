import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLogger, type Logger } from "../src/log.js";
import { PgBoardStore, type Sequenced } from "../src/store/pg-store.js";
import { eventually } from "./helpers.js";
import { postgresPerFile } from "./postgres-per-file.js";

/** What PostgreSQL adds for several processes: two store instances on one database stand for two relays. */

const postgres = postgresPerFile();

const opened: PgBoardStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function twoStores(log: Logger = createLogger("error")): Promise<[PgBoardStore, PgBoardStore, string]> {
  const url = await postgres.database();
  const stores = [await PgBoardStore.open(url, { log, retrySeconds: 1 }), await PgBoardStore.open(url, { log })];
  opened.push(...stores);
  return [stores[0] as PgBoardStore, stores[1] as PgBoardStore, url];
}

/** `count` Yjs updates of one writer, each pushing its own value to a shared array. */
function writerUpdates(name: string, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getArray<string>("a").push([`${name}${i}`]);
  doc.destroy();
  return updates;
}

function valuesOf(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const values = doc.getArray<string>("a").toArray();
  doc.destroy();
  return values.sort();
}

describe("PgBoardStore across processes", () => {
  it("numbers a document's updates 1, 2, 3… in commit order, whichever process appends; a reader never sees a gap", async () => {
    const [a, b] = await twoStores();
    const batches = (name: string) =>
      Array.from({ length: 40 }, (_, i) =>
        Array.from({ length: 1 + (i % 3) }, (_, j) => new Uint8Array([name.charCodeAt(0), i, j])),
      );
    // Every batch at once: each process has several appends of the document under way together.
    const appendAll = (store: PgBoardStore, name: string) =>
      Promise.all(
        batches(name).map(async (batch) => ({
          range: (await store.appendNumbered("Doc1", batch)) as Sequenced,
          batch,
        })),
      );
    let done = false;
    const gaps: string[] = [];
    // Reads as the next developer's catch-up does: everything after the last number seen.
    const reader = (async () => {
      let seen = 0;
      for (let reads = 0; !done && reads < 100_000; reads++) {
        for (const { seq } of await b.updatesAfter("Doc1", seen)) {
          if (seq !== seen + 1) gaps.push(`${seen} then ${seq}`);
          seen = seq;
        }
      }
    })();
    const [fromA, fromB] = await Promise.all([appendAll(a, "a"), appendAll(b, "b")]);
    done = true;
    await reader;
    expect(gaps).toEqual([]);
    const all = [...fromA, ...fromB].sort((x, y) => x.range.first - y.range.first);
    const stored = await a.updatesAfter("Doc1", 0);
    expect(stored.map(({ seq }) => seq)).toEqual(stored.map((_, i) => i + 1));
    let next = 1;
    for (const { range, batch } of all) {
      expect(range).toEqual({ first: next, last: next + batch.length - 1 });
      expect(stored.slice(range.first - 1, range.last).map(({ update }) => [...update])).toEqual(
        batch.map((u) => [...u]),
      );
      next = range.last + 1;
    }
    expect((await a.updatesAfter("Doc1", next - 3)).map(({ seq }) => seq)).toEqual([next - 2, next - 1]);
  });

  it("a compaction loses nothing another process appends meanwhile", async () => {
    const [writer, compactor] = await twoStores();
    await writer.create("BoardOne12345", Y.encodeStateAsUpdate(new Y.Doc()));
    const updates = writerUpdates("w", 300);
    let writing = true;
    const compactions: number[] = [];
    const compacting = (async () => {
      for (let i = 0; writing && i < 10_000; i++) compactions.push((await compactor.compact("BoardOne12345")).replaced);
    })();
    for (const update of updates) await writer.append("BoardOne12345", [update]);
    writing = false;
    await compacting;
    // Several compactions replaced updates while the writer went on appending.
    expect(compactions.filter((replaced) => replaced > 1).length).toBeGreaterThan(2);
    const stored = await compactor.load("BoardOne12345");
    expect(valuesOf(stored)).toEqual(valuesOf(updates));
    expect(valuesOf(stored)).toHaveLength(300);
    // Numbers go on from the last one: a snapshot keeps the number of the last update it replaced.
    const tail = await writer.updatesAfter("BoardOne12345", 0);
    expect(tail.at(-1)?.seq).toBe(301);
  });

  it("runs one board's locked tasks one at a time across processes, and two boards' side by side", async () => {
    const [a, b] = await twoStores();
    let inside = 0;
    let most = 0;
    let ran = 0;
    const task = (store: PgBoardStore) => async () => {
      inside++;
      most = Math.max(most, inside);
      // A few round trips to the database: time in which another task would start, were it let in.
      for (let i = 0; i < 3; i++) await store.load("Doc1");
      inside--;
      ran++;
    };
    await Promise.all(
      Array.from({ length: 10 }, () => [a.exclusively("Board1", task(a)), b.exclusively("Board1", task(b))]).flat(),
    );
    expect({ most, ran }).toEqual({ most: 1, ran: 20 });

    // Each waits until the other has started: only tasks running side by side can both finish.
    let startedOne = () => {};
    let startedTwo = () => {};
    const one = new Promise<void>((resolve) => (startedOne = resolve));
    const two = new Promise<void>((resolve) => (startedTwo = resolve));
    const both = Promise.all([
      a.exclusively("Board1", async () => {
        startedOne();
        await two;
        return "one";
      }),
      b.exclusively("Board2", async () => {
        startedTwo();
        await one;
        return "two";
      }),
    ]);
    await expect(both).resolves.toEqual(["one", "two"]);
  });

  it("PostgreSQL stopped: writes fail with the reason, nothing stored is lost, and writes work once it is back", async () => {
    const logs: Record<string, unknown>[] = [];
    const [store] = await twoStores(createLogger("debug", (line) => logs.push(JSON.parse(line))));
    const before = writerUpdates("before", 5);
    await store.create("BoardOne12345", Y.encodeStateAsUpdate(new Y.Doc()));
    for (const update of before) await store.append("BoardOne12345", [update]);
    await postgres.stop();
    try {
      await expect(store.append("BoardOne12345", writerUpdates("lost", 1))).rejects.toThrow();
      expect(store.failure()).toMatch(/^PostgreSQL took no write: /);
      await expect(store.probe()).rejects.toThrow(/no writes until PostgreSQL answers again/);
      expect(logs).toContainEqual(expect.objectContaining({ event: "store failed", retrySeconds: 1 }));
    } finally {
      await postgres.start();
    }
    await eventually(() => expect(store.failure()).toBeUndefined());
    expect(logs).toContainEqual(expect.objectContaining({ event: "store recovered" }));
    const after = writerUpdates("after", 2);
    await store.append("BoardOne12345", after);
    expect(valuesOf(await store.load("BoardOne12345"))).toEqual(valuesOf([...before, ...after]));
  });
});
