import { type Grid, type JourneyMap, Phase, type Point, type Rect } from "@journeyboard/shared";
import { type PointerEvent, useEffect, useRef } from "react";
import { useGrid } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { MINIMAP, minimapFrame, onMinimap, viewCentredAt, viewDragged, within } from "./minimap-geometry.js";
import { useMinimapShown } from "./minimap-shown.js";
import type { PlacedNote } from "./note-index.js";
import { noteStoreOf } from "./note-store.js";
import { BOARD } from "./theme.js";
import { boundsOf, type Viewport, visibleArea } from "./viewport.js";

/** How often, at most, changes to notes repaint the overview: a small picture need not follow every frame. */
const REPAINT_MS = 250;

/** A drag on the minimap: its frame stays as it was when the drag began, so the map holds still under it. */
interface Drag {
  frame: Viewport;
  from: Point;
  start: Viewport;
}

/**
 * A small overview of the whole map with the current view as a rectangle: drag the rectangle, or press
 * anywhere on the overview, to move the view there. Drawn on one 2D canvas at most once a frame, however
 * many notes the map holds; the view's rectangle is one element moved without a React render.
 */
export function Minimap({ map }: { map: JourneyMap }) {
  const shown = useMinimapShown((s) => s.shown);
  return shown ? <MinimapView map={map} /> : null;
}

