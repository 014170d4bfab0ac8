import { canScore, renameBoard } from "@journeyboard/shared";
import { useEffect, useMemo, useState } from "react";
import { BoardStage } from "./canvas/board-stage.js";
import { useFollowWalkthrough } from "./canvas/follow.js";
import { Minimap } from "./canvas/minimap.js";
import { OPENING_VIEW, savedMapId, savedViewport, saveView } from "./canvas/saved-view.js";
import { type CommandContext, editBoard } from "./commands/commands.js";
import { CommandScope } from "./commands/scope.js";
import { useShortcuts } from "./commands/shortcuts.js";
import { useFileDrop } from "./files/file-drop.js";
import { useDroppedFile } from "./files/file-hooks.js";
import { rememberBoard } from "./landing/recent-boards.js";
import { BalancePanel } from "./panels/balance-panel.js";
import { ComparePanel } from "./panels/compare-panel.js";
import { ConfirmDialog } from "./panels/confirm-dialog.js";
import { ConnectionIndicator } from "./panels/connection-indicator.js";
import { DraftField } from "./panels/draft-field.js";
import { ExportPanel } from "./panels/export-panel.js";
import { FormatBar } from "./panels/format-bar.js";
import { Hint } from "./panels/hint.js";
import { ImportPanel } from "./panels/import-panel.js";
import { KindOffer } from "./panels/kind-offer.js";
import { LegendPanel } from "./panels/legend-panel.js";
import { LocksPanel } from "./panels/locks-panel.js";
import { MapTabs } from "./panels/map-tabs.js";
import { NamePrompt } from "./panels/name-prompt.js";
import { Participants } from "./panels/participants.js";
import { PrivateWritingBanner, PrivateWritingPanel } from "./panels/private-writing-panel.js";
import { RoundsPanel } from "./panels/rounds-panel.js";
import { RunSheetChip, RunSheetPanel } from "./panels/run-sheet-panel.js";
import { ScoringPanel } from "./panels/scoring-panel.js";
import { SegmentsPanel } from "./panels/segments-panel.js";
import { SharePanel } from "./panels/share-panel.js";
import { ShortcutsPanel } from "./panels/shortcuts-panel.js";
import { SummaryPanel } from "./panels/summary-panel.js";
import { TimerDisplay } from "./panels/timer-display.js";
import { TimerPanel } from "./panels/timer-panel.js";
import { Toolbar } from "./panels/toolbar.js";
import { VotingPanel } from "./panels/voting-panel.js";
import { WalkthroughBar } from "./panels/walkthrough-bar.js";
import { WalkthroughPanel } from "./panels/walkthrough-panel.js";
import { ZoomControls } from "./panels/zoom-controls.js";
import { RaciPanel } from "./raci/raci-panel.js";
import { navigate } from "./routes.js";
import { type BoardConnection, openConnection } from "./sync/connection.js";
import { useBoardMeta, useConnectionState, useJourneyMap, useMaps, useScoring } from "./sync/hooks.js";
import { joinPresence, savedName, showMap, suggestedName, useParticipants } from "./sync/presence.js";
import { type Panel, useUi } from "./ui-state.js";

/** A board page: one live connection to the board for as long as the page shows it. */
export function BoardPage({ boardId, token, created }: { boardId: string; token: string; created: boolean }) {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  useEffect(() => {
    const opened = openConnection(boardId, token);
    setConnection(opened);
    return () => {
      opened.destroy();
      useUi.getState().reset();
    };
  }, [boardId, token]);
  return connection ? <Board connection={connection} created={created} /> : null;
}

