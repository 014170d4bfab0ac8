import { addMap, addNote, DEFAULT_LANES, DEFAULT_STAGES, renameBoard } from "@journeyboard/shared";
import { type BoardFile, notesCsv } from "@journeyboard/shared/file";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { exportFileName } from "../src/files/board-files.js";
import { ExportPanel } from "../src/panels/export-panel.js";
import { inScope, localBoard } from "./board.js";

/** What the Export panel handed the browser to download; jsdom has no object URLs, so they are caught here. */
function catchDownloads(): { name: string; blob: Blob }[] {
  const files: { name: string; blob: Blob }[] = [];
  let blob: Blob | undefined;
  URL.createObjectURL = (given: Blob | MediaSource) => {
    blob = given as Blob;
    return "blob:caught";
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    if (blob) files.push({ name: this.download, blob });
  });
  return files;
}

/** A blob's bytes, read as a page reads a file (jsdom's Blob has no text() or arrayBuffer()). */
function bytesOf(blob: Blob | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob ?? new Blob([]));
  });
}

const textOf = async (blob: Blob | undefined) => new TextDecoder().decode(await bytesOf(blob));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the board's data from the Export panel", () => {
  it("offers this map or every map, without selection, stage or scale", () => {
    const { ctx, board, map } = localBoard();
    render(inScope(ctx, <ExportPanel connection={{ board, control: new Y.Doc() }} map={map} />));
    fireEvent.change(screen.getByRole("combobox", { name: "Format" }), { target: { value: "notes" } });
    const options = Array.from(screen.getByRole("combobox", { name: "What" }).querySelectorAll("option"));
    expect(options.map((o) => o.textContent)).toEqual(["This map", "Every map"]);
    expect(screen.queryByRole("combobox", { name: "Scale" })).toBeNull();
  });

  it("downloads the map shown, or every map, as a Journeyboard file, and its notes as CSV", async () => {
    const { ctx, board, map } = localBoard();
    renameBoard(board, "Shop: redesign?");
    addNote(map, { cell: null, x: 0, y: 0, author: "Ana", text: '=1+1, said "the" sheet' });
    addMap(board, { title: "Future", state: "future", stages: DEFAULT_STAGES, lanes: DEFAULT_LANES });
    const files = catchDownloads();
    render(inScope(ctx, <ExportPanel connection={{ board, control: new Y.Doc() }} map={map} />));
    const format = screen.getByRole("combobox", { name: "Format" });
    const what = screen.getByRole("combobox", { name: "What" });
    const exportNow = () => fireEvent.click(screen.getByRole("button", { name: "Export" }));

    fireEvent.change(format, { target: { value: "json" } });
    exportNow();
    await waitFor(() => expect(files).toHaveLength(1));
    fireEvent.change(what, { target: { value: "maps" } });
    exportNow();
    await waitFor(() => expect(files).toHaveLength(2));
    fireEvent.change(format, { target: { value: "notes" } });
    fireEvent.change(what, { target: { value: "map" } });
    exportNow();
    await waitFor(() => expect(files).toHaveLength(3));

    const [one, every, notes] = files;
    expect(one?.name).toBe("Shop redesign - Current state.journeyboard.json");
    const oneFile = JSON.parse(await textOf(one?.blob)) as BoardFile;
    expect(oneFile.maps.map((m) => m.title)).toEqual(["Current state"]);
    expect(every?.name).toBe("Shop redesign.journeyboard.json");
    const everyFile = JSON.parse(await textOf(every?.blob)) as BoardFile;
    expect(everyFile.maps.map((m) => m.title)).toEqual(["Current state", "Future"]);
    expect(notes?.name).toBe("Shop redesign - Current state notes.csv");
    const bytes = await bytesOf(notes?.blob);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(notesCsv(oneFile));
  });
});

describe("export file names", () => {
  it("leave out what file systems refuse, and fall back to Journeyboard without a title", () => {
    expect(exportFileName('a/b:c*"d"', "Map <1>", "crowd")).toBe("a b c d - Map 1 crowd results.csv");
    expect(exportFileName("  ", null, "json")).toBe("Journeyboard.journeyboard.json");
  });
});
