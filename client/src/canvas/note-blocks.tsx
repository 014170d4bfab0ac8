import type { Grid, JourneyMap, Rect } from "@journeyboard/shared";
import type Konva from "konva";
import { useEffect, useRef } from "react";
import { Shape } from "react-konva";
import { useUi } from "../ui-state.js";
import type { NoteIndex } from "./note-index.js";
import { noteStoreOf } from "./note-store.js";
import { BOARD } from "./theme.js";

/** A block's edge shows once blocks are at least this many pixels on screen. */
const EDGE_FROM_PX = 6;

/** The largest picture of the blocks kept (in device pixels, 32 MB); a larger view draws the paths each frame. */
const PICTURE_MAX_PIXELS = 2 ** 23;

/** Every unselected note's rectangle, one path per color, in board units; the stage's transform places them. */
interface Blocks {
  paths: Map<string, Path2D>;
  /** A note's width, to tell whether blocks are large enough on screen to show their edge. */
  width: number;
  /** What the blocks cover on the board; null for none. */
  bounds: Rect | null;
}

/** The blocks painted off screen at one zoom (device pixels per board unit): a pan only moves this picture. */
interface Picture {
  blocks: Blocks;
  scale: number;
  canvas: HTMLCanvasElement;
}

function blocksOf(index: NoteIndex, selected: ReadonlySet<string>): Blocks {
  const paths = new Map<string, Path2D>();
  let width = 0;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const note of index.all()) {
    // Selected notes are mounted and drawn whole on the notes layer.
    if (selected.has(note.id)) continue;
    let path = paths.get(note.fill);
    if (!path) {
      path = new Path2D();
      paths.set(note.fill, path);
    }
    const { x, y, w, h } = note.rect;
    path.rect(x, y, w, h);
    width = w;
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x + w), Math.max(bottom, y + h)];
  }
  const bounds = right > left ? { x: left, y: top, w: right - left, h: bottom - top } : null;
  return { paths, width, bounds };
}

/** Fills (and edges) every block, in whatever transform `canvas` has; `scale` is the zoom on screen. */
function paintBlocks(canvas: CanvasRenderingContext2D, blocks: Blocks, scale: number): void {
  canvas.lineWidth = 1 / scale;
  canvas.strokeStyle = BOARD.noteBorder;
  for (const [fill, path] of blocks.paths) {
    canvas.fillStyle = fill;
    canvas.fill(path);
    if (blocks.width * scale >= EDGE_FROM_PX) canvas.stroke(path);
  }
}

/**
 * The blocks painted at `scale` device pixels per board unit, with a pixel of room around them, on the
 * last picture's canvas when there is one (a note dragged by someone repaints it often); null if too large.
 */
function pictureOf(blocks: Blocks, bounds: Rect, scale: number, zoom: number, last: Picture | null): Picture | null {
  const width = Math.ceil(bounds.w * scale) + 2;
  const height = Math.ceil(bounds.h * scale) + 2;
  if (width * height > PICTURE_MAX_PIXELS) return null;
  const canvas = last?.canvas ?? document.createElement("canvas");
  // Setting a canvas's size clears it, even to the same size.
  [canvas.width, canvas.height] = [width, height];
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.setTransform(scale, 0, 0, scale, 1 - bounds.x * scale, 1 - bounds.y * scale);
  paintBlocks(context, blocks, zoom);
  return { blocks, scale, canvas };
}

/**
 * Zoomed out over a crowded map (see notesAsBlocks), every note as a block of its color: one shape draws
 * them all, a path per color built once and again only when a note or the selection changes. Painted
 * once per zoom into a picture, so a pan draws one image instead of every block; a zoom that is still
 * changing paints the paths, as a picture would be thrown away at the next frame.
 */
export function NoteBlocks({ map, grid, shown }: { map: JourneyMap; grid: Grid; shown: boolean }) {
  const shape = useRef<Konva.Shape>(null);
  const blocks = useRef<Blocks | null>(null);
  const picture = useRef<Picture | null>(null);
  const lastScale = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new layout (grid) moves every block, so the paths are built again.
  useEffect(() => {
    if (!shown) return;
    const changed = () => {
      blocks.current = null;
      shape.current?.getLayer()?.batchDraw();
    };
    changed();
    const stopNotes = noteStoreOf(map).subscribe(changed);
    const stopSelection = useUi.subscribe((state, previous) => {
      if (state.selection !== previous.selection) changed();
    });
    return () => {
      stopNotes();
      stopSelection();
      picture.current = null;
    };
  }, [map, grid, shown]);
  if (!shown) return null;
  const draw = (context: Konva.Context) => {
    const { viewport, selection } = useUi.getState();
    blocks.current ??= blocksOf(noteStoreOf(map).indexFor(grid), new Set(selection));
    const canvas = context._context;
    const { bounds } = blocks.current;
    // Device pixels per board unit: the zoom times the canvas's pixel ratio.
    const { a: scale, e: left, f: top } = canvas.getTransform();
    const steady = scale === lastScale.current;
    lastScale.current = scale;
    if (bounds && steady && (picture.current?.blocks !== blocks.current || picture.current.scale !== scale)) {
      picture.current = pictureOf(blocks.current, bounds, scale, viewport.scale, picture.current);
    }
    const shown =
      picture.current?.blocks === blocks.current && picture.current.scale === scale ? picture.current : null;
    if (!shown || !bounds) {
      paintBlocks(canvas, blocks.current, viewport.scale);
      return;
    }
    // Whole device pixels: the picture is copied as it was painted, never resampled.
    canvas.setTransform(1, 0, 0, 1, 0, 0);
    canvas.drawImage(shown.canvas, Math.round(left + bounds.x * scale) - 1, Math.round(top + bounds.y * scale) - 1);
  };
  return <Shape ref={shape} name="note-blocks" sceneFunc={draw} perfectDrawEnabled={false} listening={false} />;
}
