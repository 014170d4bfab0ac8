import {
  addNote,
  type Rect as BoardRect,
  type Grid,
  isStageLocked,
  type JourneyMap,
  mayWritePrivately,
  moveLane,
  moveStage,
  NOTE_SIZE,
  noteKindOfLane,
  type Point,
  placeAt,
  resizeLane,
  resizeStage,
  STAGE_LOCKED,
  STRUCTURE_LOCKED,
} from "@journeyboard/shared";
import type Konva from "konva";
import { type MouseEvent as ReactMouseEvent, useEffect, useMemo, useRef, useState } from "react";
import { Layer, Line, Rect, Stage } from "react-konva";
import { useCommandContext } from "../commands/scope.js";
import { useActivitiesPerStage } from "../raci/use-grid.js";
import type { BoardConnection } from "../sync/connection.js";
import { useGrid } from "../sync/hooks.js";
import { useLocks } from "../sync/locks.js";
import { cursorSender } from "../sync/presence.js";
import { usePrivateNotes, usePrivateWriting } from "../sync/private-notes.js";
import { useUi } from "../ui-state.js";
import { BoardGestures } from "./board-gestures.js";
import { useVisibleNotes } from "./culling.js";
import { pinEmotionAxis } from "./emotion-axis.js";
import { EmotionLayer } from "./emotion-layer.js";
import { CellsLayer, HeadersLayer, pinHeaders } from "./grid-layer.js";
import { HeaderEditor, PointLabelEditor } from "./header-editor.js";
import { HeaderMenu, type MenuAt } from "./header-menu.js";
import { headerAt, pinnedOffset } from "./headers.js";
import { applyLegibility } from "./legibility.js";
import { NoteView } from "./note.js";
import { NoteBlocks } from "./note-blocks.js";
import { NoteEditor } from "./note-editor.js";
import { NoteGestures } from "./note-gestures.js";
import { noteStoreOf } from "./note-store.js";
import { PresenceLayer } from "./presence-layer.js";
import { PrivateNoteEditor, PrivateNotesLayer } from "./private-notes-layer.js";
import { selectInBand } from "./selection.js";
import { SpotlightLayer } from "./spotlight-layer.js";
import { pressHeader, type StructureDrag } from "./structure.js";
import { BOARD } from "./theme.js";
import { toBoard, type Viewport, zoomAround } from "./viewport.js";
import { HeatStrip, VotingLayer } from "./voting-layer.js";

interface BoardStageProps {
  connection: BoardConnection;
  map: JourneyMap;
}

/**
 * The board canvas. Pan and zoom move the Konva stage directly (no React render); the static grid does
 * not listen to events; only notes near the view are mounted; remote cursors sit on their own layer.
 */
