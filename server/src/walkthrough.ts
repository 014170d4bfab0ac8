import {
  appendFeedback,
  appendStageVisit,
  cleanRoundName,
  cleanTimeBox,
  type Feedback,
  getMap,
  listStages,
  MAX_FEEDBACK,
  MAX_ROUNDS,
  newId,
  type OnTimeUp,
  openBoard,
  type Rect,
  readRounds,
  readWalkthrough,
  SESSION_LOG_VERSION,
  stepStage,
  tagFeedback,
  WALKTHROUGH_VERSION,
  type WalkThrough,
  writeRound,
  writeWalkthrough,
} from "@journeyboard/shared";
import type * as Y from "yjs";
import type { BoardQueue } from "./board-queue.js";
import type { Logger } from "./log.js";
import type { Rooms } from "./relay/rooms.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

/** Keeps the time the walk-through spent on the stage it leaves, for the session summary. */
function closeVisit(control: Y.Doc, walk: WalkThrough, now: number): void {
  const { roundId, mapId, stageId, stageStartedAt } = walk;
  appendStageVisit(
    control,
    {
      v: SESSION_LOG_VERSION,
      roundId,
      mapId,
      stageId,
      startedAt: stageStartedAt,
      endedAt: Math.max(now, stageStartedAt),
    },
    RELAY_ORIGIN,
  );
}

/**
 * Starts a round in the control document (the run-sheet starts a step's round this way too): a round
 * still running ends, and the time it spent on its stage is kept.
 */
export function startRoundIn(control: Y.Doc, walk: WalkThrough): void {
  const { roundId, roundName, mapId, stageStartedAt } = walk;
  control.transact(() => {
    const before = readWalkthrough(control);
    if (before?.status === "running") closeVisit(control, before, stageStartedAt);
    writeRound(control, { roundId, name: roundName, mapId, startedAt: stageStartedAt }, RELAY_ORIGIN);
    writeWalkthrough(control, walk, RELAY_ORIGIN);
  }, RELAY_ORIGIN);
}

/**
 * Writes a change of the running walk-through; leaving a stage, or ending, keeps the time spent on it.
 * A visit ends when the next stage's begins, to the millisecond, so the times add up without gaps.
 */
export function changeWalkIn(control: Y.Doc, walk: WalkThrough, changed: WalkThrough, now: number): void {
  const moved = changed.stageId !== walk.stageId;
  control.transact(() => {
    if (moved || changed.status !== "running") closeVisit(control, walk, moved ? changed.stageStartedAt : now);
    writeWalkthrough(control, changed, RELAY_ORIGIN);
  }, RELAY_ORIGIN);
}

/** A new round's walk-through, on `stageId` from relay time `now`, with no time box per stage. */
export function newRound(roundName: string, mapId: string, stageId: string, now: number): WalkThrough {
  return {
    version: WALKTHROUGH_VERSION,
    roundId: newId(),
    roundName,
    mapId,
    stageId,
    stageStartedAt: now,
    timeBoxSeconds: null,
    onTimeUp: "warn",
    status: "running",
    gather: null,
  };
}

export class WalkthroughError extends Error {}

/** A facilitator's step through the map: to the next or previous stage, or straight to one. */
export type Move = { step: "next" | "previous"; from?: string } | { stageId: string };

/**
 * Walk-throughs, one at a time per board. Every change is the relay's: a facilitator asks for it, the
 * relay checks it against the board and writes it into the control document with its own clock (so a
 * stage's time box means the same for everyone, whatever their browser's clock says). Feedback comes in
 * the same way, stamped with the participant the relay knows from the author's credential.
 */
export class Walkthroughs {
  /** Per board, when its running stage's time box ends and the relay moves on (time boxes that advance). */
  private readonly alarms = new Map<string, { alarm: NodeJS.Timeout; box: string }>();

