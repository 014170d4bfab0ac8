import {
  computeGrid,
  LANE_HEADER_WIDTH,
  type Lane,
  type Rect,
  STAGE_HEADER_HEIGHT,
  type Stage,
} from "@journeyboard/shared";
import { beforeEach, describe, expect, it } from "vitest";
import { BoardGestures, type BoardWorld } from "../src/canvas/board-gestures.js";
import { pressHeader, type StructureDrag } from "../src/canvas/structure.js";
import type { Viewport } from "../src/canvas/viewport.js";
import type { HeaderRef, Tool } from "../src/ui-state.js";

const stages: Stage[] = [
  { id: "need", title: "Need", phase: "pre-sale", width: 300, order: "a0" },
  { id: "shop", title: "Shop", phase: "pre-sale", width: 300, order: "a1" },
  { id: "use", title: "Use", phase: "post-sale", width: 300, order: "a2" },
];
const lanes: Lane[] = [{ id: "pains", title: "Pain points", kind: "pain-points", height: 200, order: "a0" }];
const grid = computeGrid(stages, lanes);

/** A world that records what the gestures did; the canvas's own is board-stage.tsx. */
class Recorder implements BoardWorld {
  view: Viewport = { x: 0, y: 0, scale: 1 };
  currentTool: Tool = "select";
  selected: readonly string[] = [];
  hand = false;
  viewer = false;
  editingNote = false;
  structure: StructureDrag | null = null;
  inBand: string[] = [];
  log: string[] = [];
  marker: [number, number, number, number] | null = null;
  band: Rect | null = null;
  grid = () => grid;
  viewport = () => this.view;
  setViewport = (view: Viewport) => {
    this.view = view;
  };
  tool = () => this.currentTool;
  setTool = (tool: Tool) => {
    this.currentTool = tool;
  };
  selection = () => this.selected;
  select = (ids: readonly string[]) => {
    this.selected = ids;
  };
  panning = () => this.hand;
  readOnly = () => this.viewer;
  structureAt = () => this.structure;
  resizeHeader = (header: HeaderRef, size: number) => this.log.push(`resize ${header.id} ${size}`);
  moveHeader = (header: HeaderRef, index: number) => this.log.push(`move ${header.id} ${index}`);
  notesIn = () => this.inBand;
  placeNote = (at: { x: number; y: number }) => this.log.push(`place ${at.x},${at.y}`);
  endUndoStep = () => this.log.push("undo step");
  editing = () => this.editingNote;
  stopEditing = () => {
    this.editingNote = false;
  };
  showMarker = (marker: [number, number, number, number] | null) => {
    this.marker = marker;
  };
  showBand = (band: Rect | null) => {
    this.band = band;
  };
}

const EMPTY = { onEmpty: true, button: 0, shift: false };
const ON_NOTE = { onEmpty: false, button: 0, shift: false };