export function BoardStage({ connection, map }: BoardStageProps) {
  // Who signs new notes, and whether the board may change, come from the page's one command context.
  const { author, authorColor, readOnly } = useCommandContext();
  const container = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const grid = useGrid(map);
  const activities = useActivitiesPerStage(map);
  const screen = useUi((s) => s.screen);
  const tool = useUi((s) => s.tool);
  const [band, setBand] = useState<BoardRect | null>(null);
  const [marker, setMarker] = useState<[number, number, number, number] | null>(null);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const space = useRef(false);
  const panMode = useMemo(() => ({ panning: () => space.current || useUi.getState().tool === "hand" }), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one gestures object per map; it reads the latest grid below.
  const gestures = useMemo(() => new NoteGestures(map, connection, grid, panMode), [map, connection, panMode]);
  gestures.grid = grid;
  gestures.readOnly = readOnly;
  // Facilitators are never locked out; the relay refuses an editor's change to locked structure anyway.
  const locks = useLocks(connection);
  const structureLocked = connection.role !== "facilitator" && (locks?.structure ?? false);
  const stageLock = (stageId: string | null) =>
    connection.role !== "facilitator" && isStageLocked(locks, map.id, stageId)
      ? `${capitalized(STAGE_LOCKED)}: notes in other stages stay as they are.`
      : null;
  gestures.lockedStage = stageLock;
  const sendCursor = useMemo(() => cursorSender(connection.provider.awareness), [connection]);
  const mounted = useVisibleNotes(map, grid);
  const writing = usePrivateWriting(connection);
  useEffect(() => usePrivateNotes.getState().follow(connection, writing), [connection, writing]);

  // The canvas fills its container.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() =>
      useUi.getState().setScreen({ w: element.clientWidth, h: element.clientHeight }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Pan and zoom go straight to the stage: no React render for them.
  useEffect(
    () =>
      useUi.subscribe((state, previous) => {
        if (state.viewport !== previous.viewport && stageRef.current) applyViewport(stageRef.current, state.viewport);
      }),
    [],
  );
  const attachStage = (stage: Konva.Stage | null) => {
    stageRef.current = stage;
    if (stage) applyViewport(stage, useUi.getState().viewport);
  };

  // The wheel is read before Konva sees it: Konva looks for the shape under the pointer on every event
  // (reading a hit canvas back, which makes it draw), and a pan or a zoom needs no shape.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const wheel = (event: WheelEvent) => {
      const stage = stageRef.current;
      if (!stage || !(event.target instanceof HTMLCanvasElement)) return;
      event.preventDefault();
      event.stopPropagation();
      const ui = useUi.getState();
      const { deltaX, deltaY, deltaMode, ctrlKey, metaKey } = event;
      // Pinch and Ctrl/Cmd+wheel zoom; a mouse wheel's notches zoom; a trackpad's two-finger scroll pans.
      const mouseWheel = deltaMode === 1 || (deltaX === 0 && Math.abs(deltaY) >= 50 && Number.isInteger(deltaY));
      if (ctrlKey || metaKey || mouseWheel) {
        stage.setPointersPositions(event);
        const factor = Math.exp((-deltaY * (deltaMode === 1 ? 33 : 1)) / (ctrlKey ? 100 : 500));
        ui.setViewport(zoomAround(ui.viewport, stage.getPointerPosition() ?? { x: 0, y: 0 }, factor));
      } else {
        ui.setViewport({ ...ui.viewport, x: ui.viewport.x - deltaX, y: ui.viewport.y - deltaY });
      }
    };
    element.addEventListener("wheel", wheel, { capture: true, passive: false });
    return () => element.removeEventListener("wheel", wheel, { capture: true });
  }, []);

  // Space held: drag anywhere pans.
  useEffect(() => {
    const down = (event: KeyboardEvent) => {
      if (
        event.code === "Space" &&
        !(event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement)
      ) {
        space.current = true;
        event.preventDefault();
        if (container.current) container.current.dataset.panning = "true";
      }
    };
    const up = (event: KeyboardEvent) => {
      if (event.code !== "Space") return;
      space.current = false;
      if (container.current) delete container.current.dataset.panning;
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, []);

  const pointer = (): Point => stageRef.current?.getPointerPosition() ?? { x: 0, y: 0 };

  // The board's own gestures read the latest grid and role through this; the object lives per map.
  const latest = useRef({ grid, readOnly, structureLocked, createNoteAt: (_at: Point, _edit: boolean) => {} });
  const board = useMemo(
    () =>
      new BoardGestures({
        grid: () => latest.current.grid,
        viewport: () => useUi.getState().viewport,
        setViewport: (view) => useUi.getState().setViewport(view),
        tool: () => useUi.getState().tool,
        setTool: (next) => useUi.getState().setTool(next),
        selection: () => useUi.getState().selection,
        select: (ids) => useUi.getState().select([...ids]),
        panning: () => panMode.panning(),
        readOnly: () => latest.current.readOnly,
        structureAt: (at) => (latest.current.structureLocked ? null : structureDragAt(latest.current.grid, at)),
        resizeHeader: (header, size) => (header.kind === "stage" ? resizeStage : resizeLane)(map, header.id, size),
        moveHeader: (header, index) => (header.kind === "stage" ? moveStage : moveLane)(map, header.id, index),
        notesIn: (rect) => selectInBand(map, latest.current.grid, rect),
        placeNote: (at) => latest.current.createNoteAt(at, true),
        endUndoStep: () => connection.undo.stopCapturing(),
        editing: () => useUi.getState().editingNoteId !== null,
        stopEditing: () => useUi.getState().stopEditing(),
        showMarker: setMarker,
        showBand: setBand,
      }),
    [map, connection, panMode],
  );

  const createNoteAt = (boardPoint: Point, edit: boolean) => {
    if (readOnly) {
      useUi.getState().explainReadOnly();
      return;
    }
    const topLeft = { x: boardPoint.x - NOTE_SIZE.w / 2, y: boardPoint.y - NOTE_SIZE.h / 2 };
    const placement = placeAt(grid, topLeft, NOTE_SIZE);
    const locked = stageLock(placement.cell?.stageId ?? null);
    if (locked) {
      useUi.getState().showHint(locked);
      return;
    }
    // A note made in a lane is what that lane holds: a touchpoint in "Touchpoints", and so on.
    const lane = grid.rows.find((row) => row.lane.id === placement.cell?.laneId)?.lane;
    const kind = noteKindOfLane(lane?.kind);
    // While private writing is on here, a new note goes to the relay alone, for this participant.
    if (mayWritePrivately(writing, map.id, placement.cell) === null) {
      const mine = usePrivateNotes.getState();
      useUi.getState().select([]);
      void mine.create({ ...placement, kind, text: "" }, author, authorColor).then((id) => {
        if (id) (edit ? mine.startEditing : mine.select)(id);
      });
      return;
    }
    const id = addNote(map, { ...placement, author, authorColor, kind });
    const ui = useUi.getState();
    if (edit) ui.startEditing(id);
    else ui.select([id]);
  };
  latest.current = { grid, readOnly, structureLocked, createNoteAt };

  // Zoomed out to blocks, a press on a block selects its note, which then mounts whole to be dragged.
  const blockAt = (at: Point) =>
    mounted.blocks ? noteStoreOf(map).indexFor(grid).at(toBoard(useUi.getState().viewport, at)) : undefined;

  const onMouseDown = (event: Konva.KonvaEventObject<MouseEvent>) => {
    setMenu(null);
    usePrivateNotes.getState().select(null);
    const block = event.target === event.target.getStage() && !panMode.panning() ? blockAt(pointer()) : undefined;
    if (block && event.evt.button === 0 && useUi.getState().tool === "select") {
      useUi.getState().select(event.evt.shiftKey ? [...useUi.getState().selection, block.id] : [block.id]);
      return;
    }
    board.press(pointer(), {
      onEmpty: event.target === event.target.getStage(),
      button: event.evt.button,
      shift: event.evt.shiftKey,
    });
  };

  const onMouseMove = () => {
    const ui = useUi.getState();
    const at = pointer();
    sendCursor(toBoard(ui.viewport, at));
    board.move(at);
    if (!board.active && container.current) {
      const drag = readOnly || structureLocked || ui.tool !== "select" ? null : structureDragAt(grid, at);
      container.current.style.cursor =
        drag?.kind === "resize" ? (drag.header.kind === "stage" ? "col-resize" : "row-resize") : drag ? "grab" : "";
    }
  };

  // A pan or rubber band goes on, and ends, even when the pointer leaves the canvas.
  useEffect(() => {
    const at = (event: MouseEvent): Point => {
      const stage = stageRef.current;
      stage?.setPointersPositions(event);
      return stage?.getPointerPosition() ?? { x: 0, y: 0 };
    };
    const move = (event: MouseEvent) => {
      if (board.active && !(event.target instanceof HTMLCanvasElement)) board.move(at(event));
    };
    const up = (event: MouseEvent) => board.release(at(event));
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
    return () => {
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
    };
  }, [board]);

  // The browser's own double-click (same spot, same button), not Konva's: a click just after a drag
  // elsewhere must not count as a double-click.
  const onDoubleClick = (event: ReactMouseEvent) => {
    const stage = stageRef.current;
    if (!stage || panMode.panning() || !(event.target instanceof HTMLCanvasElement)) return;
    stage.setPointersPositions(event.nativeEvent);
    const hit = stage.getIntersection(pointer());
    if (hit?.name() === "emotion-point") {
      const [segmentId = "", stageId = ""] = hit.id().split(":");
      if (!readOnly) useUi.getState().label({ segmentId, stageId });
      return;
    }
    const privateNote = hit?.findAncestor(".private-note");
    if (privateNote) {
      usePrivateNotes.getState().startEditing(privateNote.id().slice("private-".length));
      return;
    }
    const note = hit?.findAncestor(".note")?.id() ?? (hit ? undefined : blockAt(pointer())?.id);
    if (note) {
      gestures.edit(note);
      return;
    }
    const { viewport, rename } = useUi.getState();
    const at = toBoard(viewport, pointer());
    const header = headerAt(grid, at, pinnedOffset(viewport));
    if (header && structureLocked)
      useUi.getState().showHint(`${capitalized(STRUCTURE_LOCKED)}: stages and lanes stay as they are.`);
    else if (header) {
      if (!readOnly) rename(header);
    } else createNoteAt(at, true);
  };

  return (
    <div
      ref={container}
      className="board-canvas"
      data-tool={tool}
      data-testid="board-canvas"
      role="application"
      aria-label="Journey map: double-click to add a note"
      onDoubleClick={onDoubleClick}
    >
      {screen.w > 0 && (
        <Stage
          ref={attachStage}
          width={screen.w}
          height={screen.h}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseLeave={() => sendCursor(null)}
          onContextMenu={(event: Konva.KonvaEventObject<PointerEvent>) => {
            event.evt.preventDefault();
            const { viewport } = useUi.getState();
            const header = headerAt(grid, toBoard(viewport, pointer()), pinnedOffset(viewport));
            setMenu(header && !readOnly && !structureLocked ? { header, ...pointer() } : null);
          }}
        >
          <CellsLayer grid={grid}>
            <NoteBlocks map={map} grid={grid} shown={mounted.blocks} />
          </CellsLayer>
          {/* Hidden while empty (zoomed out to blocks): a layer shown is a canvas cleared and composited every frame. */}
          <Layer name="notes" visible={mounted.ids.length > 0}>
            {mounted.ids.map((id) => (
              <NoteView key={id} map={map} id={id} grid={grid} gestures={gestures} />
            ))}
          </Layer>
          <PrivateNotesLayer grid={grid} visible={writing?.status === "on" && writing.mapId === map.id} />
          <VotingLayer connection={connection} map={map} grid={grid} />
          <EmotionLayer connection={connection} map={map} grid={grid} readOnly={readOnly} />
          <SpotlightLayer connection={connection} mapId={map.id} grid={grid} />
          <HeadersLayer grid={grid} activities={activities} />
          <HeatStrip connection={connection} map={map} grid={grid} />
          <PresenceLayer connection={connection} mapId={map.id}>
            {marker && (
              <Line
                name="drop-marker"
                points={marker}
                stroke={BOARD.selection}
                strokeWidth={4}
                strokeScaleEnabled={false}
              />
            )}
            {band && (
              <Rect
                name="rubber-band"
                x={band.x}
                y={band.y}
                width={band.w}
                height={band.h}
                fill="rgba(25, 113, 194, 0.08)"
                stroke={BOARD.selection}
                strokeWidth={1}
                strokeScaleEnabled={false}
              />
            )}
          </PresenceLayer>
        </Stage>
      )}
      <NoteEditor connection={connection} map={map} grid={grid} />
      <PrivateNoteEditor grid={grid} />
      <HeaderEditor map={map} grid={grid} />
      {menu && <HeaderMenu map={map} grid={grid} at={menu} close={() => setMenu(null)} />}
      <PointLabelEditor map={map} grid={grid} />
    </div>
  );
}

function applyViewport(stage: Konva.Stage, viewport: Viewport): void {
  stage.position({ x: viewport.x, y: viewport.y });
  stage.scale({ x: viewport.scale, y: viewport.scale });
  pinHeaders(stage, viewport);
  pinEmotionAxis(stage, viewport);
  applyLegibility(stage, viewport.scale);
  stage.batchDraw();
}

/** A press on a stage or lane header starts resizing (near its far edge) or reordering it. */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function structureDragAt(grid: Grid, at: Point): StructureDrag | null {
  const { viewport } = useUi.getState();
  const point = toBoard(viewport, at);
  const header = headerAt(grid, point, pinnedOffset(viewport));
  return header ? pressHeader(grid, header, point, viewport.scale) : null;
}
