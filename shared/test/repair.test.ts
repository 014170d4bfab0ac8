import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  applyRepaired,
  containerOf,
  getMap,
  listNotes,
  listSegments,
  listStages,
  mapsOf,
  metaOf,
  readCurve,
  readNote,
  repairBoard,
  SCHEMA_VERSION,
  schemaVersionOf,
  tagNotes,
} from "../src/index.js";
import { newBoard, peerOf, sync } from "./helpers.js";

/** What a participant sends: its changes since the relay's copy. */
function changesOf(from: Y.Doc, relay: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(from, Y.encodeStateVector(relay));
}

describe("the relay's repair pass", () => {
  it("gives a note a stock client wrote without text or tags its structure, so two taggers both land", () => {
    const relay = newBoard();
    const stock = peerOf(relay.doc);
    const bare = new Y.Map<unknown>();
    bare.set("x", 10);
    bare.set("text", "typed by a script");
    containerOf(stock.map, "notes").set("bare", bare);
    expect(applyRepaired(relay.doc, changesOf(stock.doc, relay.doc), "stock")).toBe(1);
    expect(readNote(relay.map, "bare")?.text).toBe("typed by a script");

    const a = peerOf(relay.doc);
    const b = peerOf(relay.doc);
    const [first] = listSegments(relay.map);
    const second = "second";
    tagNotes(a.map, ["bare"], first?.id ?? "", true);
    tagNotes(b.map, ["bare"], second, true);
    sync(a.doc, b.doc, "b-first");
    expect(readNote(a.map, "bare")?.segmentIds).toEqual([first?.id, second].sort());
  });

  it("puts back the schema version whatever an editor writes there, in the same update", () => {
    const relay = newBoard();
    const editor = peerOf(relay.doc);
    const watching = peerOf(relay.doc).doc;
    metaOf(editor.doc).set("schemaVersion", 999);
    // The relay sends the forged version and its repair on as one message: nobody sees 999.
    const relayed: Uint8Array[] = [];
    relay.doc.on("update", (update: Uint8Array) => relayed.push(update));
    expect(applyRepaired(relay.doc, changesOf(editor.doc, relay.doc), "editor")).toBe(1);
    expect(schemaVersionOf(relay.doc)).toBe(SCHEMA_VERSION);
    const watcher = new Y.Doc();
    Y.applyUpdate(watcher, Y.encodeStateAsUpdate(watching));
    let versions: number[] = [];
    metaOf(watcher).observe(() => versions.push(schemaVersionOf(watcher)));
    Y.applyUpdate(watcher, Y.mergeUpdates(relayed));
    expect(versions).toEqual([SCHEMA_VERSION]);
    versions = [];
    metaOf(editor.doc).delete("schemaVersion");
    applyRepaired(relay.doc, changesOf(editor.doc, relay.doc), "editor");
    expect(schemaVersionOf(relay.doc)).toBe(SCHEMA_VERSION);
    expect(versions).toEqual([]);
  });

  it("flattens an emotion point that a page from before the migration wrote nested", () => {
    const relay = newBoard();
    const old = peerOf(relay.doc);
    const segment = listSegments(relay.map)[0]?.id ?? "";
    const stage = listStages(relay.map)[2]?.id ?? "";
    const scores = containerOf(old.map, "segments").get(segment) as Y.Map<Y.Map<unknown>>;
    const point = new Y.Map<unknown>();
    point.set("score", -3);
    point.set("label", "Lost in the catalogue");
    (scores.get("emotion") as Y.Map<unknown>).set(stage, point);
    expect(applyRepaired(relay.doc, changesOf(old.doc, relay.doc), "old page")).toBe(1);
    expect(readCurve(relay.map, segment)).toEqual([{ stageId: stage, score: -3, label: "Lost in the catalogue" }]);
  });

  it("gives a map a stock client added without containers all of them", () => {
    const relay = newBoard();
    const stock = peerOf(relay.doc);
    const map = new Y.Map<unknown>();
    map.set("title", "Scripted");
    map.set("notes", new Y.Map<unknown>());
    mapsOf(stock.doc).set("scripted", map);
    // The map's containers, then the grid's parts in the raci container it got.
    expect(applyRepaired(relay.doc, changesOf(stock.doc, relay.doc), "stock")).toBe(2);
    const repaired = mapsOf(relay.doc).get("scripted") as Y.Map<unknown>;
    for (const name of ["stages", "lanes", "notes", "segments", "raci"])
      expect(repaired.get(name)).toBeInstanceOf(Y.Map);
    const raci = repaired.get("raci") as Y.Map<unknown>;
    for (const name of ["roles", "activities", "systems"]) expect(raci.get(name)).toBeInstanceOf(Y.Map);
  });

  it("walks a map or a container that comes new in an update whole: its notes and curves are repaired too", () => {
    const relay = newBoard();
    const stock = peerOf(relay.doc);
    const bareNote = () => {
      const note = new Y.Map<unknown>();
      note.set("text", "typed by a script");
      return note;
    };
    const map = new Y.Map<unknown>();
    for (const name of ["stages", "lanes", "raci"]) map.set(name, new Y.Map<unknown>());
    const notes = new Y.Map<unknown>();
    notes.set("n1", bareNote());
    map.set("notes", notes);
    // A segment as version 2 wrote it: a nested point and no labels.
    const segment = new Y.Map<unknown>();
    const point = new Y.Map<unknown>();
    point.set("score", 2);
    point.set("label", "why");
    const curve = new Y.Map<unknown>();
    curve.set("stage1", point);
    segment.set("emotion", curve);
    const segments = new Y.Map<unknown>();
    segments.set("s1", segment);
    map.set("segments", segments);
    mapsOf(stock.doc).set("m2", map);
    // And the first map's notes container replaced whole.
    const replaced = new Y.Map<unknown>();
    replaced.set("n2", bareNote());
    stock.map.y.set("notes", replaced);
    applyRepaired(relay.doc, changesOf(stock.doc, relay.doc), "stock");

    const added = getMap(relay.board, "m2");
    if (!added) throw new Error("the map arrived");
    expect(readNote(added, "n1")?.text).toBe("typed by a script");
    expect(readCurve(added, "s1")).toEqual([{ stageId: "stage1", score: 2, label: "why" }]);
    expect(readNote(relay.map, "n2")?.text).toBe("typed by a script");
    expect(repairBoard(relay.doc)).toBe(0);
  });

  it("a change to a segment's name reads none of its points: the cost follows the change", () => {
    const relay = newBoard();
    const segmentId = listSegments(relay.map)[0]?.id ?? "";
    const segment = containerOf(relay.map, "segments").get(segmentId) as Y.Map<unknown>;
    // A nested point left on the relay's copy outside any repair: only a pass that reads every point finds it.
    (segment.get("emotion") as Y.Map<unknown>).set("stage1", new Y.Map<unknown>());
    const editor = peerOf(relay.doc);
    (containerOf(editor.map, "segments").get(segmentId) as Y.Map<unknown>).set("name", "Renamed");
    expect(applyRepaired(relay.doc, changesOf(editor.doc, relay.doc), "editor")).toBe(0);
    expect((segment.get("emotion") as Y.Map<unknown>).get("stage1")).toBeInstanceOf(Y.Map);
    expect(repairBoard(relay.doc)).toBe(1);
  });

  it("writes nothing on a board in shape, and repairs only what an update changed", () => {
    const relay = newBoard();
    let updates = 0;
    relay.doc.on("update", () => updates++);
    expect(repairBoard(relay.doc)).toBe(0);
    expect(updates).toBe(0);
    // A note left bare earlier (outside any repair) is not this update's business.
    containerOf(relay.map, "notes").set("old", new Y.Map<unknown>());
    const editor = peerOf(relay.doc);
    tagNotes(editor.map, [], "", true);
    metaOf(editor.doc).set("title", "Renamed");
    expect(applyRepaired(relay.doc, changesOf(editor.doc, relay.doc), "editor")).toBe(0);
    expect(listNotes(relay.map).find((n) => n.id === "old")?.segmentIds).toEqual([]);
    expect(repairBoard(relay.doc)).toBe(1);
    expect(repairBoard(relay.doc)).toBe(0);
  });
});
