import {
  ACTIVITY_NOTE_KINDS,
  activityFromNote,
  computeGrid,
  deleteNotes,
  duplicateNotes,
  type JourneyMap,
  listLanes,
  listNotes,
  listStages,
  moveNotes,
  noteIds,
  noteRect,
  readNote,
} from "@journeyboard/shared";
import { fitBoard } from "../canvas/headers.js";
import { toggleMinimap } from "../canvas/minimap-shown.js";
import { boundsOf, ZOOM, zoomAround, zoomTo } from "../canvas/viewport.js";
import type { BoardConnection } from "../sync/connection.js";
import { usePrivateNotes } from "../sync/private-notes.js";
import { useMyDots } from "../sync/votes.js";
import { type Panel, type Tool, useUi } from "../ui-state.js";

/**
 * Every action a participant can take, in one registry: the toolbar, the keyboard and the shortcut
 * list all run these, so a button and its shortcut can never drift apart.
 */
export interface CommandContext {
  /** What commands need of the board's connection: this participant's undo history. */
  connection: Pick<BoardConnection, "undo">;
  map: JourneyMap | undefined;
  /** The name notes are signed with. */
  author: string;
  /** This participant's color, kept on the notes they add. */
  authorColor: string | null;
  /** The board is shown but must not change (written by a newer version). */
  readOnly: boolean;
}

export interface Command {
  id: string;
  label: string;
  /** Key combos that run it; the first one is shown. */
  keys: readonly string[];
  /** Whether it changes the board (refused when the board is read-only). */
  edits?: boolean;
  run(ctx: CommandContext): void;
}

const GRID_STEP = 8;
const DUPLICATE_OFFSET = { x: 24, y: 24 };

function tool(id: Tool, label: string, key: string, edits = false): Command {
  return { id: `tool.${id}`, label, keys: [key], edits, run: () => useUi.getState().setTool(id) };
}

function panel(id: Panel, label: string, key: string): Command {
  return {
    id: `panel.${id}`,
    label,
    keys: [key],
    run: () => {
      const ui = useUi.getState();
      ui.openPanel(ui.panel === id ? null : id);
    },
  };
}

function nudge(direction: string, dx: number, dy: number): Command[] {
  const run = (factor: number) => (ctx: CommandContext) => {
    const { map } = ctx;
    if (!map) return;
    const moves = useUi
      .getState()
      .selection.flatMap((id) => readNote(map, id) ?? [])
      .map((n) => ({ id: n.id, cell: n.cell, x: n.x + dx * GRID_STEP * factor, y: n.y + dy * GRID_STEP * factor }));
    moveNotes(map, moves);
  };
  return [
    {
      id: `notes.nudge-${direction}`,
      label: `Nudge ${direction}`,
      keys: [`Arrow${direction}`],
      edits: true,
      run: run(1),
    },
    {
      id: `notes.nudge-${direction}-far`,
      label: `Nudge ${direction} further`,
      keys: [`Shift+Arrow${direction}`],
      edits: true,
      run: run(5),
    },
  ];
}

/** The view that shows the whole map: its grid and every note, wherever it is. */
export function fitView(map: JourneyMap): void {
  const ui = useUi.getState();
  const grid = computeGrid(listStages(map), listLanes(map));
  const rects = [{ x: 0, y: 0, w: grid.width, h: grid.height }, ...listNotes(map).map((n) => noteRect(grid, n))];
  const bounds = boundsOf(rects);
  if (bounds && ui.screen.w > 0) ui.setViewport(fitBoard(bounds, ui.screen));
}

function zoomBy(factor: number): void {
  const ui = useUi.getState();
  ui.setViewport(zoomAround(ui.viewport, { x: ui.screen.w / 2, y: ui.screen.h / 2 }, factor));
}