  constructor(
    private readonly rooms: Rooms,
    /** The board's one queue of facilitation operations, shared with the other facilitation features. */
    private readonly queue: BoardQueue,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    // Time boxes outlive a restart: a board's walk-through is armed again when its control document loads,
    // and each change to it, made here or by another relay process, arms it anew.
    rooms.onControlLoaded((room) => {
      this.arm(room.boardId, readWalkthrough(room.doc));
      room.doc.on("update", () => this.arm(room.boardId, readWalkthrough(room.doc)));
    });
  }

  /** Stops every pending advance (shutdown). */
  close(): void {
    for (const { alarm } of this.alarms.values()) clearTimeout(alarm);
    this.alarms.clear();
  }

  /** Starts a round on a map, at its first stage; a round still running ends with it. */
  start(boardId: string, mapId: string, name: unknown, timeBox: unknown, onTimeUp: unknown): Promise<WalkThrough> {
    return this.queue.run(boardId, async () => {
      const roundName = cleanRoundName(name);
      if (roundName === null) throw new WalkthroughError("name the round");
      const [first] = await this.stagesOf(boardId, mapId);
      if (first === undefined) throw new WalkthroughError("no such map, or it has no stages");
      const rounds = await this.rooms.change({ boardId, kind: "control" }, (room) => readRounds(room.doc));
      if (rounds.length >= MAX_ROUNDS) throw new WalkthroughError(`this board has had ${MAX_ROUNDS} rounds`);
      const startedAt = this.now();
      const walk: WalkThrough = {
        ...newRound(roundName, mapId, first, startedAt),
        timeBoxSeconds: cleanTimeBox(timeBox),
        onTimeUp: onTimeUp === "advance" ? "advance" : "warn",
      };
      await this.rooms.change({ boardId, kind: "control" }, (room) => startRoundIn(room.doc, walk));
      this.log.info("walk-through started", { board: boardId, round: walk.roundId, map: mapId });
      this.arm(boardId, walk);
      return walk;
    });
  }

  /**
   * Moves to another stage, which starts its time box afresh. A step names the stage it moves `from`
   * when it may race another (a time box advancing as the facilitator clicks): only the first one moves.
   */
  move(boardId: string, move: Move): Promise<WalkThrough> {
    return this.running(boardId, async (walk) => {
      const stages = await this.stagesOf(boardId, walk.mapId);
      if ("stageId" in move && !stages.includes(move.stageId)) throw new WalkthroughError("no such stage on this map");
      if ("step" in move && move.from !== undefined && move.from !== walk.stageId) {
        throw new WalkthroughError("the walk-through has already moved on");
      }
      const stageId = "stageId" in move ? move.stageId : stepStage(stages, walk.stageId, move.step);
      return stageId === walk.stageId ? walk : { ...walk, stageId, stageStartedAt: this.now() };
    });
  }

  /** Sets the time box of each stage (none: null), and whether running out warns or advances. */
  timeBox(boardId: string, seconds: unknown, onTimeUp: OnTimeUp): Promise<WalkThrough> {
    return this.running(boardId, async (walk) => ({ ...walk, timeBoxSeconds: cleanTimeBox(seconds), onTimeUp }));
  }

  /** Shows everyone the board area the facilitator is looking at. */
  gather(boardId: string, rect: Rect): Promise<WalkThrough> {
    return this.running(boardId, async (walk) => ({ ...walk, gather: { rect, at: this.now() } }));
  }

  end(boardId: string): Promise<WalkThrough> {
    return this.running(boardId, async (walk) => ({ ...walk, status: "ended" }));
  }

