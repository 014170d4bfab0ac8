import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Toolbar } from "../src/panels/toolbar.js";
import { useUi } from "../src/ui-state.js";
import { inScope, localBoard } from "./board.js";

describe("Toolbar", () => {
  it("shows every tool with its shortcut in the tooltip", () => {
    render(inScope(localBoard().ctx, <Toolbar />));
    expect(screen.getByRole("button", { name: "Sticky note" }).getAttribute("title")).toBe("Sticky note (N)");
    expect(screen.getByRole("button", { name: "Hand (pan)" }).getAttribute("title")).toBe("Hand (pan) (H)");
    expect(screen.getByRole("button", { name: "Undo" }).getAttribute("title")).toBe("Undo (Ctrl+Z)");
  });

  it("switches tools and marks the current one", () => {
    render(inScope(localBoard().ctx, <Toolbar />));
    expect(screen.getByRole("button", { name: "Select" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Hand (pan)" }));
    expect(useUi.getState().tool).toBe("hand");
    expect(screen.getByRole("button", { name: "Hand (pan)" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "Select" }).getAttribute("aria-pressed")).toBe("false");
  });

  it("undoes and redoes this participant's last change", async () => {
    const { ctx, map } = localBoard();
    const { addNote, noteIds } = await import("@journeyboard/shared");
    addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    render(inScope(ctx, <Toolbar />));
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(noteIds(map)).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Redo" }));
    expect(noteIds(map)).toHaveLength(1);
  });

  it("disables editing buttons on a read-only board", () => {
    render(inScope({ ...localBoard().ctx, readOnly: true }, <Toolbar />));
    expect((screen.getByRole("button", { name: "Undo" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Select" }) as HTMLButtonElement).disabled).toBe(false);
  });
});
