import { computeGrid, type Grid, getMap, listLanes, listStages, type Rect } from "@journeyboard/shared";
import { useEffect, useRef } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { useWalkthrough } from "../sync/walkthrough.js";
import { useUi } from "../ui-state.js";
import { between, fitRect, type Viewport } from "./viewport.js";

/** How long the view takes to glide to the facilitator's stage. */
export const GLIDE_MS = 450;

let gliding = 0;

/** Moves the view to `to` over GLIDE_MS, frame by frame; a newer glide takes over from where this one is. */
export function glideTo(to: Viewport): void {
  const from = useUi.getState().viewport;
  const started = performance.now();
  const id = ++gliding;
  const frame = (now: number) => {
    if (id !== gliding) return;
    const t = Math.min(1, (now - started) / GLIDE_MS);
    useUi.getState().setViewport(t >= 1 ? to : between(from, to, t));
    if (t < 1) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** A stage's column on the board, its header included; undefined for a stage not on the grid. */
export function stageColumn(grid: Grid, stageId: string): Rect | undefined {
  const column = grid.columns.find((c) => c.stage.id === stageId);
  return column && { x: column.x, y: 0, w: column.stage.width, h: grid.height };
}

/**
 * Takes this participant's view to the facilitator's current stage while they follow the walk-through
 * (to its map first), again each time the stage changes or they come back to following; and to the
 * facilitator's own view whenever the facilitator brings everyone to them.
 */
export function useFollowWalkthrough(connection: BoardConnection): void {
  const walk = useWalkthrough(connection);
  const following = useUi((s) => s.following);
  const mapId = useUi((s) => s.mapId);
  // The canvas changes size when a side panel opens: the stage followed is fitted to it again.
  const screen = useUi((s) => s.screen);
  const ready = screen.w > 0;
  const running = walk?.status === "running" ? walk : null;
  // What to follow: the stage being walked through, and when it started (a jump back to it glides again).
  const followed = running && following ? running : null;
  const walkedMap = followed?.mapId;
  const walkedStage = followed?.stageId;
  const stageStart = followed?.stageStartedAt;

  useEffect(() => {
    if (!walkedMap || !walkedStage || stageStart === undefined || !ready) return;
    if (mapId !== walkedMap) {
      useUi.getState().setMap(walkedMap);
      return;
    }
    const map = getMap(connection.board, walkedMap);
    const rect = map && stageColumn(computeGrid(listStages(map), listLanes(map)), walkedStage);
    if (rect) glideTo(fitRect(rect, screen));
  }, [walkedMap, walkedStage, stageStart, mapId, ready, connection, screen]);

  // The gather the walk-through held when it reached this page is an old one: only a new one moves the view.
  const seenGather = useRef<number | null | undefined>(undefined);
  const gather = running?.gather ?? null;
  useEffect(() => {
    if (walk === null) return;
    const first = seenGather.current === undefined;
    if (seenGather.current === (gather?.at ?? null)) return;
    seenGather.current = gather?.at ?? null;
    if (first || !gather || !ready) return;
    if (running && mapId !== running.mapId) useUi.getState().setMap(running.mapId);
    glideTo(fitRect(gather.rect, useUi.getState().screen, 0));
  }, [walk, gather, ready, running, mapId]);
}