  /** Files a remark on the current stage under the running round, by the participant the relay identified. */
  feedback(boardId: string, participantId: string, input: Record<string, unknown>): Promise<Feedback> {
    return this.queue.run(boardId, () =>
      this.rooms.change({ boardId, kind: "control" }, (room) => {
        if (room.doc.getArray("feedback").length >= MAX_FEEDBACK) {
          throw new WalkthroughError(`this board has taken ${MAX_FEEDBACK} pieces of feedback`);
        }
        const tagged = tagFeedback(
          readWalkthrough(room.doc),
          { stageId: input.stageId, text: input.text },
          { participantId, name: input.name },
          { id: newId(), at: this.now() },
        );
        if (!tagged.ok) throw new WalkthroughError(tagged.reason);
        appendFeedback(room.doc, tagged.feedback, RELAY_ORIGIN);
        return tagged.feedback;
      }),
    );
  }

  /** Changes the running walk-through and writes the change; refused when none is running. */
  private running(boardId: string, change: (walk: WalkThrough) => Promise<WalkThrough>): Promise<WalkThrough> {
    return this.queue.run(boardId, async () => {
      const walk = await this.rooms.change({ boardId, kind: "control" }, (room) => readWalkthrough(room.doc));
      if (walk?.status !== "running") throw new WalkthroughError("no walk-through is running");
      const changed = await change(walk);
      await this.rooms.change({ boardId, kind: "control" }, (room) =>
        changeWalkIn(room.doc, walk, changed, this.now()),
      );
      if (changed.stageId !== walk.stageId) {
        this.log.info("walk-through moved", { board: boardId, round: walk.roundId, stage: changed.stageId });
      }
      this.arm(boardId, changed);
      return changed;
    });
  }

  /**
   * The relay, being the clock, moves a walk-through on when its stage's time box ends and it advances:
   * no page needs to be open. Every relay process holding the board arms the alarm; under the board's
   * lock, only one finds the stored walk-through still at that stage with that deadline, and moves it.
   * The step names the stage it leaves, so it never races a facilitator's click into moving two stages.
   */
  arm(boardId: string, walk: WalkThrough | null): void {
    const box = timeBoxOf(walk);
    const armed = this.alarms.get(boardId);
    if (armed?.box === box) return;
    clearTimeout(armed?.alarm);
    this.alarms.delete(boardId);
    if (walk === null || box === undefined) return;
    const due = walk.stageStartedAt + (walk.timeBoxSeconds ?? 0) * 1000 - this.now();
    const alarm = setTimeout(() => this.timeUp(boardId, walk, box), Math.max(0, due));
    alarm.unref();
    this.alarms.set(boardId, { alarm, box });
  }

  /** The alarm stays noted as this box's, fired: other changes to the control document do not arm it again. */
  private timeUp(boardId: string, walk: WalkThrough, box: string): void {
    this.log.info("time box ended", { board: boardId, round: walk.roundId, stage: walk.stageId });
    this.queue
      .run(boardId, async () => {
        const stored = await this.rooms.change({ boardId, kind: "control" }, (room) => readWalkthrough(room.doc));
        // Moved on by another process, or the box changed: that change armed its own alarm.
        if (timeBoxOf(stored) !== box) return;
        await this.move(boardId, { step: "next", from: walk.stageId });
      })
      .catch((error: unknown) => {
        if (error instanceof WalkthroughError) return;
        // The next change to the walk-through, or its next load, tries again.
        if (this.alarms.get(boardId)?.box === box) this.alarms.delete(boardId);
        this.log.error("time box could not advance", { board: boardId, reason: error });
      });
  }

  private stagesOf(boardId: string, mapId: string): Promise<string[]> {
    return this.rooms.change({ boardId, kind: "board" }, (room) => {
      const map = getMap(openBoard(room.doc), mapId);
      return map ? listStages(map).map((s) => s.id) : [];
    });
  }
}

/** A running stage's time box that advances, as one key (the round, the stage, its deadline); undefined for none. */
function timeBoxOf(walk: WalkThrough | null): string | undefined {
  if (walk?.status !== "running" || walk.onTimeUp !== "advance" || walk.timeBoxSeconds === null) return undefined;
  return `${walk.roundId} ${walk.stageId} ${walk.stageStartedAt + walk.timeBoxSeconds * 1000}`;
}
