import {
  addActivity,
  addSystem,
  duplicateMap,
  listActivities,
  listRoles,
  listStages,
  readGrid,
} from "@journeyboard/shared";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import { RaciPanel } from "../src/raci/raci-panel.js";
import { inScope, localBoard } from "./board.js";

function panelOf() {
  const local = localBoard();
  const awareness = new Awareness(local.doc);
  render(inScope(local.ctx, <RaciPanel map={local.map} awareness={awareness} />));
  return { ...local, awareness };
}

describe("the RACI grid's rows and columns", () => {
  it("groups activities by stage in the journey's order, those with no stage last, and filters by stage", () => {
    const { map, awareness } = panelOf();
    const stages = listStages(map);
    act(() => {
      addActivity(map, { title: "Answer the call" });
      addActivity(map, { title: "Ship the router", stageId: stages[4]?.id });
      addActivity(map, { title: "Quote the price", stageId: stages[2]?.id });
    });
    const groups = () =>
      screen
        .getAllByRole("rowheader")
        .filter((cell) => cell.hasAttribute("data-cell"))
        .map((cell) => cell.textContent?.split("×")[0]);
    expect(screen.getAllByText(/ · 1 activity$/).map((h) => h.textContent)).toEqual([
      `${stages[2]?.title} · 1 activity`,
      `${stages[4]?.title} · 1 activity`,
      "No stage · 1 activity",
    ]);
    expect(groups()).toEqual(["Quote the price", "Ship the router", "Answer the call"]);
    fireEvent.change(screen.getByRole("combobox", { name: "Show the activities of" }), {
      target: { value: stages[4]?.id },
    });
    expect(groups()).toEqual(["Ship the router"]);
    fireEvent.change(screen.getByRole("combobox", { name: "Show the activities of" }), { target: { value: "none" } });
    expect(groups()).toEqual(["Answer the call"]);
    // An activity added while one stage is shown goes into that stage, and its title is edited at once.
    fireEvent.change(screen.getByRole("combobox", { name: "Show the activities of" }), {
      target: { value: stages[2]?.id },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add activity" }));
    expect(listActivities(map).at(-1)?.stageId).toBe(stages[2]?.id);
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Activity title" }));
    awareness.destroy();
  });

  it("adds, renames and reorders roles, each one undo step", () => {
    const { ctx, map, awareness } = panelOf();
    act(() => {
      addActivity(map, { title: "Answer the call" });
    });
    ctx.connection.undo.clear();
    fireEvent.click(screen.getByRole("button", { name: "Add role" }));
    const names = () => listRoles(map).map((r) => r.name);
    expect(names().at(-1)).toBe("New role");
    const field = screen.getAllByRole("textbox", { name: "Role name" }).at(-1) as HTMLInputElement;
    fireEvent.change(field, { target: { value: "Field service" } });
    fireEvent.blur(field);
    expect(names().at(-1)).toBe("Field service");
    fireEvent.click(screen.getByRole("button", { name: "Move Field service left" }));
    expect(names().slice(-2)).toEqual(["Field service", "Sales"]);
    fireEvent.click(screen.getByRole("button", { name: "Move Design and development right" }));
    expect(names().slice(0, 2)).toEqual(["Finance", "Design and development"]);
    ctx.connection.undo.undo();
    expect(names().slice(0, 2)).toEqual(["Design and development", "Finance"]);
    ctx.connection.undo.undo();
    expect(names().slice(-2)).toEqual(["Sales", "Field service"]);
    ctx.connection.undo.undo();
    expect(names().at(-1)).toBe("New role");
    ctx.connection.undo.undo();
    expect(names()).not.toContain("New role");
    awareness.destroy();
  });

  it("names the systems an activity needs, offering those already used on the board's maps", () => {
    const { board, map, awareness } = panelOf();
    act(() => {
      const other = duplicateMap(board, map.id, "Future state", "future");
      addActivity(map, { title: "Answer the call" });
      if (other) addSystem(other, addActivity(other, { title: "Visit" }) ?? "", "Field service app");
    });
    const field = screen.getByRole("combobox", { name: "Add a system Answer the call needs" });
    expect(field.getAttribute("list")).toBe("raci-system-suggestions");
    const offered = () =>
      [...document.querySelectorAll("#raci-system-suggestions option")].map((o) => o.getAttribute("value"));
    expect(offered()).toEqual(["Field service app"]);
    fireEvent.change(field, { target: { value: "field  SERVICE app" } });
    fireEvent.keyDown(field, { key: "Enter" });
    // The board's spelling is kept; the field is emptied for the next one.
    expect(readGrid(map).activities[0]?.systems).toEqual([{ key: "field service app", name: "Field service app" }]);
    expect((field as HTMLInputElement).value).toBe("");
    const row = screen.getByRole("gridcell", { name: "Systems Answer the call needs" });
    fireEvent.click(within(row).getByRole("button", { name: "Answer the call no longer needs Field service app" }));
    expect(readGrid(map).activities[0]?.systems).toEqual([]);
    awareness.destroy();
  });
});
