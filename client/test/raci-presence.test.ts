import { describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { cellId, cellVisitors, readCellRef } from "../src/raci/cell-presence.js";

const CELL = { mapId: "map123456789", activityId: "act123456789", column: "role12345678" };

/** Another participant's presence, as it arrives from the relay. */
function arrive(awareness: Awareness, clientId: number, state: unknown): void {
  awareness.states.set(clientId, state as Record<string, unknown>);
}

describe("the RACI cell each participant is on", () => {
  it("is read from others' presence, by cell, with their name and color; this participant's own is left out", () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalStateField("raciCell", CELL);
    arrive(awareness, 7, { user: { name: "Bo", color: "#E03131" }, raciCell: CELL });
    arrive(awareness, 8, { user: { name: "Cy", color: "#1971C2" }, raciCell: { ...CELL, mapId: "othermap1234" } });
    const visitors = cellVisitors(awareness, CELL.mapId);
    expect([...visitors.keys()]).toEqual([cellId(CELL.activityId, CELL.column)]);
    expect(visitors.get(cellId(CELL.activityId, CELL.column))).toEqual([{ clientId: 7, name: "Bo", color: "#E03131" }]);
    awareness.destroy();
  });

  it("reads a malformed, oversized or hostile field as no cell", () => {
    for (const bad of [
      null,
      "cell",
      { ...CELL, activityId: 42 },
      { ...CELL, column: "x".repeat(65) },
      { ...CELL, column: 'a"]/..' },
      { mapId: CELL.mapId, activityId: CELL.activityId },
    ]) {
      expect(readCellRef(bad)).toBeNull();
    }
    expect(readCellRef({ ...CELL, extra: "x".repeat(10_000) })).toEqual(CELL);
    const awareness = new Awareness(new Y.Doc());
    arrive(awareness, 7, { user: { name: "Bo", color: "red;background:url(x)" }, raciCell: CELL });
    arrive(awareness, 8, { user: { name: 3 }, raciCell: CELL });
    arrive(awareness, 9, { raciCell: CELL });
    expect(cellVisitors(awareness, CELL.mapId).size).toBe(0);
    awareness.destroy();
  });
});
