import { describe, expect, it } from "vitest";
import { gridCsvFileName } from "../src/raci/csv-download.js";

describe("the RACI grid's CSV file", () => {
  it("is named after the board and the map, without characters file systems refuse", () => {
    expect(gridCsvFileName("Broadband 2025", "Future state")).toBe("Broadband 2025 - Future state RACI.csv");
    expect(gridCsvFileName('a/b: "c"?', "x\ty")).toBe("a b c - x y RACI.csv");
    expect(gridCsvFileName("  ", "")).toBe("Journeyboard RACI.csv");
  });
});
