import type { Grid, JourneyMap } from "@journeyboard/shared";
import type Konva from "konva";
import { useEffect, useRef } from "react";
import { Layer, Shape } from "react-konva";
import { useUi } from "../ui-state.js";
import type { NoteIndex } from "./note-index.js";
import { noteStoreOf } from "./note-store.js";
import { BOARD } from "./theme.js";

/** A block's edge shows once blocks are at least this many pixels on screen. */
const EDGE_FROM_PX = 6;

/** Every unselected note's rectangle, one path per color, in board units; the stage's transform places them. */
interface Blocks {
  paths: Map<string, Path2D>;
  /** A note's width, to tell whether blocks are large enough on screen to show their edge. */
  width: number;
}

function blocksOf(index: NoteIndex, selected: ReadonlySet<string>): Blocks {
  const paths = new Map<string, Path2D>();
  let width = 0;
  for (const note of index.all()) {
    // Selected notes are mounted and drawn whole on the notes layer.
    if (selected.has(note.id)) continue;
    let path = paths.get(note.fill);
    if (!path) {
      path = new Path2D();
      paths.set(note.fill, path);
    }
    path.rect(note.rect.x, note.rect.y, note.rect.w, note.rect.h);
    width = note.rect.w;
  }
  return { paths, width };
}

/**
 * Zoomed out over a crowded map (see notesAsBlocks), every note as a block of its color: one shape draws
 * them all, a path per color built once and again only when a note or the selection changes, so a pan
 * or a zoom costs no pass over the notes at all.
 */
export function NoteBlocksLayer({ map, grid, shown }: { map: JourneyMap; grid: Grid; shown: boolean }) {
  const layer = useRef<Konva.Layer>(null);
  const blocks = useRef<Blocks | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new layout (grid) moves every block, so the paths are built again.
  useEffect(() => {
    if (!shown) return;
    const changed = () => {
      blocks.current = null;
      layer.current?.batchDraw();
    };
    changed();
    const stopNotes = noteStoreOf(map).subscribe(changed);
    const stopSelection = useUi.subscribe((state, previous) => {
      if (state.selection !== previous.selection) changed();
    });
    return () => {
      stopNotes();
      stopSelection();
    };
  }, [map, grid, shown]);
  if (!shown) return null;
  const draw = (context: Konva.Context) => {
    const { viewport, selection } = useUi.getState();
    blocks.current ??= blocksOf(noteStoreOf(map).indexFor(grid), new Set(selection));
    const canvas = context._context;
    canvas.lineWidth = 1 / viewport.scale;
    canvas.strokeStyle = BOARD.noteBorder;
    for (const [fill, path] of blocks.current.paths) {
      canvas.fillStyle = fill;
      canvas.fill(path);
      if (blocks.current.width * viewport.scale >= EDGE_FROM_PX) canvas.stroke(path);
    }
  };
  return (
    <Layer ref={layer} listening={false}>
      <Shape name="note-blocks" sceneFunc={draw} perfectDrawEnabled={false} />
    </Layer>
  );
}