function Board({ connection, created }: { connection: BoardConnection; created: boolean }) {
  const state = useConnectionState(connection);
  const meta = useBoardMeta(connection);
  const maps = useMaps(connection);
  const mapId = useUi((s) => s.mapId);
  const setMap = useUi((s) => s.setMap);
  const panel = useUi((s) => s.panel);
  const raciExpanded = useUi((s) => s.raciExpanded);
  const screenReady = useUi((s) => s.screen.w > 0);
  const map = useJourneyMap(connection, mapId);
  const participants = useParticipants(connection);
  const self = participants.find((p) => p.isSelf);
  const author = self?.name ?? "";
  const authorColor = self?.color ?? null;
  const viewer = connection.role === "viewer";
  const readOnly = viewer || !state.loaded || state.tooNew || state.refusal !== null;
  const ctx = useMemo<CommandContext>(
    () => ({ connection, map, author, authorColor, readOnly }),
    [connection, map, author, authorColor, readOnly],
  );
  useShortcuts(ctx);
  useFollowWalkthrough(connection);
  useFileDrop(offerDroppedFile);
  const setReadOnlyReason = useUi((s) => s.setReadOnlyReason);
  useEffect(() => {
    setReadOnlyReason(
      viewer
        ? "You are viewing this board: ask its facilitator for an editor link to change it."
        : state.tooNew
          ? "This board was saved by a newer version of Journeyboard: reload the page to edit it."
          : readOnly
            ? "The board cannot be changed right now."
            : null,
    );
  }, [viewer, state.tooNew, readOnly, setReadOnlyReason]);

  // Someone new to this browser joins under a suggested name and is asked for theirs, once.
  const [askName] = useState(() => savedName() === null);
  const [suggestion] = useState(suggestedName);
  useEffect(() => joinPresence(connection, savedName() ?? suggestion), [connection, suggestion]);

  // Open the map this participant was on (or the first), or another one when the shown map is removed.
  useEffect(() => {
    if (maps.length === 0 || maps.some((m) => m.id === mapId)) return;
    const saved = savedMapId(connection.boardId);
    setMap(maps.find((m) => m.id === saved)?.id ?? maps[0]?.id ?? null);
  }, [maps, mapId, setMap, connection.boardId]);
  useEffect(() => showMap(connection, mapId), [connection, mapId]);

  // A map opens where this participant last looked at it; a map new to them keeps the view they had of
  // the one before (a copy is laid out the same), and the board opens at 100 % on the start of the
  // journey. The view is kept in this browser as they pan, zoom and switch maps.
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!map || !screenReady || !state.loaded || shown === map.id) return;
    const saved = savedViewport(connection.boardId, map.id);
    if (saved) useUi.getState().setViewport(saved);
    else if (shown === null) useUi.getState().setViewport(OPENING_VIEW);
    setShown(map.id);
  }, [map, screenReady, state.loaded, shown, connection.boardId]);
  useEffect(() => {
    if (!map || shown !== map.id) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useUi.subscribe((ui, before) => {
      if (ui.viewport === before.viewport) return;
      clearTimeout(timer);
      timer = setTimeout(() => saveView(connection.boardId, map.id, useUi.getState().viewport), 250);
    });
    saveView(connection.boardId, map.id, useUi.getState().viewport);
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [map, shown, connection.boardId]);

  useEffect(() => {
    if (!state.loaded) return;
    document.title = `${meta.title} · Journeyboard`;
    rememberBoard({ id: connection.boardId, title: meta.title, path: `${location.pathname}${location.search}` });
  }, [state.loaded, meta.title, connection.boardId]);

  return (
    <CommandScope value={ctx}>
      <div className="board-page">
        <header className="top-bar">
          <a
            className="brand"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate("/");
            }}
          >
            Journeyboard
          </a>
          <DraftField
            className="board-title"
            label="Board title"
            value={meta.title}
            readOnly={readOnly}
            maxLength={120}
            onCommit={(title) => editBoard(ctx, () => renameBoard(connection.board, title))}
          />
          <MapTabs board={connection.board} maps={maps} />
          <div className="top-bar-end">
            <RunSheetChip connection={connection} />
            <TimerDisplay connection={connection} />
            <Participants connection={connection} />
            {viewer && (
              <span className="role-badge" title="Your link lets you look and be seen, not change the board">
                View only
              </span>
            )}
            <SharePanel connection={connection} initiallyOpen={created} />
            <ConnectionIndicator state={state} />
          </div>
        </header>
        <Toolbar />
        {/* An open side panel takes its room from the canvas, never covers it. */}
        <main className={mainClass(panel, raciExpanded)}>
          {map && state.loaded && <BoardStage connection={connection} map={map} />}
          {map && <FormatBar map={map} />}
          <Hint />
          <ConfirmDialog />
          {askName && state.loaded && <NamePrompt connection={connection} suggestion={suggestion} />}
          <ZoomControls />
          {map && state.loaded && <Minimap map={map} />}
          {panel === "shortcuts" && <ShortcutsPanel />}
          {panel === "segments" && map && <SegmentsPanel map={map} />}
          {panel === "balance" && map && <BalancePanel map={map} />}
          {panel === "scoring" && map && <ScoringPanel connection={connection} map={map} name={author} />}
          {panel === "voting" && map && <VotingPanel connection={connection} map={map} />}
          {panel === "compare" && map && <ComparePanel connection={connection} map={map} />}
          {panel === "legend" && <LegendPanel />}
          {panel === "timer" && <TimerPanel connection={connection} />}
          {panel === "walkthrough" && map && <WalkthroughPanel connection={connection} map={map} name={author} />}
          {panel === "locks" && map && <LocksPanel connection={connection} map={map} />}
          {panel === "rounds" && map && <RoundsPanel connection={connection} map={map} />}
          {panel === "summary" && map && <SummaryPanel connection={connection} map={map} />}
          {panel === "private" && map && <PrivateWritingPanel connection={connection} map={map} />}
          {panel === "runsheet" && map && <RunSheetPanel connection={connection} map={map} />}
          {panel === "raci" && map && <RaciPanel map={map} awareness={connection.provider.awareness} />}
          {panel === "export" && map && <ExportPanel connection={connection} map={map} />}
          {panel === "import" && <ImportPanel connection={connection} />}
          <BoardNotice state={state} />
          <div className="canvas-dock">
            {map && <KindOffer map={map} />}
            {state.tooNew && (
              <div className="banner" role="status">
                This board was saved by a newer version of Journeyboard. Reload the page to edit it.
              </div>
            )}
            {map && panel !== "scoring" && <ScoringBanner connection={connection} mapId={map.id} />}
            {map && <PrivateWritingBanner connection={connection} map={map} />}
            {state.loaded && <WalkthroughBar connection={connection} />}
          </div>
        </main>
      </div>
    </CommandScope>
  );
}

