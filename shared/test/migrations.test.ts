import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type Migration, mapsOf, metaOf, migrateBoard, SCHEMA_VERSION, schemaVersionOf } from "../src/index.js";
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
    const migrations: Migration[] = [
      { version: 2, description: "two", up: () => steps.push("two") },
      { version: 3, description: "three", up: () => steps.push("three") },
    ];
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    expect(migrateBoard(doc, migrations, 3)).toEqual({ status: "migrated", from: 1, to: 3 });
    expect(steps).toEqual(["two", "three"]);
    expect(transactions).toBe(1);
  });

  it("refuses to touch a board written by a newer version", () => {
    const doc = new Y.Doc();
    metaOf(doc).set("schemaVersion", SCHEMA_VERSION + 1);
    expect(migrateBoard(doc)).toEqual({ status: "too-new", version: SCHEMA_VERSION + 1 });
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION + 1);
  });
});