export const COMMANDS: readonly Command[] = [
  tool("select", "Select", "V"),
  tool("hand", "Hand (pan)", "H"),
  tool("note", "Sticky note", "N", true),
  { id: "edit.undo", label: "Undo", keys: ["Mod+Z"], edits: true, run: (ctx) => ctx.connection.undo.undo() },
  {
    id: "edit.redo",
    label: "Redo",
    keys: ["Mod+Shift+Z", "Mod+Y"],
    edits: true,
    run: (ctx) => ctx.connection.undo.redo(),
  },
  {
    id: "notes.delete",
    label: "Delete selection",
    keys: ["Delete", "Backspace"],
    edits: true,
    run: ({ map }) => {
      const privateNote = usePrivateNotes.getState().selected;
      if (privateNote) {
        void usePrivateNotes.getState().remove(privateNote);
        return;
      }
      const ui = useUi.getState();
      if (!map || ui.selection.length === 0) return;
      deleteNotes(map, ui.selection);
      ui.select([]);
    },
  },
  {
    id: "notes.duplicate",
    label: "Duplicate selection",
    keys: ["Mod+D"],
    edits: true,
    run: ({ map, author, authorColor }) => {
      const ui = useUi.getState();
      if (map && ui.selection.length > 0)
        ui.select(duplicateNotes(map, ui.selection, DUPLICATE_OFFSET, author, authorColor));
    },
  },
  {
    id: "notes.select-all",
    label: "Select all notes",
    keys: ["Mod+A"],
    run: ({ map }) => {
      if (map) useUi.getState().select(noteIds(map));
    },
  },
  {
    id: "notes.edit",
    label: "Edit the selected note",
    keys: ["Enter"],
    edits: true,
    run: () => {
      const ui = useUi.getState();
      const [only] = ui.selection;
      if (only && ui.selection.length === 1) ui.startEditing(only);
    },
  },
  ...nudge("Left", -1, 0),
  ...nudge("Right", 1, 0),
  ...nudge("Up", 0, -1),
  ...nudge("Down", 0, 1),
  { id: "view.zoom-in", label: "Zoom in", keys: ["Mod+=", "+"], run: () => zoomBy(ZOOM.step) },
  { id: "view.zoom-out", label: "Zoom out", keys: ["Mod+-", "-"], run: () => zoomBy(1 / ZOOM.step) },
  {
    id: "view.fit",
    label: "Zoom to fit",
    keys: ["Shift+1"],
    run: ({ map }) => {
      if (map) fitView(map);
    },
  },
  {
    id: "view.actual-size",
    label: "Zoom to 100 %",
    keys: ["Shift+0"],
    run: () => {
      const ui = useUi.getState();
      ui.setViewport(zoomTo(ui.viewport, { x: ui.screen.w / 2, y: ui.screen.h / 2 }, 1));
    },
  },
  { id: "view.minimap", label: "Show or hide the minimap", keys: ["M"], run: toggleMinimap },
  panel("shortcuts", "Keyboard shortcuts", "?"),
  panel("segments", "Segments and emotion curves", "G"),
  panel("scoring", "Crowd scoring", "K"),
  panel("voting", "Dot voting", "O"),
  {
    id: "votes.place",
    label: "Place a dot on the selected note",
    keys: ["D"],
    run: () => {
      const [only] = useUi.getState().selection;
      if (only) void useMyDots.getState().place(only);
    },
  },
  {
    id: "votes.remove",
    label: "Take a dot back from the selected note",
    keys: ["Shift+D"],
    run: () => {
      const [only] = useUi.getState().selection;
      if (only) void useMyDots.getState().remove(only);
    },
  },
  panel("balance", "Pre-sale / post-sale balance", "B"),
  panel("compare", "Compare maps", "C"),
  panel("legend", "Legend", "L"),
  panel("timer", "Timer", "T"),
  panel("walkthrough", "Walk-through and feedback", "W"),
  panel("rounds", "Compare rounds with customers' input", "R"),
  panel("summary", "Session summary", "S"),
  panel("locks", "Locks", "J"),
  panel("private", "Private writing", "P"),
  panel("runsheet", "Run-sheet (the session's agenda)", "A"),
  panel("raci", "RACI grid and IT stack", "Shift+R"),
  {
    id: "raci.from-note",
    label: "Create an activity in the RACI grid from the selected note",
    keys: [],
    edits: true,
    run: ({ map }) => {
      const ui = useUi.getState();
      const [only] = ui.selection;
      const note = map && only && ui.selection.length === 1 ? readNote(map, only) : undefined;
      if (!map || !note || !ACTIVITY_NOTE_KINDS.includes(note.kind)) return;
      const activityId = activityFromNote(map, note.id);
      if (activityId) ui.focusActivity(activityId);
    },
  },
  panel("export", "Export a picture or document (PNG, SVG, PDF)", "Mod+Shift+E"),
  panel("import", "Import a file (Journeyboard JSON, or a PNG exported with its board)", "I"),
  {
    id: "walkthrough.follow",
    label: "Follow the facilitator's walk-through, or stop",
    keys: ["F"],
    run: () => {
      const ui = useUi.getState();
      ui.setFollowing(!ui.following);
    },
  },
  {
    id: "escape",
    label: "Close panel, or clear selection",
    keys: ["Escape"],
    run: () => {
      const ui = useUi.getState();
      if (ui.panel) ui.openPanel(null);
      else ui.select([]);
    },
  },
];

const BY_ID = new Map(COMMANDS.map((c) => [c.id, c]));

export function command(id: string): Command {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`no command ${id}`);
  return found;
}

/**
 * The one gate every change to the board passes, from a command, a panel or a header menu: on a
 * read-only board it says why nothing happens instead (and gives undefined); otherwise the change is one
 * undo step of its own, and gives what the change gave.
 */
export function editBoard<T>(ctx: Pick<CommandContext, "connection" | "readOnly">, change: () => T): T | undefined {
  if (ctx.readOnly) {
    useUi.getState().explainReadOnly();
    return undefined;
  }
  ctx.connection.undo.stopCapturing();
  const result = change();
  ctx.connection.undo.stopCapturing();
  return result;
}

/** Runs a command; one that changes the board goes through the gate. */
export function runCommand(id: string, ctx: CommandContext): void {
  const found = command(id);
  if (found.edits) editBoard(ctx, () => found.run(ctx));
  else found.run(ctx);
}
