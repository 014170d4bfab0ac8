import { describe, expect, it } from "vitest";
import {
  activityTitle,
  addActivity,
  csvCell,
  csvRow,
  gridCsv,
  listRoles,
  listStages,
  readGrid,
  renameRole,
  setCellLetters,
  toCsv,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

describe("CSV cells", () => {
  it("quote commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("neutralise what a spreadsheet would run as a formula, and write numbers as numbers", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    for (const start of ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]) {
      expect(csvCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-2, or less")).toBe('"\'-2, or less"');
    expect(csvCell("Call = quick")).toBe("Call = quick");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(1.5)).toBe("1.5");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("make rows and documents ending each row with CRLF, with a byte order mark on request", () => {
    expect(csvRow(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"');
    expect(
      toCsv([
        ["h1", "h2"],
        ["v1", "v2"],
      ]),
    ).toBe("h1,h2\r\nv1,v2\r\n");
    expect(toCsv([["é"]], { bom: true })).toBe("\uFEFFé\r\n");
    expect(toCsv([])).toBe("");
  });
});

describe("the RACI grid as CSV", () => {
  it("has a row per activity with its stage, phase, letters per role and systems, every cell safe", () => {
    const { map } = newBoard();
    const stages = listStages(map);
    const roles = listRoles(map).map((r) => r.id);
    renameRole(map, roles[5] ?? "", 'Sales, "field"');
    const install =
      addActivity(map, { title: "=cmd|' /C calc'!A0", stageId: stages[5]?.id ?? "", systems: ["CRM", "@field app"] }) ??
      "";
    const greet = addActivity(map, { title: "Greet, then" }) ?? "";
    // A title bound to a textarea can hold a line break.
    activityTitle(map, greet)?.insert("Greet, then".length, "\nqualify");
    setCellLetters(map, install, roles[0] ?? "", ["A", "R"]);
    setCellLetters(map, install, roles[4] ?? "", ["C", "I"]);
    const lines = gridCsv(readGrid(map), stages, { bom: true }).split("\r\n");
    expect(lines).toEqual([
      '\uFEFFActivity,Stage,Phase,Design and development,Finance,Operations,Contact center,IT,"Sales, ""field""",Systems',
      "'=cmd|' /C calc'!A0,I install,post-sale,R/A,,,,C/I,,'@field app; CRM",
      '"Greet, then\nqualify",,,,,,,,,',
      "",
    ]);
  });
});
