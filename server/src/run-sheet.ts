import {
  cleanVoteSettings,
  defaultAgenda,
  getMap,
  listStages,
  MAX_ROUNDS,
  moveStep,
  newId,
  openBoard,
  RUN_SHEET_LIMITS,
  type RunSheet,
  type RunSheetStep,
  readPrivateWriting,
  readRounds,
  readRunSheet,
  readVote,
  readWalkthrough,
  switchStep,
  TIMER_LIMITS,
  type VoteSettings,
  type WalkThrough,
  writeAgenda,
  writePrivateWriting,
} from "@journeyboard/shared";
import type * as Y from "yjs";
import type { BoardQueue } from "./board-queue.js";
import { changeLocksIn } from "./locks-routes.js";
import type { Logger } from "./log.js";
import { type PrivateWritings, writingOn } from "./private-writing.js";
import type { Rooms } from "./relay/rooms.js";
import { changeTimerIn } from "./timer.js";
import { openVoteIn } from "./voting.js";
import { changeWalkIn, newRound, startRoundIn, type Walkthroughs } from "./walkthrough.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

export class RunSheetError extends Error {}

/** A facilitator's change to the agenda. */
export type AgendaEdit =
  | { action: "default"; mapId: string }
  | { action: "add"; step: RunSheetStep; at: number | null }
  | { action: "edit"; step: RunSheetStep }
  | { action: "move"; stepId: string; to: number }
  | { action: "remove"; stepId: string };

/**
 * The run-sheet of each board. Operations on one board run one after the other: a start names the step
 * it leaves (`from`), so of two facilitators pressing "next" at once only the first moves the session.
 * Starting a step applies its stage, timer, mode and locks through the timer's, walk-through's, vote's,
 * private writing's and locks' own writers, in one transaction of the control document: everyone sees
 * the whole step at once. Revealing private writing (when a step leaves it) adds notes to the board
 * document, so it runs just before that transaction, within the step's turn of the board's queue (shared
 * with voting, the walk-through and private writing, so no panel's click lands in between).
 */
