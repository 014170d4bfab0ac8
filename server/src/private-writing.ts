import {
  addNote,
  cleanPrivateAuthor,
  cleanPrivateNote,
  countPrivateNotes,
  getMap,
  listLanes,
  listStages,
  mayWritePrivately,
  newId,
  openBoard,
  PRIVATE_LIMITS,
  type PrivateAuthor,
  type PrivateNote,
  type PrivateScope,
  type PrivateWriting,
  readPrivateWriting,
  writePrivateWriting,
} from "@journeyboard/shared";
import type * as Y from "yjs";
import type { BoardQueue } from "./board-queue.js";
import type { Logger } from "./log.js";
import type { Room } from "./relay/room.js";
import type { Rooms } from "./relay/rooms.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

/** Private writing on, from relay time `now` (the run-sheet starts a step's private writing this way too). */
export function writingOn(
  mapId: string,
  scope: PrivateScope,
  stageId: string | null,
  counts: Record<string, number>,
  now: number,
): PrivateWriting {
  return { status: "on", scope, mapId, stageId: scope === "stage" ? stageId : null, startedAt: now, counts };
}

export class PrivateWritingError extends Error {}

/** What a participant asks of their own private notes. */
export type PrivateNoteAction =
  | { action: "create"; fields: Record<string, unknown>; author: PrivateAuthor | undefined }
  | { action: "edit"; noteId: string; fields: Record<string, unknown> }
  | { action: "delete"; noteId: string }
  | { action: "list" };

interface Writer {
  author: PrivateAuthor;
  notes: PrivateNote[];
}

/**
 * Private writing. Each participant's private notes are kept by the relay in the board's private
 * document (`<boardId>.private`, stored like the others so that a restart loses nothing), under the
 * participant id the relay issued; no socket path leads to that document, so nobody's browser gets
 * anyone else's notes. The control document shows the mode and counts per stage. The reveal adds every
 * note to the board in one transaction, with its author, and then empties the private document.
 * Operations on a board run one after the other.
 */
export class PrivateWritings {
  constructor(
    private readonly rooms: Rooms,
    /** The board's one queue of facilitation operations, shared with the other facilitation features. */
    private readonly queue: BoardQueue,
    private readonly log: Logger,
  ) {}

  start(boardId: string, mapId: string, scope: PrivateScope, stageId: string | null): Promise<PrivateWriting> {
    return this.queue.run(boardId, async () => {
      if ((await this.current(boardId))?.status === "on")
        throw new PrivateWritingError("private writing is on already");
      const problem = await this.rooms.change({ boardId, kind: "board" }, (room) => {
        const map = getMap(openBoard(room.doc), mapId);
        if (!map) return "no such map on this board";
        if (scope === "stage" && !listStages(map).some((s) => s.id === stageId)) return "no such stage on this map";
        return null;
      });
      if (problem) throw new PrivateWritingError(problem);
      const writing = writingOn(mapId, scope, stageId, await this.keptCounts(boardId), Date.now());
      await this.rooms.change({ boardId, kind: "control" }, (room) =>
        writePrivateWriting(room.doc, writing, RELAY_ORIGIN),
      );
      this.log.info("private writing started", { board: boardId, scope, map: mapId });
      return writing;
    });
  }

  /** A participant's change to their own private notes; answers with all of them, and only theirs. */
  note(boardId: string, participantId: string, request: PrivateNoteAction): Promise<PrivateNote[]> {
    return this.queue.run(boardId, async () => {
      const writing = await this.current(boardId);
      if (request.action === "list") {
        return this.rooms.change({ boardId, kind: "private" }, (room) => writerOf(room, participantId)?.notes ?? []);
      }
      if (writing?.status !== "on") throw new PrivateWritingError("private writing is not on");
      const { notes, counts } = await this.rooms.change({ boardId, kind: "private" }, (room) => {
        const writers = writersOf(room);
        const writer = writerOf(room, participantId);
        const mine = writer?.notes ?? [];
        const changed = changeNotes(writing, mine, request, writers.size, writer !== undefined);
        room.doc.transact(() => {
          if (changed.length === 0) writers.delete(participantId);
          else writers.set(participantId, { author: authorOf(request, writer), notes: changed });
        }, RELAY_ORIGIN);
        return { notes: changed, counts: countPrivateNotes(notesOf(room)) };
      });
      await this.rooms.change({ boardId, kind: "control" }, (room) =>
        writePrivateWriting(room.doc, { ...writing, counts }, RELAY_ORIGIN),
      );
      return notes;
    });
  }

