import { describe, expect, it } from "vitest";
import { addActivity, listActivities, listRoles, nextCellLetters, setCellLetters } from "../src/index.js";
import { newBoard, peerOf, sync } from "./helpers.js";

describe("a click on a RACI cell", () => {
  it("goes through R, A, C, I and back to empty", () => {
    const seen: string[] = [];
    let letters = nextCellLetters([]);
    for (let click = 0; click < 5; click++) {
      seen.push(letters.join("") || "-");
      letters = nextCellLetters(letters);
    }
    expect(seen).toEqual(["R", "A", "C", "I", "-"]);
  });

  it("clears a cell holding several letters", () => {
    expect(nextCellLetters(["R", "A"])).toEqual([]);
  });

  it("set by two people at once on one empty cell, keeps both letters in either merge order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const ana = newBoard();
      const role = listRoles(ana.map)[0]?.id ?? "";
      const activity = addActivity(ana.map, { title: "Confirm the install date" }) ?? "";
      const bo = peerOf(ana.doc);
      // Ana clicks once (R); Bo, who saw it empty too, clicks twice (A): each writes only its own letter.
      setCellLetters(ana.map, activity, role, nextCellLetters([]));
      setCellLetters(bo.map, activity, role, nextCellLetters(nextCellLetters([])));
      sync(ana.doc, bo.doc, order);
      for (const side of [ana, bo]) expect(listActivities(side.map)[0]?.cells[role]).toEqual(["R", "A"]);
    }
  });
});