describe("the board's gestures", () => {
  let world: Recorder;
  let gestures: BoardGestures;
  beforeEach(() => {
    world = new Recorder();
    gestures = new BoardGestures(world);
  });

  it("a drag on the empty board pans the view and clears the selection; a press there ends editing", () => {
    world.selected = ["n1"];
    world.editingNote = true;
    gestures.press({ x: 100, y: 100 }, EMPTY);
    gestures.move({ x: 130, y: 90 });
    expect(world.view).toEqual({ x: 30, y: -10, scale: 1 });
    gestures.release({ x: 130, y: 90 });
    expect(world.selected).toEqual([]);
    expect(world.editingNote).toBe(false);
    expect(gestures.active).toBeNull();
  });

  it("Shift+drag draws a rubber band that adds the notes in it to the selection", () => {
    world.selected = ["n1"];
    world.view = { x: 10, y: 10, scale: 2 };
    world.inBand = ["n2", "n3"];
    gestures.press({ x: 10, y: 10 }, { ...EMPTY, shift: true });
    gestures.move({ x: 50, y: 30 });
    expect(world.band).toEqual({ x: 0, y: 0, w: 20, h: 10 });
    gestures.release({ x: 50, y: 30 });
    expect(world.selected).toEqual(["n1", "n2", "n3"]);
    expect(world.band).toBeNull();
    expect(world.view).toEqual({ x: 10, y: 10, scale: 2 });
  });

  it("the note tool places a note where it was pressed, then goes back to selecting", () => {
    world.currentTool = "note";
    world.view = { x: -100, y: 0, scale: 0.5 };
    gestures.press({ x: 200, y: 100 }, EMPTY);
    gestures.release({ x: 260, y: 100 });
    expect(world.log).toEqual(["place 600,200"]);
    expect(world.currentTool).toBe("select");
  });

  it("a press near a stage's far edge resizes it, as one undo step", () => {
    const at = { x: LANE_HEADER_WIDTH + 298, y: 10 };
    world.structure = pressHeader(grid, { kind: "stage", id: "need" }, at, 1);
    gestures.press(at, EMPTY);
    gestures.move({ x: at.x + 50, y: 10 });
    gestures.release({ x: at.x + 50, y: 10 });
    expect(world.log).toEqual(["undo step", "resize need 350", "undo step"]);
    expect(world.view).toEqual({ x: 0, y: 0, scale: 1 });
  });

  it("a header dragged past a small slop shows where it lands and moves there; a jiggle moves nothing", () => {
    const at = { x: LANE_HEADER_WIDTH + 100, y: 10 };
    world.structure = pressHeader(grid, { kind: "stage", id: "need" }, at, 1);
    gestures.press(at, EMPTY);
    gestures.move({ x: at.x + 3, y: 10 });
    expect(world.marker).toBeNull();
    gestures.release({ x: at.x + 3, y: 10 });
    expect(world.log).toEqual(["undo step", "undo step"]);

    world.log = [];
    gestures.press(at, EMPTY);
    gestures.move({ x: LANE_HEADER_WIDTH + 800, y: 10 });
    expect(world.marker).not.toBeNull();
    gestures.release({ x: LANE_HEADER_WIDTH + 800, y: 10 });
    expect(world.log).toEqual(["undo step", "move need 2", "undo step"]);
    expect(world.marker).toBeNull();
  });

  it("a viewer's press on a header pans instead of changing the structure", () => {
    world.viewer = true;
    world.structure = pressHeader(grid, { kind: "lane", id: "pains" }, { x: 10, y: STAGE_HEADER_HEIGHT + 50 }, 1);
    gestures.press({ x: 10, y: STAGE_HEADER_HEIGHT + 50 }, EMPTY);
    gestures.move({ x: 10, y: STAGE_HEADER_HEIGHT + 90 });
    gestures.release({ x: 10, y: STAGE_HEADER_HEIGHT + 90 });
    expect(world.log).toEqual([]);
    expect(world.view.y).toBe(40);
  });

  it("with the hand tool or Space, and with the middle button, even a press on a note pans and keeps the selection", () => {
    world.selected = ["n1"];
    world.hand = true;
    gestures.press({ x: 0, y: 0 }, ON_NOTE);
    gestures.move({ x: 5, y: 5 });
    gestures.release({ x: 5, y: 5 });
    expect(world.view).toEqual({ x: 5, y: 5, scale: 1 });
    world.hand = false;
    gestures.press({ x: 0, y: 0 }, { ...ON_NOTE, button: 1 });
    gestures.move({ x: 10, y: 0 });
    expect(world.view).toEqual({ x: 15, y: 5, scale: 1 });
    expect(world.selected).toEqual(["n1"]);
  });

  it("a press on a note with the select tool is the note's own gesture: the board does nothing", () => {
    gestures.press({ x: 0, y: 0 }, ON_NOTE);
    expect(gestures.active).toBeNull();
    gestures.move({ x: 50, y: 50 });
    gestures.release({ x: 50, y: 50 });
    expect(world.view).toEqual({ x: 0, y: 0, scale: 1 });
    expect(world.log).toEqual([]);
  });
});
