import { addNote, readNote } from "@journeyboard/shared";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FormatBar } from "../src/panels/format-bar.js";
import { useUi } from "../src/ui-state.js";
import { inScope, localBoard } from "./board.js";

describe("FormatBar", () => {
  it("is hidden with nothing selected", () => {
    const { ctx, map } = localBoard();
    render(inScope(ctx, <FormatBar map={map} />));
    expect(screen.queryByRole("toolbar")).toBeNull();
  });

  it("sets the kind and the color of every selected note", () => {
    const { ctx, map } = localBoard();
    const a = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    const b = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    useUi.getState().select([a, b]);
    render(inScope(ctx, <FormatBar map={map} />));
    expect(screen.getByText("2 notes")).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Kind" }), { target: { value: "touchpoint" } });
    expect([readNote(map, a)?.kind, readNote(map, b)?.color]).toEqual(["touchpoint", "blue"]);
    fireEvent.click(screen.getByRole("radio", { name: "Green" }));
    expect([readNote(map, a)?.color, readNote(map, b)?.color]).toEqual(["green", "green"]);
  });

  it("deletes the selection", () => {
    const { ctx, map } = localBoard();
    const a = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    useUi.getState().select([a]);
    render(inScope(ctx, <FormatBar map={map} />));
    fireEvent.click(screen.getByRole("button", { name: "Delete selection" }));
    expect(readNote(map, a)).toBeUndefined();
    expect(screen.queryByRole("toolbar")).toBeNull();
  });
});
