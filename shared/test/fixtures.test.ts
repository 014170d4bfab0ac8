import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  balance,
  checkGrid,
  compareMaps,
  computeGrid,
  DEFAULT_ROLES,
  getMap,
  gridCsv,
  itStack,
  type JourneyMap,
  journeyOf,
  listLanes,
  listMaps,
  listNotes,
  listSegments,
  listStages,
  migrateBoard,
  momentsOfTruth,
  openBoard,
  placedMoments,
  readCurve,
  readGrid,
  repairBoard,
  SCHEMA_VERSION,
  schemaVersionOf,
} from "../src/index.js";

function fixture(version: number): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readFileSync(new URL(`./fixtures/board-v${version}.bin`, import.meta.url)));
  return doc;
}

function maps(doc: Y.Doc): JourneyMap[] {
  const board = openBoard(doc);
  return listMaps(board).flatMap((m) => getMap(board, m.id) ?? []);
}

/** Every reader the app has, over every map: none may throw on a migrated board. */
function readAll(doc: Y.Doc): void {
  const journeys = maps(doc).map(journeyOf);
  for (const [i, map] of maps(doc).entries()) {
    const journey = journeys[i];
    if (!journey) continue;
    expect(computeGrid(journey.stages, listLanes(map)).columns.length).toBeGreaterThan(0);
    for (const curve of journey.curves.values()) momentsOfTruth(journey.stages, curve);
    placedMoments(journey.notes);
    balance(journey.stages, journey.notes, journey.segments, journey.curves, journey.lanes);
    const grid = readGrid(map);
    checkGrid(grid);
    itStack(grid, journey.stages);
    gridCsv(grid, journey.stages);
  }
  const [before, after] = journeys;
  if (before && after) compareMaps(before, after, before.segments);
}

const NOTES = ["Delivery is late", "Finds the pricing page", "Outside the grid"];

describe("boards written at every past version", () => {
  for (const version of [0, 1, 2, 3]) {
    it(`a version ${version} board migrates to today's version with nothing lost, and the repair pass finds nothing to do`, () => {
      const doc = fixture(version);
      expect(schemaVersionOf(doc)).toBe(version);
      expect(migrateBoard(doc)).toEqual({ status: "migrated", from: version, to: SCHEMA_VERSION });
      expect(repairBoard(doc)).toBe(0);
      readAll(doc);
      const [current, future] = maps(doc);
      if (!current || !future) throw new Error("the fixture has two maps");
      for (const map of [current, future]) {
        expect(
          listNotes(map)
            .map((n) => n.text)
            .sort(),
        ).toEqual(NOTES);
        expect(listLanes(map).filter((l) => l.kind === "emotion")).toHaveLength(1);
        expect(listStages(map)).toHaveLength(9);
        expect(readGrid(map)).toMatchObject({ activities: [], accountableShare: 0.5, systemStatus: {} });
        expect(readGrid(map).roles.map((r) => r.name)).toEqual(DEFAULT_ROLES);
      }
    });
  }

  it("a version 2 board keeps its emotion points' scores and labels, and its segment tags", () => {
    const doc = fixture(2);
    migrateBoard(doc);
    const [current] = maps(doc);
    if (!current) throw new Error("the fixture has a map");
    const stages = listStages(current).map((s) => s.id);
    const [typical, enterprise] = listSegments(current);
    const curve = Object.fromEntries(
      readCurve(current, typical?.id ?? "").map((p) => [stages.indexOf(p.stageId), [p.score, p.label]]),
    );
    expect(curve).toEqual({ 0: [2, ""], 4: [-2, "Waiting at home"], 6: [0, "Label only"] });
    expect(readCurve(current, enterprise?.id ?? "")).toEqual([{ stageId: stages[2], score: -1, label: "" }]);
    const tagged = listNotes(current).find((n) => n.text === "Finds the pricing page");
    expect(tagged?.segmentIds).toEqual([typical?.id]);
  });

  it("a version 3 board keeps its curves and tags, and each map gets a grid of its own", () => {
    const doc = fixture(3);
    migrateBoard(doc);
    const [current, future] = maps(doc);
    if (!current || !future) throw new Error("the fixture has two maps");
    const stages = listStages(current).map((s) => s.id);
    const [typical] = listSegments(current);
    const curve = Object.fromEntries(
      readCurve(current, typical?.id ?? "").map((p) => [stages.indexOf(p.stageId), [p.score, p.label]]),
    );
    expect(curve).toEqual({ 0: [2, ""], 4: [-2, "Waiting at home"], 6: [0, "Label only"] });
    const [currentRole] = readGrid(current).roles;
    const [futureRole] = readGrid(future).roles;
    expect(currentRole?.id).toBe(`${current.id}-role-1`);
    expect(futureRole?.id).toBe(`${future.id}-role-1`);
  });

  it("migrating twice, or two copies merged, gives the same board", () => {
    for (const version of [0, 1, 2, 3]) {
      const a = fixture(version);
      const b = fixture(version);
      migrateBoard(a);
      migrateBoard(b);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      expect(migrateBoard(a)).toEqual({ status: "current", version: SCHEMA_VERSION });
      const [current] = maps(a);
      expect(listSegments(current as JourneyMap)).toHaveLength(version >= 2 ? 2 : 1);
      expect(readGrid(current as JourneyMap).roles.map((r) => r.name)).toEqual(DEFAULT_ROLES);
      expect(listLanes(current as JourneyMap).filter((l) => l.kind === "emotion")).toHaveLength(1);
      readAll(a);
    }
  });
});
