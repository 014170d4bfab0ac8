import { addActivity, addNote, listActivities, listRoles, readGrid, setCellLetters } from "@journeyboard/shared";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import { runCommand } from "../src/commands/commands.js";
import { handleShortcut } from "../src/commands/shortcuts.js";
import { RaciPanel } from "../src/raci/raci-panel.js";
import { useUi } from "../src/ui-state.js";
import { inScope, localBoard } from "./board.js";

const REASON = "You are viewing this board: ask its facilitator for an editor link to change it.";

/** A board with one activity, its grid panel open in this participant's scope. */
function gridOf(options: { readOnly?: boolean } = {}) {
  const local = localBoard();
  const activity = addActivity(local.map, { title: "Book the installer" }) ?? "";
  local.ctx.connection.undo.clear();
  const awareness = new Awareness(local.doc);
  const ctx = { ...local.ctx, readOnly: options.readOnly ?? false };
  render(inScope(ctx, <RaciPanel map={local.map} awareness={awareness} />));
  const sales = listRoles(local.map).find((r) => r.name === "Sales")?.id ?? "";
  const letters = () => listActivities(local.map)[0]?.cells[sales] ?? [];
  const salesCell = () => screen.getByRole("gridcell", { name: /^Book the installer, Sales: / });
  return { ...local, ctx, activity, awareness, sales, letters, salesCell };
}

describe("the RACI grid panel", () => {
  it("sets letters by click and by keyboard, each change one undo step", () => {
    const { ctx, letters, salesCell, awareness } = gridOf();
    fireEvent.click(salesCell());
    fireEvent.click(salesCell());
    expect(letters()).toEqual(["A"]);
    fireEvent.keyDown(salesCell(), { key: "c" });
    expect(letters()).toEqual(["A", "C"]);
    fireEvent.keyDown(salesCell(), { key: "Delete" });
    expect(letters()).toEqual([]);
    for (const expected of [["A", "C"], ["A"], ["R"], []]) {
      ctx.connection.undo.undo();
      expect(letters()).toEqual(expected);
    }
    awareness.destroy();
  });

  it("moves between cells with the arrows, one Tab stop at a time, and shares the cell it is on", async () => {
    const { map, activity, awareness } = gridOf();
    const title = screen.getByRole("rowheader", { name: /Book the installer/ });
    fireEvent.focus(title);
    fireEvent.keyDown(title, { key: "ArrowRight" });
    fireEvent.keyDown(document.activeElement ?? title, { key: "ArrowRight" });
    const first = screen.getByRole("gridcell", { name: /^Book the installer, Design and development: / });
    expect(document.activeElement).toBe(first);
    expect(first.tabIndex).toBe(0);
    expect(title.tabIndex).toBe(-1);
    await waitFor(() =>
      expect(awareness.getLocalState()?.raciCell).toEqual({
        mapId: map.id,
        activityId: activity,
        column: listRoles(map)[0]?.id,
      }),
    );
    awareness.destroy();
  });

  it("keeps the board's shortcuts out of the grid, but undo still reaches the board", () => {
    const { ctx, map, letters, salesCell, awareness } = gridOf();
    const note = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    useUi.getState().select([note]);
    fireEvent.click(salesCell());
    const inGrid = (key: string, init: KeyboardEventInit = {}) => {
      const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
      Object.defineProperty(event, "target", { value: salesCell() });
      return handleShortcut(event, ctx);
    };
    // Delete clears the cell in the grid; the board must not delete the selected note too, nor R open a panel.
    expect(inGrid("Delete")).toBe(false);
    expect(inGrid("r")).toBe(false);
    expect(useUi.getState().panel).toBeNull();
    expect(readGrid(map).activities).toHaveLength(1);
    expect(map.y.toJSON().notes[note]).toBeDefined();
    expect(inGrid("z", { ctrlKey: true })).toBe(true);
    expect(letters()).toEqual([]);
    awareness.destroy();
  });

  it("asks before removing a role that holds letters; one undo brings it back with them", () => {
    const { ctx, map, activity, sales, awareness } = gridOf();
    setCellLetters(map, activity, sales, ["R", "A"]);
    ctx.connection.undo.stopCapturing();
    fireEvent.click(screen.getByRole("button", { name: "Remove role Sales" }));
    expect(useUi.getState().confirmation?.message).toContain("holds 2 letters");
    expect(listRoles(map).some((r) => r.id === sales)).toBe(true);
    useUi.getState().answer(true);
    expect(listRoles(map).some((r) => r.id === sales)).toBe(false);
    runCommand("edit.undo", ctx);
    expect(listActivities(map)[0]?.cells[sales]).toEqual(["R", "A"]);
    // A role with no letters goes at once.
    fireEvent.click(screen.getByRole("button", { name: "Remove role Finance" }));
    expect(useUi.getState().confirmation).toBeNull();
    expect(listRoles(map).map((r) => r.name)).not.toContain("Finance");
    awareness.destroy();
  });

  it("on a read-only board shows the grid, changes nothing and says why", () => {
    useUi.getState().setReadOnlyReason(REASON);
    const { letters, salesCell, awareness } = gridOf({ readOnly: true });
    fireEvent.click(salesCell());
    fireEvent.keyDown(salesCell(), { key: "a" });
    expect(letters()).toEqual([]);
    expect(useUi.getState().hint).toBe(REASON);
    expect(screen.queryByRole("button", { name: "Remove role Sales" })).toBeNull();
    awareness.destroy();
  });

  it("shows the checks inline and in the summary, live, and the share threshold is editable", () => {
    const { map, activity, sales, awareness } = gridOf();
    expect(screen.getByRole("rowheader", { name: /Book the installer/ }).textContent).toContain(
      "has nobody Accountable",
    );
    act(() => setCellLetters(map, activity, sales, ["R", "A"]));
    expect(screen.getByRole("rowheader", { name: /Book the installer/ }).textContent).not.toContain("Accountable");
    expect(screen.getByRole("status", { name: "Checks summary" }).textContent).toMatch(/^\d+ problems/);
    const share = screen.getByRole("textbox", { name: /Largest share/ });
    fireEvent.change(share, { target: { value: "75" } });
    fireEvent.blur(share);
    expect(readGrid(map).accountableShare).toBe(0.75);
    awareness.destroy();
  });
});
