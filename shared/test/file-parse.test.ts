import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BoardFile,
  boardFileJson,
  exportBoard,
  FILE_LIMITS,
  FILE_SCHEMA_VERSION,
  type FileJson,
  type MapFile,
  migrateFile,
  parseBoardFile,
} from "../src/file/index.js";
import { boardFrom, boardRecipe } from "./file-boards.js";

/** A valid file with notes, segments, a grid and results, to break in each test. */
function sample(): BoardFile {
  const recipe = fc.sample(boardRecipe, { numRuns: 1, seed: 42 })[0];
  if (!recipe) throw new Error("fast-check gives a sample");
  const { doc, control } = boardFrom({
    ...recipe,
    maps: recipe.maps.map((m) => ({ ...m, notes: [...m.notes, ...m.notes, ...m.notes].slice(0, 14) })),
  });
  return JSON.parse(boardFileJson(exportBoard(doc, control))) as BoardFile;
}

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`the sample has no item ${index}`);
  return item;
}

const firstMap = (file: BoardFile): MapFile => at(file.maps, 0);

/** The message a broken file gets, after `edit` has broken it. */
function rejection(edit: (file: BoardFile) => void): string {
  const file = sample();
  edit(file);
  const result = parseBoardFile(JSON.stringify(file));
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.message;
}

