import type { Grid, JourneyMap } from "@journeyboard/shared";
import type Konva from "konva";
import { useEffect, useRef } from "react";
import { Layer, Shape } from "react-konva";
import { useUi } from "../ui-state.js";
import { noteStoreOf } from "./note-store.js";
import { BOARD } from "./theme.js";
import { visibleArea } from "./viewport.js";

/** A block's edge shows once blocks are at least this many pixels on screen. */
const EDGE_FROM_PX = 6;

/**
 * Zoomed out over a crowded map (see notesAsBlocks), every note in view as a block of its color: one
 * shape draws them all, a path per color, so a frame costs a pass over the notes in view and no more.
 * It reads the notes from the map's note store at each draw, and asks for a draw when a note changes.
 */
export function NoteBlocksLayer({ map, grid, shown }: { map: JourneyMap; grid: Grid; shown: boolean }) {
  const layer = useRef<Konva.Layer>(null);
  useEffect(() => {
    if (!shown) return;
    layer.current?.batchDraw();
    return noteStoreOf(map).subscribe(() => layer.current?.batchDraw());
  }, [map, shown]);
  if (!shown) return null;
  const draw = (context: Konva.Context) => {
    const { viewport, screen, selection } = useUi.getState();
    const byColor = new Map<string, Path2D>();
    let width = 0;
    noteStoreOf(map)
      .indexFor(grid)
      .forEachWithin(visibleArea(viewport, screen), (note) => {
        // Selected notes are mounted and drawn whole on the notes layer.
        if (selection.includes(note.id)) return;
        let path = byColor.get(note.fill);
        if (!path) {
          path = new Path2D();
          byColor.set(note.fill, path);
        }
        path.rect(note.rect.x, note.rect.y, note.rect.w, note.rect.h);
        width = note.rect.w;
      });
    const canvas = context._context;
    const edged = width * viewport.scale >= EDGE_FROM_PX;
    canvas.lineWidth = 1 / viewport.scale;
    canvas.strokeStyle = BOARD.noteBorder;
    for (const [fill, path] of byColor) {
      canvas.fillStyle = fill;
      canvas.fill(path);
      if (edged) canvas.stroke(path);
    }
  };
  return (
    <Layer ref={layer} listening={false}>
      <Shape name="note-blocks" sceneFunc={draw} perfectDrawEnabled={false} />
    </Layer>
  );
}
