import { type Grid, type Point, type Rect, rectFromCorners } from "@journeyboard/shared";
import type { HeaderRef, Tool } from "../ui-state.js";
import { dropIndex, dropMarker, resizedTo, type StructureDrag } from "./structure.js";
import { toBoard, type Viewport } from "./viewport.js";

/**
 * What pressing and dragging the board itself does (notes have their own, note-gestures.ts): pan the
 * view, draw a rubber band that selects, place a note with the note tool, or resize and reorder a stage
 * or lane by its header. Pure: the canvas tells it where the pointer is in screen pixels, and it acts
 * through the world it is given, so every gesture is tested without a canvas.
 */
export type BoardGesture =
  | { kind: "structure"; drag: StructureDrag; moved: boolean }
  | { kind: "pan"; from: Point; start: Viewport }
  | { kind: "band"; from: Point; to: Point; additive: readonly string[] }
  | { kind: "place"; at: Point };

/** What a press was: where it landed and with what. */
export interface Press {
  /** On the empty board (not on a note, a point or a handle). */
  onEmpty: boolean;
  button: number;
  shift: boolean;
}

/** A reorder starts only once the pointer has travelled this far, in screen pixels. */
const REORDER_SLOP = 4;

/** What the gestures read and change. */
export interface BoardWorld {
  grid(): Grid;
  viewport(): Viewport;
  setViewport(view: Viewport): void;
  tool(): Tool;
  setTool(tool: Tool): void;
  selection(): readonly string[];
  select(ids: readonly string[]): void;
  /** Hand tool, or Space held: any press pans. */
  panning(): boolean;
  readOnly(): boolean;
  /** The header resize or reorder a press at this screen point would start, if any. */
  structureAt(screen: Point): StructureDrag | null;
  resizeHeader(header: HeaderRef, size: number): void;
  moveHeader(header: HeaderRef, index: number): void;
  /** Notes inside a board rectangle. */
  notesIn(rect: Rect): string[];
  /** Makes a note centred on a board point and opens it for typing. */
  placeNote(at: Point): void;
  /** Ends this participant's undo step, so that a structure change is one step of its own. */
  endUndoStep(): void;
  editing(): boolean;
  stopEditing(): void;
  /** What the canvas draws meanwhile: where a dragged header would land, and the rubber band. */
  showMarker(marker: [number, number, number, number] | null): void;
  showBand(band: Rect | null): void;
}

export class BoardGestures {
  private current: BoardGesture | null = null;

  constructor(private readonly world: BoardWorld) {}

  /** The gesture under way, if any. */
  get active(): BoardGesture | null {
    return this.current;
  }

  press(at: Point, press: Press): void {
    const { world } = this;
    const selecting = press.onEmpty && world.tool() === "select";
    const structural = selecting && !press.shift && press.button === 0 && !world.readOnly() && !world.panning();
    const drag = structural ? world.structureAt(at) : null;
    if (drag) {
      this.current = { kind: "structure", drag, moved: false };
      world.endUndoStep();
      return;
    }
    if (world.panning() || press.button === 1 || (selecting && !press.shift)) {
      this.current = { kind: "pan", from: at, start: world.viewport() };
      if (selecting) world.select([]);
    } else if (selecting) {
      const from = toBoard(world.viewport(), at);
      this.current = { kind: "band", from, to: from, additive: world.selection() };
    } else if (world.tool() === "note") {
      this.current = { kind: "place", at };
    }
    if (press.onEmpty && world.editing()) world.stopEditing();
  }

  move(at: Point): void {
    const { world, current } = this;
    if (!current) return;
    const view = world.viewport();
    if (current.kind === "structure") {
      const point = toBoard(view, at);
      const { drag } = current;
      if (drag.kind === "resize") world.resizeHeader(drag.header, resizedTo(drag, point));
      else if (current.moved || Math.hypot(point.x - drag.from.x, point.y - drag.from.y) * view.scale > REORDER_SLOP) {
        current.moved = true;
        world.showMarker(dropMarker(world.grid(), drag.header, point));
      }
    } else if (current.kind === "pan") {
      world.setViewport({
        ...current.start,
        x: current.start.x + at.x - current.from.x,
        y: current.start.y + at.y - current.from.y,
      });
    } else if (current.kind === "band") {
      current.to = toBoard(view, at);
      world.showBand(rectFromCorners(current.from, current.to));
    }
  }

  release(at: Point): void {
    const { world, current } = this;
    this.current = null;
    if (!current) return;
    const view = world.viewport();
    if (current.kind === "structure") {
      const { drag } = current;
      if (drag.kind === "reorder" && current.moved) {
        world.moveHeader(drag.header, dropIndex(world.grid(), drag.header, toBoard(view, at)));
      }
      world.showMarker(null);
      world.endUndoStep();
    } else if (current.kind === "band") {
      world.select([...current.additive, ...world.notesIn(rectFromCorners(current.from, current.to))]);
      world.showBand(null);
    } else if (current.kind === "place") {
      world.placeNote(toBoard(view, current.at));
      world.setTool("select");
    }
  }
}
