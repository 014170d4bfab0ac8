import {
  type Cell,
  type NoteKind,
  type PrivateNote,
  type PrivateScope,
  type PrivateWriting,
  readPrivateWriting,
} from "@journeyboard/shared";
import { useCallback } from "react";
import type * as Y from "yjs";
import { create } from "zustand";
import { callApi } from "./api.js";
import type { BoardConnection } from "./connection.js";
import { useObserved } from "./hooks.js";

/**
 * This participant's private notes while private writing is on. They go to the relay alone (never into
 * a shared document), as the participant the relay issued to this browser; its answer, which holds this
 * participant's own notes only, is the truth kept here. The canvas draws them for their author alone.
 */
export interface PrivateNoteFields {
  cell: Cell | null;
  x: number;
  y: number;
  kind: NoteKind;
  text: string;
}

interface MyPrivateNotes {
  connection: BoardConnection | null;
  /** Whether private writing is on, as the control document last said. */
  on: boolean;
  notes: PrivateNote[];
  /** The private note selected (the Delete key removes it), and the one whose text is being edited. */
  selected: string | null;
  editing: string | null;
  /** Why the last action failed (the relay's own words, or the connection), shown until the next one. */
  refusal: string | null;
  /** Follows private writing as the control document shows it: on, this participant's notes are listed. */
  follow(connection: BoardConnection, writing: PrivateWriting | null): void;
  /** A new private note; its id, or null if the relay refused it (the refusal says why). */
  create(fields: PrivateNoteFields, name: string, color: string | null): Promise<string | null>;
  edit(noteId: string, fields: PrivateNoteFields): Promise<void>;
  remove(noteId: string): Promise<void>;
  select(noteId: string | null): void;
  startEditing(noteId: string | null): void;
}

export const OFFLINE_REFUSAL = "Private notes need the connection to the board: wait until it is back, then try again.";

type NotesAnswer = { notes: PrivateNote[] };

export const usePrivateNotes = create<MyPrivateNotes>()((set, get) => {
  const act = async (request: Record<string, unknown>): Promise<PrivateNote[] | null> => {
    const { connection } = get();
    if (!connection) return null;
    const { boardId, token, participant } = connection;
    if (!participant) {
      set({ refusal: "this browser has not joined the board yet: reload the page to write private notes" });
      return null;
    }
    if (!navigator.onLine || connection.getState().link === "offline") {
      set({ refusal: OFFLINE_REFUSAL });
      return null;
    }
    try {
      const { notes } = await callApi<NotesAnswer>("POST", `/api/boards/${boardId}/private/notes`, token, {
        participant,
        ...request,
      });
      if (get().connection !== connection) return null;
      const kept = new Set(notes.map((n) => n.id));
      set((s) => ({
        notes,
        refusal: null,
        selected: s.selected && kept.has(s.selected) ? s.selected : null,
        editing: s.editing && kept.has(s.editing) ? s.editing : null,
      }));
      return notes;
    } catch (error) {
      // fetch itself fails (a TypeError) when the relay cannot be reached.
      set({ refusal: error instanceof TypeError ? OFFLINE_REFUSAL : (error as Error).message });
      return null;
    }
  };
  return {
    connection: null,
    on: false,
    notes: [],
    selected: null,
    editing: null,
    refusal: null,
    follow(connection, writing) {
      const on = writing?.status === "on";
      if (get().connection === connection && get().on === on) return;
      set({ connection, on, notes: [], selected: null, editing: null, refusal: null });
      // After a reload the relay still holds this participant's notes: ask for them.
      if (on) void act({ action: "list" });
    },
    async create(note, name, color) {
      const before = new Set(get().notes.map((n) => n.id));
      const notes = await act({ action: "create", note, name, color });
      return notes?.find((n) => !before.has(n.id))?.id ?? null;
    },
    edit: async (noteId, note) => {
      await act({ action: "edit", noteId, note });
    },
    remove: async (noteId) => {
      await act({ action: "delete", noteId });
    },
    select: (noteId) => set({ selected: noteId }),
    startEditing: (noteId) => set({ editing: noteId, selected: noteId }),
  };
});

/** Private writing as the control document shows it (mode, scope and counts; never notes). */
export function usePrivateWriting(connection: Pick<BoardConnection, "control">): PrivateWriting | null {
  const read = useCallback(() => readPrivateWriting(connection.control), [connection]);
  return useObserved(connection.control.getMap("privateWriting") as Y.AbstractType<unknown>, undefined, read);
}

export async function startPrivateWriting(
  connection: BoardConnection,
  mapId: string,
  scope: PrivateScope,
  stageId: string | null,
): Promise<void> {
  await callApi("POST", `/api/boards/${connection.boardId}/private`, connection.token, {
    action: "start",
    mapId,
    scope,
    stageId,
  });
}

export async function revealPrivateNotes(connection: BoardConnection): Promise<void> {
  await callApi("POST", `/api/boards/${connection.boardId}/private`, connection.token, { action: "reveal" });
}
