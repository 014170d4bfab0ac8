import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ExportPanel } from "../src/panels/export-panel.js";
import { useUi } from "../src/ui-state.js";
import { inScope, localBoard } from "./board.js";

describe("ExportPanel", () => {
  it("says plainly why an export failed, downloads nothing, and can be tried again", async () => {
    const { ctx, board, map } = localBoard();
    render(inScope(ctx, <ExportPanel connection={{ board, control: new Y.Doc() }} map={map} />));
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    // jsdom draws nothing: it has no canvas to measure text with, as a browser without canvas would not.
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("The export failed: This browser cannot measure text on a canvas.");
    expect((screen.getByRole("button", { name: "Export" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("offers the selection only when notes are selected, and every map as pages of a PDF only", () => {
    const { ctx, board, map } = localBoard();
    render(inScope(ctx, <ExportPanel connection={{ board, control: new Y.Doc() }} map={map} />));
    const what = screen.getByRole("combobox", { name: "What" });
    const option = (label: RegExp) =>
      Array.from(what.querySelectorAll("option")).find((o) => label.test(o.textContent ?? ""));
    expect(option(/The selection/)?.disabled).toBe(true);
    expect(option(/Every map/)).toBeUndefined();
    fireEvent.change(screen.getByRole("combobox", { name: "Format" }), { target: { value: "pdf" } });
    expect(option(/Every map/)).toBeDefined();
    expect(screen.queryByRole("combobox", { name: "Scale" })).toBeNull();
    act(() => useUi.getState().select(["a"]));
    expect(option(/The selection \(1 note\)/)?.disabled).toBe(false);
  });
});