/** A file dropped onto the board opens the Import panel, which asks whether it becomes a map here or a new board. */
function offerDroppedFile(file: File): void {
  useDroppedFile.getState().offer(file);
  useUi.getState().openPanel("import");
}

/** The RACI grid's panel is wide, and may take the canvas's place; the others are narrow. */
function mainClass(panel: Panel | null, raciExpanded: boolean): string {
  if (panel === "raci")
    return raciExpanded ? "board-main with-panel raci-room full" : "board-main with-panel raci-room";
  return panel ? "board-main with-panel" : "board-main";
}

/** Tells everyone a crowd-scoring round is open, and takes those who score to it. */
function ScoringBanner({ connection, mapId }: { connection: BoardConnection; mapId: string }) {
  const round = useScoring(connection);
  const open = useUi((s) => s.openPanel);
  if (round?.status !== "open" || round.mapId !== mapId) return null;
  if (!canScore(connection.role)) {
    return (
      <div className="banner" role="status">
        Crowd scoring is open: facilitators and editors are scoring each stage, privately.
      </div>
    );
  }
  return (
    <div className="banner" role="status">
      Crowd scoring is open: score each stage, privately.{" "}
      <button type="button" className="primary" onClick={() => open("scoring")}>
        Score now
      </button>
    </div>
  );
}

/** Loading, refusal and out-of-date notices over the canvas. */
function BoardNotice({ state }: { state: ReturnType<typeof useConnectionState> }) {
  if (state.mustReload) {
    return (
      <div className="notice" role="alert">
        <h2>This page is out of date</h2>
        <p>{state.refusal}</p>
        <button type="button" className="primary" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  if (state.refusal) {
    return (
      <div className="notice" role="alert">
        <h2>This board cannot be opened</h2>
        <p>{state.refusal}</p>
        <button type="button" className="primary" onClick={() => navigate("/")}>
          Go to the start page
        </button>
      </div>
    );
  }
  if (!state.loaded) {
    return (
      <div className="notice" role="status">
        <div className="spinner" aria-hidden="true" />
        <p>
          {state.waiting ??
            (state.link === "offline" ? "Waiting for the connection to load this board…" : "Loading the board…")}
        </p>
      </div>
    );
  }
  return null;
}