describe("parseBoardFile", () => {
  it("reads a file the exporter wrote, as text or as a value", () => {
    const file = sample();
    const fromText = parseBoardFile(JSON.stringify(file));
    const fromValue = parseBoardFile(file);
    expect(fromText.ok && fromValue.ok).toBe(true);
    expect(fromText.ok && fromText.file).toEqual(file);
    expect(fromValue.ok && fromValue.file).toEqual(file);
  });

  it("names the field of a wrong type or a missing one", () => {
    expect(
      rejection((f) => {
        Object.assign(at(firstMap(f).notes, 0), { text: 12 });
      }),
    ).toBe("maps[0].notes[0].text: expected string");
    expect(
      rejection((f) => {
        Reflect.deleteProperty(at(firstMap(f).stages, 0), "phase");
      }),
    ).toMatch(/^maps\[0\]\.stages\[0\]\.phase: /);
    expect(
      rejection((f) => {
        Reflect.deleteProperty(f.board, "title");
      }),
    ).toBe("board.title: missing (expected string)");
    expect(
      rejection((f) => {
        at(firstMap(f).lanes, 0).height = 5;
      }),
    ).toMatch(/^maps\[0\]\.lanes\[0\]\.height: /);
    expect(
      rejection((f) => {
        Object.assign(at(firstMap(f).notes, 1), { colour: "red" });
      }),
    ).toBe("maps[0].notes[1]: unknown field colour");
  });

  it("refuses what is beyond the model's limits, saying which limit, instead of cutting it", () => {
    expect(
      rejection((f) => {
        at(firstMap(f).notes, 0).text = "x".repeat(4001);
      }),
    ).toBe("maps[0].notes[0].text: at most 4000 characters");
    expect(
      rejection((f) => {
        firstMap(f).notes = Array.from({ length: FILE_LIMITS.notesPerMap + 1 }, () => at(firstMap(f).notes, 0));
      }),
    ).toBe(`maps[0].notes: at most ${FILE_LIMITS.notesPerMap} entries`);
  });

  it("refuses a file that is not a Journeyboard file, or is not JSON", () => {
    expect(rejection((f) => Object.assign(f, { format: "excalidraw" }))).toMatch(/^format: .*not a Journeyboard file/);
    expect(parseBoardFile("{ not json").ok).toBe(false);
    expect(parseBoardFile("[]")).toMatchObject({ ok: false, message: "expected a Journeyboard file (a JSON object)" });
    expect(parseBoardFile(null)).toMatchObject({ ok: false });
  });

  it("refuses a future schema version as made by a newer Journeyboard", () => {
    expect(rejection((f) => Object.assign(f, { schemaVersion: FILE_SCHEMA_VERSION + 1 }))).toBe(
      `schemaVersion: version ${FILE_SCHEMA_VERSION + 1} was made by a newer Journeyboard; this one reads versions up to ${FILE_SCHEMA_VERSION}`,
    );
    expect(rejection((f) => Object.assign(f, { schemaVersion: "1" }))).toMatch(/^schemaVersion: /);
  });

  it("refuses 50 MB of text before parsing it", () => {
    const huge = `{"format":"journeyboard","pad":"${"x".repeat(50 * 1024 * 1024)}"}`;
    const started = performance.now();
    const result = parseBoardFile(huge);
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? "" : result.message).toMatch(/^the file is \d+ characters long; at most \d+ are read$/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses deep nesting, in text before parsing and in a value already parsed", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(parseBoardFile(deep)).toMatchObject({
      ok: false,
      message: `the file nests deeper than ${FILE_LIMITS.depth} levels`,
    });
    const inString = sample();
    at(firstMap(inString).notes, 0).text = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[";
    expect(parseBoardFile(JSON.stringify(inString)).ok).toBe(true);
    let value: unknown = 1;
    for (let i = 0; i < 10_000; i++) value = { maps: [value] };
    expect(parseBoardFile(value)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/nested deeper than 24 levels$/),
    });
  });

  it("refuses __proto__, constructor and prototype keys anywhere, and leaves Object.prototype untouched", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const text = JSON.stringify(sample()).replace('"cells":{', `"cells":{"${key}":{"polluted":["R"]},`);
      expect(text).toContain(key);
      const result = parseBoardFile(text);
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.message).toMatch(
        new RegExp(`^maps\\[\\d+\\]\\.raci\\.activities\\[\\d+\\]\\.cells\\.${key}: the key "${key}" is not allowed$`),
      );
    }
    const top = parseBoardFile('{"__proto__":{"polluted":true},"format":"journeyboard"}');
    expect(top).toMatchObject({ ok: false, message: '__proto__: the key "__proto__" is not allowed' });
    expect(({} as FileJson).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("refuses ids that collide and references to what the file does not hold", () => {
    expect(
      rejection((f) => {
        at(firstMap(f).notes, 1).id = at(firstMap(f).notes, 0).id;
      }),
    ).toMatch(/^maps\[0\]\.notes\[1\]\.id: another note has the id "/);
    expect(
      rejection((f) => {
        f.maps[1] = { ...firstMap(f) };
      }),
    ).toMatch(/^maps\[1\]\.id: another map has the id "/);
    expect(
      rejection((f) => {
        const cell = firstMap(f).notes.find((n) => n.cell !== null)?.cell;
        if (cell) cell.stageId = "gone";
      }),
    ).toMatch(/^maps\[0\]\.notes\[\d+\]\.cell\.stageId: no stage "gone" in this map$/);
    expect(
      rejection((f) => {
        at(firstMap(f).raci.activities, 0).cells = { nobody: ["R"] };
      }),
    ).toBe('maps[0].raci.activities[0].cells.nobody: no role "nobody" in this map');
    expect(
      rejection((f) => {
        at(firstMap(f).segments, 0).curve = [{ stageId: "gone", score: 1, label: "" }];
      }),
    ).toBe('maps[0].segments[0].curve[0].stageId: no stage "gone" in this map');
  });
});

describe("file migrations", () => {
  it("take a file through every later step in order, setting the version of each", () => {
    const steps = [
      { version: 2, description: "rename", up: (f: FileJson) => ({ ...f, name: f.title }) },
      { version: 3, description: "shout", up: (f: FileJson) => ({ ...f, name: String(f.name).toUpperCase() }) },
    ];
    expect(migrateFile({ schemaVersion: 1, title: "a" }, 1, steps)).toEqual({
      schemaVersion: 3,
      title: "a",
      name: "A",
    });
    expect(migrateFile({ schemaVersion: 2, name: "b" }, 2, steps)).toEqual({ schemaVersion: 3, name: "B" });
  });
});