export class RunSheets {
  constructor(
    private readonly rooms: Rooms,
    /** The board's one queue of facilitation operations, shared with the other facilitation features. */
    private readonly queue: BoardQueue,
    private readonly privateWritings: PrivateWritings,
    private readonly walkthroughs: Walkthroughs,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  edit(boardId: string, edit: AgendaEdit): Promise<RunSheet> {
    return this.queue.run(boardId, async () => {
      const { steps, current } = await this.read(boardId);
      // The bounds first (step count, known steps, the running one), then the board's maps and stages.
      const changed = editedAgenda(steps, current?.stepId ?? null, edit);
      if (edit.action === "default") await this.stagesOf(boardId, edit.mapId, null);
      if (edit.action === "add" || edit.action === "edit")
        await this.stagesOf(boardId, edit.step.mapId, edit.step.stageId);
      await this.rooms.change({ boardId, kind: "control" }, (room) => writeAgenda(room.doc, changed, RELAY_ORIGIN));
      this.log.info("run-sheet edited", { board: boardId, action: edit.action, steps: changed.length });
      return { steps: changed, current };
    });
  }

  /** Starts a step, if the session is still at `from` (the step it leaves, null before the first). */
  start(boardId: string, stepId: string, from: string | null): Promise<RunSheet> {
    return this.queue.run(boardId, async () => {
      const { steps, current } = await this.read(boardId);
      atStep(current?.stepId ?? null, from, steps);
      const step = steps.find((s) => s.id === stepId);
      if (!step) throw new RunSheetError("no such step on the run-sheet");
      const [first] = await this.stagesOf(boardId, step.mapId, step.stageId);
      const stageId = step.stageId ?? first;
      if (step.mode === "walk" && stageId === undefined) throw new RunSheetError("the step's map has no stages");
      const { writing, newRound } = await this.rooms.change({ boardId, kind: "control" }, (room) => ({
        writing: readPrivateWriting(room.doc),
        newRound: step.mode === "walk" && !inRound(readWalkthrough(room.doc), step),
      }));
      if (newRound && (await this.rounds(boardId)) >= MAX_ROUNDS)
        throw new RunSheetError(`this board has had ${MAX_ROUNDS} walk-through rounds`);
      const keepWriting =
        step.mode === "write" &&
        writing?.status === "on" &&
        writing.mapId === step.mapId &&
        writing.stageId === step.stageId;
      if (writing?.status === "on" && !keepWriting) await this.privateWritings.reveal(boardId);
      const counts = step.mode === "write" && !keepWriting ? await this.privateWritings.keptCounts(boardId) : null;
      const now = this.now();
      const walk = await this.rooms.change({ boardId, kind: "control" }, (room) => {
        room.doc.transact(() => applyStep(room.doc, steps, step, stageId ?? null, counts, now), RELAY_ORIGIN);
        return readWalkthrough(room.doc);
      });
      // A time box armed for the walk-through before must not move the step's round on.
      this.walkthroughs.arm(boardId, walk);
      this.log.info("run-sheet step started", { board: boardId, step: stepId, mode: step.mode, from });
      return this.read(boardId);
    });
  }

  /** Ends the session, if it is still at `from`: the step's time is kept, its timer stops, nothing stays locked. */
  finish(boardId: string, from: string | null): Promise<RunSheet> {
    return this.queue.run(boardId, async () => {
      const { steps, current } = await this.read(boardId);
      if (!current) throw new RunSheetError("no step is running");
      atStep(current.stepId, from, steps);
      const writing = await this.rooms.change({ boardId, kind: "control" }, (room) => readPrivateWriting(room.doc));
      if (writing?.status === "on") await this.privateWritings.reveal(boardId);
      const now = this.now();
      await this.rooms.change({ boardId, kind: "control" }, (room) => {
        const control = room.doc;
        const walk = readWalkthrough(control);
        control.transact(() => {
          switchStep(control, steps, null, now, RELAY_ORIGIN);
          changeTimerIn(control, { action: "stop", scope: "step" }, now);
          if (walk?.status === "running") changeWalkIn(control, walk, { ...walk, status: "ended" }, now);
          changeLocksIn(control, { structure: false, stages: false });
        }, RELAY_ORIGIN);
      });
      this.walkthroughs.arm(boardId, null);
      this.log.info("run-sheet finished", { board: boardId, step: current.stepId });
      return this.read(boardId);
    });
  }

  private rounds(boardId: string): Promise<number> {
    return this.rooms.change({ boardId, kind: "control" }, (room) => readRounds(room.doc).length);
  }

  private read(boardId: string): Promise<RunSheet> {
    return this.rooms.change({ boardId, kind: "control" }, (room) => readRunSheet(room.doc));
  }

  /** The stages of a step's map, checked: the map and the step's stage must be on the board. */
  private async stagesOf(boardId: string, mapId: string, stageId: string | null): Promise<string[]> {
    const stages = await this.rooms.change({ boardId, kind: "board" }, (room) => {
      const map = getMap(openBoard(room.doc), mapId);
      return map ? listStages(map).map((s) => s.id) : null;
    });
    if (stages === null) throw new RunSheetError("no such map on this board");
    if (stageId !== null && !stages.includes(stageId))
      throw new RunSheetError("no such stage on the step's map: edit the step");
    return stages;
  }
}

/** Whether the walk-through running is the round a "walk" step runs. */
function inRound(walk: WalkThrough | null, step: RunSheetStep): walk is WalkThrough {
  return walk?.status === "running" && walk.mapId === step.mapId && walk.roundName === step.round;
}

/**
 * Everything a step changes in the control document, through each feature's own writer (called inside
 * one transaction): the step's run, its timer, the walk-through, the locks, the vote, private writing.
 */
function applyStep(
  control: Y.Doc,
  steps: readonly RunSheetStep[],
  step: RunSheetStep,
  stageId: string | null,
  counts: Record<string, number> | null,
  now: number,
): void {
  switchStep(control, steps, { stepId: step.id }, now, RELAY_ORIGIN);
  const label = step.title.slice(0, TIMER_LIMITS.maxLabel);
  changeTimerIn(control, { action: "start", scope: "step", durationMs: step.timeBoxMinutes * 60_000, label }, now);
  const walk = readWalkthrough(control);
  if (step.mode === "walk" && step.round !== null && stageId !== null) {
    if (!inRound(walk, step)) startRoundIn(control, newRound(step.round, step.mapId, stageId, now));
    else if (walk.stageId !== stageId) changeWalkIn(control, walk, { ...walk, stageId, stageStartedAt: now }, now);
  } else if (walk?.status === "running") changeWalkIn(control, walk, { ...walk, status: "ended" }, now);
  const place = step.stageId === null ? {} : { mapId: step.mapId, stageId: step.stageId };
  changeLocksIn(control, { structure: step.locks.structure, stages: step.locks.stages, ...place });
  if (step.mode === "vote" && readVote(control)?.status !== "open") openVoteIn(control, step.mapId, DEFAULT_VOTE);
  if (counts !== null) {
    const scope = step.stageId === null ? "board" : "stage";
    writePrivateWriting(control, writingOn(step.mapId, scope, step.stageId, counts, now), RELAY_ORIGIN);
  }
}

/** A step's vote: the default question and budget, on every kind of note. */
const DEFAULT_VOTE = defaultVote();

function defaultVote(): VoteSettings {
  const settings = cleanVoteSettings({});
  if (typeof settings === "string") throw new Error(settings);
  return settings;
}

/** Refuses a start from another step than the current one (another facilitator has moved on). */
function atStep(current: string | null, from: string | null, steps: readonly RunSheetStep[]): void {
  if (current === from) return;
  const title = steps.find((s) => s.id === current)?.title;
  throw new RunSheetError(
    current === null
      ? "the session has finished or not started yet"
      : `the session has already moved on to "${title ?? "another step"}"`,
  );
}

function editedAgenda(steps: RunSheetStep[], current: string | null, edit: AgendaEdit): RunSheetStep[] {
  const { maxSteps } = RUN_SHEET_LIMITS;
  const known = (stepId: string) => {
    if (!steps.some((s) => s.id === stepId)) throw new RunSheetError("no such step on the run-sheet");
  };
  switch (edit.action) {
    case "default":
      if (current !== null)
        throw new RunSheetError("a step is running: finish the session before replacing the agenda");
      return defaultAgenda(edit.mapId, newId);
    case "add": {
      if (steps.length >= maxSteps) throw new RunSheetError(`the run-sheet holds at most ${maxSteps} steps`);
      const at = edit.at === null ? steps.length : Math.max(0, Math.min(steps.length, edit.at));
      return [...steps.slice(0, at), edit.step, ...steps.slice(at)];
    }
    case "edit":
      known(edit.step.id);
      return steps.map((s) => (s.id === edit.step.id ? edit.step : s));
    case "move":
      known(edit.stepId);
      return moveStep(steps, edit.stepId, edit.to);
    case "remove":
      known(edit.stepId);
      if (edit.stepId === current) throw new RunSheetError("this step is running: start another before removing it");
      return steps.filter((s) => s.id !== edit.stepId);
  }
}
