import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type BoardFile, exportBoard, importMap, type MapFile, mapImportItems } from "../src/file/index.js";
import { createBoard, MAX_UPDATE_ITEMS } from "../src/index.js";
import { boardFrom, boardRecipe } from "./file-boards.js";

/** The structs of the one update importing the file's map into a new board writes (what the relay counts). */
function importedStructs(file: BoardFile, mapIndex: number): number {
  const doc = new Y.Doc();
  const board = createBoard(doc, { title: "Workshop", now: 1 });
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  importMap(board, file, mapIndex);
  expect(updates).toHaveLength(1);
  return Y.decodeUpdate(updates[0] as Uint8Array).structs.length;
}

/** A map of `count` notes, each tagged with every one of `tags` segments and with a channel. */
function largeMap(count: number, tags: number): BoardFile {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Large", now: 1 });
  const file = exportBoard(doc, undefined, 1);
  const map = file.maps[0] as MapFile;
  const [stage, lane] = [map.stages[0], map.lanes[0]];
  const segments = Array.from({ length: tags }, (_, i) => ({
    id: `segment-${i}`,
    name: `Segment ${i}`,
    color: "#1971C2",
    description: "",
    valueTier: "mid" as const,
    curve: [],
  }));
  const notes = Array.from({ length: count }, (_, i) => ({
    id: `note-${i}`,
    text: `Note ${i}`,
    kind: "touchpoint" as const,
    cell: { stageId: stage?.id ?? "", laneId: lane?.id ?? "" },
    position: { x: 10, y: 10 },
    size: { w: 160, h: 112 },
    color: "yellow" as const,
    author: "Ana",
    authorColor: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    channel: "web" as const,
    polarity: null,
    source: null,
    segmentIds: segments.map((s) => s.id),
  }));
  return { ...file, maps: [{ ...map, segments, notes }] };
}

describe("the items a map imported from a file writes in one update", () => {
  it("are counted before importing, never fewer than the update holds, and within a few", () => {
    fc.assert(
      fc.property(boardRecipe, fc.nat(), (recipe, index) => {
        const { doc, control } = boardFrom(recipe);
        const file = exportBoard(doc, control, 1);
        const mapIndex = index % file.maps.length;
        const counted = mapImportItems(file.maps[mapIndex] as MapFile);
        const actual = importedStructs(file, mapIndex);
        expect(counted).toBeGreaterThanOrEqual(actual);
        // Over only by the texts left empty (counted as holding characters).
        expect(counted - actual).toBeLessThanOrEqual(1 + (file.maps[mapIndex]?.notes.length ?? 0) + 60);
      }),
      { numRuns: 40 },
    );
  });

  it("tell a map past the relay's limit from one within it, as the update itself does", () => {
    // 10,000 notes (the most a map of a file holds) untagged fit; tagged with 8 segments each, they do not.
    const within = largeMap(10_000, 0);
    const past = largeMap(10_000, 8);
    const [withinCount, pastCount] = [within, past].map((file) => mapImportItems(file.maps[0] as MapFile));
    expect(withinCount).toBeLessThanOrEqual(MAX_UPDATE_ITEMS);
    expect(pastCount).toBeGreaterThan(MAX_UPDATE_ITEMS);
    expect(importedStructs(within, 0)).toBeLessThanOrEqual(MAX_UPDATE_ITEMS);
    expect(importedStructs(past, 0)).toBeGreaterThan(MAX_UPDATE_ITEMS);
    expect(pastCount).toBe(importedStructs(past, 0));
  });
});
