import {
  type Grid,
  type JourneyMap,
  moveNotes,
  type Note,
  type NotePlacement,
  noteKindOfLane,
  noteRect,
  placeAt,
  readNote,
  resizeNote,
} from "@journeyboard/shared";
import type Konva from "konva";
import type { BoardConnection } from "../sync/connection.js";
import { useUi } from "../ui-state.js";
import { NoteResize } from "./note-resize.js";

/** Whether a press pans the board instead of acting on what is under it (hand tool, or space held). */
export interface PanMode {
  panning(): boolean;
}

interface Dragged {
  note: Note;
  from: { x: number; y: number };
}

/**
 * What pressing, double-clicking and dragging a note does. One object serves every note, so the notes
 * never re-render for it; it reads the latest grid when a gesture starts.
 *
 * A drag writes positions to the shared document once per frame (others see the notes move, not just
 * land), relative to each note's original cell; on drop each note moves into the cell under its center.
 * The whole drag is one step to undo. Plain notes dropped into a lane that gives notes a kind (a pain
 * point in "Pain points") are offered that kind. Resizing by the corner handle is one step to undo too.
 */
export class NoteGestures {
  grid: Grid;
  readOnly = false;
  /** Whether this participant may not change notes in a stage (the facilitator locked it), and why. */
  lockedStage: (stageId: string | null) => string | null = () => null;
  private dragged: Map<string, Dragged> | undefined;
  private frame = 0;
  private pendingDelta: { x: number; y: number } | undefined;
  private readonly resize: NoteResize;

  constructor(
    private readonly map: JourneyMap,
    private readonly connection: BoardConnection,
    grid: Grid,
    private readonly panMode: PanMode,
  ) {
    this.grid = grid;
    this.resize = new NoteResize(
      (preview) => useUi.getState().previewResize(preview),
      (id, size) => resizeNote(map, id, size),
    );
  }

  press(id: string, event: Konva.KonvaEventObject<MouseEvent>): void {
    if (this.panMode.panning()) return;
    const ui = useUi.getState();
    if (event.evt.shiftKey) ui.toggleSelected(id);
    else if (!ui.selection.includes(id)) ui.select([id]);
    if (ui.editingNoteId && ui.editingNoteId !== id) ui.stopEditing();
  }

  edit(id: string): void {
    if (this.panMode.panning()) return;
    if (this.readOnly) useUi.getState().explainReadOnly();
    else if (!this.refusedIn([id])) useUi.getState().startEditing(id);
  }

  /** Says why, and is true, when any of these notes sits in a stage locked for this participant. */
  private refusedIn(ids: readonly string[]): boolean {
    for (const id of ids) {
      const why = this.lockedStage(readNote(this.map, id)?.cell?.stageId ?? null);
      if (why) {
        useUi.getState().showHint(why);
        return true;
      }
    }
    return false;
  }

  dragStart(id: string, node: Konva.Node): void {
    if (this.readOnly || this.panMode.panning()) {
      if (this.readOnly) useUi.getState().explainReadOnly();
      node.stopDrag();
      return;
    }
    const ui = useUi.getState();
    const ids = ui.selection.includes(id) ? ui.selection : [id];
    if (this.refusedIn(ids)) {
      node.stopDrag();
      return;
    }
    this.dragged = new Map();
    for (const each of ids) {
      const note = readNote(this.map, each);
      if (note) this.dragged.set(each, { note, from: noteRect(this.grid, note) });
    }
    this.connection.undo.stopCapturing();
  }

  dragMove(id: string, node: Konva.Node): void {
    const start = this.dragged?.get(id);
    if (!start) return;
    this.pendingDelta = { x: node.x() - start.from.x, y: node.y() - start.from.y };
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        if (this.pendingDelta) this.writeMove(this.pendingDelta);
      });
    }
  }

  dragEnd(id: string, node: Konva.Node): void {
    const dragged = this.dragged;
    const start = dragged?.get(id);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.dragged = undefined;
    if (!dragged || !start) return;
    const delta = { x: node.x() - start.from.x, y: node.y() - start.from.y };
    const placements = [...dragged.entries()].map(([each, { note, from }]) => ({
      id: each,
      ...placeAt(this.grid, { x: from.x + delta.x, y: from.y + delta.y }, note),
    }));
    // Dropped into a locked stage: the notes go back where they were, and the participant is told why.
    const refusal = placements.map((p) => this.lockedStage(p.cell?.stageId ?? null)).find(Boolean);
    if (refusal) {
      moveNotes(
        this.map,
        [...dragged.values()].map(({ note }) => ({ id: note.id, cell: note.cell, x: note.x, y: note.y })),
      );
      useUi.getState().showHint(refusal);
      this.connection.undo.stopCapturing();
      return;
    }
    moveNotes(this.map, placements);
    this.connection.undo.stopCapturing();
    this.offerLaneKind(dragged, placements);
  }

  resizeStart(id: string, handle: Konva.Node): void {
    const note = readNote(this.map, id);
    if (this.readOnly || this.panMode.panning() || !note || this.refusedIn([id])) {
      handle.stopDrag();
      return;
    }
    this.connection.undo.stopCapturing();
    this.resize.start(id, { w: note.w, h: note.h });
  }

  /** Keeps the handle on the note's corner, also where the size stops at its limits. */
  resizeMove(handle: Konva.Node): void {
    const side = handle.width();
    const size = this.resize.move(handle.position(), side);
    if (size) handle.position({ x: size.w - side, y: size.h - side });
  }

  resizeEnd(): void {
    if (!this.resize.active) return;
    this.resize.end();
    this.connection.undo.stopCapturing();
  }

  /** Offers the kind of the lane plain notes were moved into (the first such lane's, for a group). */
  private offerLaneKind(dragged: Map<string, Dragged>, placements: readonly NotePlacement[]): void {
    const laneKind = (laneId: string | undefined) => this.grid.rows.find((r) => r.lane.id === laneId)?.lane.kind;
    const moved = placements.flatMap((placement) => {
      const before = dragged.get(placement.id)?.note;
      const laneId = placement.cell?.laneId;
      if (before?.kind !== "note" || laneId === undefined || laneId === before.cell?.laneId) return [];
      const kind = noteKindOfLane(laneKind(laneId));
      return kind === "note" ? [] : [{ id: placement.id, kind }];
    });
    const kind = moved[0]?.kind;
    useUi.getState().offerKind(kind ? { ids: moved.filter((m) => m.kind === kind).map((m) => m.id), kind } : null);
  }

  private writeMove(delta: { x: number; y: number }): void {
    if (!this.dragged) return;
    moveNotes(
      this.map,
      [...this.dragged.entries()].map(([each, { note }]) => ({
        id: each,
        cell: note.cell,
        x: note.x + delta.x,
        y: note.y + delta.y,
      })),
    );
  }
}
