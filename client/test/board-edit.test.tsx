import { listMaps, listSegments } from "@journeyboard/shared";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useBoardEdit } from "../src/commands/scope.js";
import { MapTabs } from "../src/panels/map-tabs.js";
import { SegmentsPanel } from "../src/panels/segments-panel.js";
import { useUi } from "../src/ui-state.js";
import { inScope, localBoard } from "./board.js";

const REASON = "You are viewing this board: ask its facilitator for an editor link to change it.";

/** A control that changes the board the way every panel does: through the registry's gate. */
function AddSegmentButton({ add }: { add: () => void }) {
  const { edit } = useBoardEdit();
  return (
    <button type="button" onClick={() => edit(add)}>
      Add
    </button>
  );
}

describe("the board's one edit gate, used by the panels", () => {
  it("refuses a change on a read-only board, whatever the control shows, and says why", () => {
    const { ctx } = localBoard();
    useUi.getState().setReadOnlyReason(REASON);
    let ran = false;
    render(
      inScope(
        { ...ctx, readOnly: true },
        <AddSegmentButton
          add={() => {
            ran = true;
          }}
        />,
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(ran).toBe(false);
    expect(useUi.getState().hint).toBe(REASON);
  });

  it("makes each panel action its own undo step, even right after another", () => {
    const { ctx, map } = localBoard();
    render(inScope(ctx, <SegmentsPanel map={map} />));
    const before = listSegments(map).length;
    fireEvent.click(screen.getByRole("button", { name: "Add segment" }));
    fireEvent.click(screen.getByRole("button", { name: "Add segment" }));
    expect(listSegments(map)).toHaveLength(before + 2);
    ctx.connection.undo.undo();
    expect(listSegments(map)).toHaveLength(before + 1);
  });

  it("reads the read-only state from the board's scope, not from each panel's props", () => {
    const { ctx, map, board } = localBoard();
    render(inScope({ ...ctx, readOnly: true }, <SegmentsPanel map={map} />));
    expect(screen.queryByRole("button", { name: "Add segment" })).toBeNull();
    expect((screen.getByRole("combobox", { name: "Value tier" }) as HTMLSelectElement).disabled).toBe(true);
    render(inScope({ ...ctx, readOnly: true }, <MapTabs board={board} maps={listMaps(board)} />));
    fireEvent.contextMenu(screen.getByRole("button", { name: listMaps(board)[0]?.title ?? "" }));
    expect(screen.queryByRole("menu")).toBeNull();
  });
});