  /** Adds every private note to the board, with its author, in one transaction, then ends private writing. */
  reveal(boardId: string): Promise<{ revealed: number }> {
    return this.queue.run(boardId, async () => {
      const writing = await this.current(boardId);
      if (writing?.status !== "on") throw new PrivateWritingError("private writing is not on");
      const writers = await this.rooms.change({ boardId, kind: "private" }, (room) => [...writersOf(room).values()]);
      const revealed = await this.rooms.change({ boardId, kind: "board" }, (room) => {
        const map = getMap(openBoard(room.doc, RELAY_ORIGIN), writing.mapId);
        if (!map) return 0;
        const stages = new Set(listStages(map).map((s) => s.id));
        const lanes = new Set(listLanes(map).map((l) => l.id));
        let added = 0;
        room.doc.transact(() => {
          for (const { author, notes } of writers) {
            for (const note of notes) {
              // A note whose stage or lane was deleted meanwhile keeps its place, outside any cell.
              const cell = note.cell && stages.has(note.cell.stageId) && lanes.has(note.cell.laneId) ? note.cell : null;
              addNote(map, { ...note, cell, author: author.name, authorColor: author.color });
              added++;
            }
          }
        }, RELAY_ORIGIN);
        return added;
      });
      await this.rooms.change({ boardId, kind: "private" }, (room) =>
        room.doc.transact(() => writersOf(room).clear(), RELAY_ORIGIN),
      );
      await this.rooms.change({ boardId, kind: "control" }, (room) =>
        writePrivateWriting(room.doc, { ...writing, status: "off", counts: {} }, RELAY_ORIGIN),
      );
      this.log.info("private notes revealed", { board: boardId, notes: revealed, writers: writers.length });
      return { revealed };
    });
  }

  /** Private notes per stage still kept (none once revealed). */
  keptCounts(boardId: string): Promise<Record<string, number>> {
    return this.rooms.change({ boardId, kind: "private" }, (room) => countPrivateNotes(notesOf(room)));
  }

  private current(boardId: string): Promise<PrivateWriting | null> {
    return this.rooms.change({ boardId, kind: "control" }, (room) => readPrivateWriting(room.doc));
  }
}

/** The participant's notes after the change, checked against the mode, the scope and the limits. */
function changeNotes(
  writing: PrivateWriting,
  mine: PrivateNote[],
  request: Exclude<PrivateNoteAction, { action: "list" }>,
  writers: number,
  known: boolean,
): PrivateNote[] {
  if (request.action === "delete") {
    if (!mine.some((n) => n.id === request.noteId)) throw new PrivateWritingError("you have no such private note");
    return mine.filter((n) => n.id !== request.noteId);
  }
  const id = request.action === "create" ? newId() : request.noteId;
  const note = cleanPrivateNote(request.fields, id);
  if (typeof note === "string") throw new PrivateWritingError(note);
  const refused = mayWritePrivately(writing, writing.mapId, note.cell);
  if (refused) throw new PrivateWritingError(refused);
  if (request.action === "edit") {
    if (!mine.some((n) => n.id === id)) throw new PrivateWritingError("you have no such private note");
    return mine.map((n) => (n.id === id ? note : n));
  }
  if (mine.length >= PRIVATE_LIMITS.notesPerParticipant)
    throw new PrivateWritingError(`you have written ${PRIVATE_LIMITS.notesPerParticipant} private notes: reveal first`);
  if (!known && writers >= PRIVATE_LIMITS.writers)
    throw new PrivateWritingError(`private writing has taken ${PRIVATE_LIMITS.writers} participants`);
  return [...mine, note];
}

/** The name the participant last wrote a note under is the one the reveal shows. */
function authorOf(request: PrivateNoteAction, writer: Writer | undefined): PrivateAuthor {
  return (request.action === "create" ? request.author : undefined) ?? writer?.author ?? cleanPrivateAuthor("", null);
}

function writersOf(room: Room): Y.Map<Writer> {
  return room.doc.getMap<Writer>("writers");
}

function writerOf(room: Room, participantId: string): Writer | undefined {
  return writersOf(room).get(participantId);
}

function notesOf(room: Room): PrivateNote[][] {
  return [...writersOf(room).values()].map((w) => w.notes);
}
