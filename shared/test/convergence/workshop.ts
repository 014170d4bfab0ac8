import * as Y from "yjs";
import {
  addNote,
  addSegment,
  type Board,
  createBoard,
  DEFAULT_SEGMENT,
  listLanes,
  listStages,
  moveLane,
  moveStage,
  openBoard,
} from "../../src/index.js";
import { act, listTracks } from "./actions.js";
import { History, key, type Stamp } from "./history.js";
import { Network } from "./network.js";
import type { Operation, Scenario, SequentialMove } from "./operations.js";
import { exerciseReaders, openMaps } from "./readers.js";

const RELAY = 1;

export interface MoveResult {
  move: SequentialMove;
  to: number;
  actual: number;
  /** How many other tracks have the moved track's new order key. */
  sharing: number;
}

/**
 * Participants of one board acting through shared's public API while the network delivers their
 * changes late and in a different order to each. Records what each meant in `history` for the invariants to check.
 */
export class Workshop {
  readonly boards: Board[];
  readonly network: Network;
  readonly history = new History();
  readonly moves: MoveResult[] = [];
  /** Every note added so far, the created board's first: what an operation's `note` index names. */
  private readonly notes: string[] = [];
  private seq = 0;

  constructor(participants: number) {
    // The relay creates the board once; each participant starts from a copy of it.
    const created = new Y.Doc();
    created.clientID = RELAY;
    const relay = createBoard(created, { title: "Workshop", now: 1 });
    const [map] = openMaps(relay);
    if (!map) throw new Error("a new board has a map");
    addSegment(map, { ...DEFAULT_SEGMENT, name: "Small business" });
    const stages = listStages(map);
    const lane = listLanes(map)[0];
    const stamp = this.stamp(created, new Map());
    for (const stage of stages.slice(0, 3)) {
      const cell = lane ? { stageId: stage.id, laneId: lane.id } : null;
      const id = addNote(map, { cell, x: 10, y: 10, author: "relay", text: "Hold music" });
      this.notes.push(id);
      this.history.addedNotes.add(key(map.id, id));
      this.history.place(map.id, id, cell, stamp());
    }
    const docs = Array.from({ length: participants }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = RELAY + 1 + i;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(created));
      return doc;
    });
    this.network = new Network(docs);
    this.boards = docs.map((doc, i) => openBoard(doc, `participant ${i}`));
  }

  static run(scenario: Scenario): Workshop {
    const workshop = new Workshop(scenario.participants);
    for (const operation of scenario.operations) workshop.apply(operation);
    workshop.network.flush();
    for (const move of scenario.finalMoves) {
      workshop.attempt(`moving ${JSON.stringify(move)}`, () => workshop.moveAfterMerge(move));
    }
    workshop.network.flush();
    for (const [i, board] of workshop.boards.entries()) {
      workshop.guard(`reading participant ${i}'s merged board`, board);
    }
    return workshop;
  }

  apply(operation: Operation): void {
    const n = this.boards.length;
    if (operation.op === "deliver") {
      const from = operation.from % n;
      const to = (from + 1 + (operation.to % (n - 1))) % n;
      const receiver = this.network.deliver(from, to, operation.pick);
      const board = receiver === null ? undefined : this.boards[receiver];
      if (board) this.guard(`reading after ${JSON.stringify(operation)}`, board);
      return;
    }
    const board = this.boards[operation.who % n];
    if (!board) return;
    const context = { history: this.history, notes: this.notes, done: this.stamp(board.doc) };
    this.attempt(JSON.stringify(operation), () => act(context, board, operation));
    this.guard(`reading after ${JSON.stringify(operation)}`, board);
  }

  /** Runs an action, recording (rather than stopping at) what it throws. */
  private attempt(doing: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.history.failures.push(`${doing} threw ${String(error)}`);
    }
  }

  /** After the merge, participant 0 moves a track alone to every position: it must land at each one. */
  moveAfterMerge(move: SequentialMove): void {
    const board = this.boards[0];
    const maps = board ? openMaps(board) : [];
    const map = maps[move.map % maps.length];
    if (!map) return;
    const count = listTracks(map, move.track).length;
    const id = listTracks(map, move.track)[move.index % count]?.id;
    if (!id) return;
    for (let to = 0; to < count; to++) {
      (move.track === "stage" ? moveStage : moveLane)(map, id, to);
      const tracks = listTracks(map, move.track);
      const actual = tracks.findIndex((t) => t.id === id);
      const sharing = tracks.filter((t) => t.order === tracks[actual]?.order).length - 1;
      this.moves.push({ move, to, actual, sharing });
    }
  }

  private guard(doing: string, board: Board): void {
    this.attempt(doing, () => exerciseReaders(board));
  }

  /** Call before acting; the returned function gives the action's stamp once done. */
  private stamp(doc: Y.Doc, seen = Y.decodeStateVector(Y.encodeStateVector(doc))): () => Stamp {
    const seq = this.seq++;
    return () => ({ seq, client: doc.clientID, clock: Y.getState(doc.store, doc.clientID), seen });
  }
}
