import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  listLanes,
  listSegments,
  type Migration,
  mapsOf,
  metaOf,
  migrateBoard,
  SCHEMA_VERSION,
  schemaVersionOf,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

describe("migrateBoard", () => {
  it("leaves a current board alone", () => {
    const { doc } = newBoard();
    const before = Y.encodeStateVector(doc);
    expect(migrateBoard(doc)).toEqual({ status: "current", version: SCHEMA_VERSION });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("brings an unversioned board to the current version, filling missing map containers", () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    map.set("notes", new Y.Map());
    mapsOf(doc).set("m1", map);
    expect(migrateBoard(doc)).toEqual({ status: "migrated", from: 0, to: SCHEMA_VERSION });
    expect(map.get("stages")).toBeInstanceOf(Y.Map);
    expect(map.get("raci")).toBeInstanceOf(Y.Map);
  });

  it("runs each later step in order, in one transaction", () => {
    const { doc } = newBoard();
    const steps: string[] = [];
    const next = SCHEMA_VERSION + 1;
    const migrations: Migration[] = [
      { version: next, description: "next", up: () => steps.push("next") },
      { version: next + 1, description: "after", up: () => steps.push("after") },
    ];
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    expect(migrateBoard(doc, migrations, next + 1)).toEqual({ status: "migrated", from: SCHEMA_VERSION, to: next + 1 });
    expect(steps).toEqual(["next", "after"]);
    expect(transactions).toBe(1);
  });

  it("brings a version 1 board to version 2: an emotion lane after thoughts, a default segment, note tags", () => {
    const { doc, map } = newBoard();
    // Take it back to what version 1 wrote.
    const lanes = map.y.get("lanes") as Y.Map<Y.Map<unknown>>;
    for (const [id, lane] of lanes.entries()) if (lane.get("kind") === "emotion") lanes.delete(id);
    (map.y.get("segments") as Y.Map<unknown>).clear();
    const note = new Y.Map<unknown>();
    note.set("x", 1);
    (map.y.get("notes") as Y.Map<unknown>).set("n1", note);
    metaOf(doc).set("schemaVersion", 1);

    expect(migrateBoard(doc)).toEqual({ status: "migrated", from: 1, to: SCHEMA_VERSION });
    const kinds = listLanes(map).map((l) => l.kind);
    expect(kinds.indexOf("emotion")).toBe(kinds.indexOf("thoughts") + 1);
    expect(listSegments(map)).toHaveLength(1);
    expect(note.get("segments")).toBeInstanceOf(Y.Map);
    expect(migrateBoard(doc)).toEqual({ status: "current", version: SCHEMA_VERSION });
  });

  it("migrating two copies of a version 1 board gives one emotion lane and one segment once merged", () => {
    const { doc, map } = newBoard();
    const lanes = map.y.get("lanes") as Y.Map<Y.Map<unknown>>;
    for (const [id, lane] of lanes.entries()) if (lane.get("kind") === "emotion") lanes.delete(id);
    (map.y.get("segments") as Y.Map<unknown>).clear();
    metaOf(doc).set("schemaVersion", 1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    migrateBoard(doc);
    migrateBoard(copy);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy));
    expect(listLanes(map).filter((l) => l.kind === "emotion")).toHaveLength(1);
    expect(listSegments(map)).toHaveLength(1);
  });

  it("leaves a damaged map alone instead of failing the board", () => {
    const doc = new Y.Doc();
    const damaged = new Y.Map<unknown>();
    damaged.set("lanes", "not a map");
    mapsOf(doc).set("m1", damaged);
    metaOf(doc).set("schemaVersion", 1);
    expect(migrateBoard(doc)).toEqual({ status: "migrated", from: 1, to: SCHEMA_VERSION });
    expect(damaged.get("lanes")).toBe("not a map");
  });

  it("refuses to touch a board written by a newer version", () => {
    const doc = new Y.Doc();
    metaOf(doc).set("schemaVersion", SCHEMA_VERSION + 1);
    expect(migrateBoard(doc)).toEqual({ status: "too-new", version: SCHEMA_VERSION + 1 });
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION + 1);
  });
});