function MinimapView({ map }: { map: JourneyMap }) {
  const grid = useGrid(map);
  const canvas = useRef<HTMLCanvasElement>(null);
  const viewBox = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const drawn = useRef<{ frame: Viewport; view: Rect } | null>(null);
  const redraw = useRef<() => void>(() => undefined);

  useEffect(() => {
    let frame = 0;
    const store = noteStoreOf(map);
    let bounds: Rect | undefined;
    // The map as last painted, off screen, and the frame it was painted in: a pan that only changes the
    // frame (the view leaving the map) scales that picture instead of painting every note again.
    let picture: { canvas: HTMLCanvasElement; frame: Viewport } | null = null;
    // The picture the minimap's canvas shows now.
    let shownPicture: object | null = null;
    const offscreen = document.createElement("canvas");
    // While notes change (someone drags one), the overview is painted again at most this often.
    let repaint: ReturnType<typeof setTimeout> | undefined;
    const draw = () => {
      frame = 0;
      const shown = canvas.current;
      const context = shown?.getContext("2d");
      const box = viewBox.current;
      if (!shown || !context || !box) return;
      const index = store.indexFor(grid);
      const { viewport, screen } = useUi.getState();
      const view = visibleArea(viewport, screen);
      bounds ??= boundsOf([{ x: 0, y: 0, w: grid.width, h: grid.height }, ...[...index.all()].map((n) => n.rect)]);
      const mapFrame = drag.current?.frame ?? minimapFrame(bounds ?? view, view);
      if (!picture) {
        const frameOfMap = bounds ? minimapFrame(bounds, bounds) : mapFrame;
        [offscreen.width, offscreen.height] = [shown.width, shown.height];
        const painting = offscreen.getContext("2d");
        if (painting) paint(painting, grid, [...index.all()], frameOfMap);
        picture = { canvas: offscreen, frame: frameOfMap };
      }
      // A pan within the map leaves the overview as it was: only the view's rectangle moves (a canvas
      // painted again is copied to the compositor on that frame).
      if (picture !== shownPicture || !sameFrame(mapFrame, drawn.current?.frame)) {
        const k = mapFrame.scale / picture.frame.scale;
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.clearRect(0, 0, shown.width, shown.height);
        context.drawImage(
          picture.canvas,
          (mapFrame.x - picture.frame.x * k) * devicePixelRatio,
          (mapFrame.y - picture.frame.y * k) * devicePixelRatio,
          picture.canvas.width * k,
          picture.canvas.height * k,
        );
        shownPicture = picture;
      }
      const rect = onMinimap(mapFrame, view);
      drawn.current = { frame: mapFrame, view: rect };
      Object.assign(box.style, {
        left: `${rect.x}px`,
        top: `${rect.y}px`,
        width: `${rect.w}px`,
        height: `${rect.h}px`,
      });
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    redraw.current = schedule;
    // Notes come from the map's note store, kept note by note; only their bounds are worked out again.
    const unsubscribeNotes = store.subscribe(() => {
      repaint ??= setTimeout(() => {
        repaint = undefined;
        bounds = undefined;
        picture = null;
        schedule();
      }, REPAINT_MS);
    });
    draw();
    const unsubscribe = useUi.subscribe((state, previous) => {
      if (state.viewport !== previous.viewport || state.screen !== previous.screen) schedule();
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(repaint);
      unsubscribeNotes();
      unsubscribe();
    };
  }, [map, grid]);

  const local = (event: PointerEvent): Point => {
    const area = canvas.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
    return { x: event.clientX - area.left, y: event.clientY - area.top };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || !drawn.current) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = local(event);
    const ui = useUi.getState();
    const { frame, view } = drawn.current;
    // A press outside the view's rectangle brings the view there first; the drag goes on from it.
    if (!within(view, at)) ui.setViewport(viewCentredAt(ui.viewport, ui.screen, frame, at));
    drag.current = { frame, from: at, start: useUi.getState().viewport };
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    const at = local(event);
    useUi
      .getState()
      .setViewport(viewDragged(current.start, current.frame, at.x - current.from.x, at.y - current.from.y));
  };

  const endDrag = () => {
    drag.current = null;
    redraw.current();
  };

  return (
    <div
      className="minimap"
      role="img"
      aria-label="Minimap: the whole map and your view; drag to move the view"
      data-testid="minimap"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    >
      <canvas
        ref={canvas}
        width={MINIMAP.w * devicePixelRatio}
        height={MINIMAP.h * devicePixelRatio}
        style={{ width: MINIMAP.w, height: MINIMAP.h }}
      />
      <div ref={viewBox} className="minimap-view" data-testid="minimap-view" />
    </div>
  );
}

function sameFrame(a: Viewport, b: Viewport | undefined): boolean {
  return b !== undefined && a.scale === b.scale && a.x === b.x && a.y === b.y;
}

/** The map's stages (tinted by phase), its lanes and its notes as small colored blocks. */
function paint(context: CanvasRenderingContext2D, grid: Grid, notes: readonly PlacedNote[], frame: Viewport): void {
  context.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
  context.clearRect(0, 0, MINIMAP.w, MINIMAP.h);
  const top = grid.rows[0]?.y ?? 0;
  for (const { stage, x } of grid.columns) {
    const pre = stage.phase === Phase.preSale;
    const header = onMinimap(frame, { x, y: 0, w: stage.width, h: top });
    const cells = onMinimap(frame, { x, y: top, w: stage.width, h: grid.height - top });
    context.fillStyle = pre ? BOARD.preSaleHeader : BOARD.postSaleHeader;
    context.fillRect(header.x, header.y, header.w, header.h);
    context.fillStyle = pre ? BOARD.preSaleCell : BOARD.postSaleCell;
    context.fillRect(cells.x, cells.y, cells.w, cells.h);
  }
  context.strokeStyle = BOARD.cellBorder;
  context.lineWidth = 1;
  const whole = onMinimap(frame, { x: 0, y: 0, w: grid.width, h: grid.height });
  for (const { y } of grid.rows) {
    const line = onMinimap(frame, { x: 0, y, w: 0, h: 0 });
    context.beginPath();
    context.moveTo(whole.x, line.y);
    context.lineTo(whole.x + whole.w, line.y);
    context.stroke();
  }
  context.strokeRect(whole.x, whole.y, whole.w, whole.h);
  // One path per color and one for every edge: thousands of notes cost a few draw calls, not two each.
  const fills = new Map<string, Path2D>();
  const edges = new Path2D();
  for (const note of notes) {
    const rect = onMinimap(frame, note.rect);
    // A note stays visible however far the minimap is zoomed out, and its edge shows on a light cell.
    const [w, h] = [Math.max(2, rect.w), Math.max(2, rect.h)];
    let fill = fills.get(note.fill);
    if (!fill) {
      fill = new Path2D();
      fills.set(note.fill, fill);
    }
    fill.rect(rect.x, rect.y, w, h);
    edges.rect(rect.x, rect.y, w, h);
  }
  for (const [color, path] of fills) {
    context.fillStyle = color;
    context.fill(path);
  }
  context.strokeStyle = BOARD.noteBorder;
  context.stroke(edges);
}
