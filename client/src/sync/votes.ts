import type { Vote, VoteSettings } from "@journeyboard/shared";
import { create } from "zustand";
import { callApi } from "./api.js";
import type { BoardConnection } from "./connection.js";

/**
 * This participant's dots in the open vote. They go to the relay alone (never into a shared document),
 * as the participant the relay issued to this browser; its answer, which holds this participant's own
 * dots only, is the truth kept here. The canvas, the panel and the keyboard commands all act through it.
 */
interface MyDots {
  connection: BoardConnection | null;
  voteId: string | null;
  dots: string[];
  left: number | null;
  /** Why the last action was refused (the relay's own words), shown until the next one. */
  refusal: string | null;
  /** Follows the vote the control document shows: a new vote starts with none of this browser's dots. */
  follow(connection: BoardConnection, vote: Vote | null): void;
  place(noteId: string): Promise<void>;
  remove(noteId: string): Promise<void>;
}

type DotAnswer = { voteId: string; dots: string[]; left: number };

export const useMyDots = create<MyDots>()((set, get) => {
  const act = async (action: "place" | "remove" | "list", noteId?: string) => {
    const { connection, voteId } = get();
    if (!connection || !voteId) return;
    const { boardId, token, participant } = connection;
    if (!participant) {
      set({ refusal: "this browser has not joined the board yet: reload the page to vote" });
      return;
    }
    try {
      const mine = await callApi<DotAnswer>("POST", `/api/boards/${boardId}/voting/dots`, token, {
        voteId,
        participant,
        action,
        noteId,
      });
      if (get().voteId === mine.voteId) set({ dots: mine.dots, left: mine.left, refusal: null });
    } catch (error) {
      set({ refusal: (error as Error).message });
    }
  };
  return {
    connection: null,
    voteId: null,
    dots: [],
    left: null,
    refusal: null,
    follow(connection, vote) {
      const voteId = vote?.status === "open" ? vote.voteId : null;
      if (get().connection === connection && get().voteId === voteId) return;
      set({ connection, voteId, dots: [], left: vote && voteId ? vote.budget : null, refusal: null });
      // After a reload the relay still holds this participant's dots: ask for them.
      if (voteId) void act("list");
    },
    place: (noteId) => act("place", noteId),
    remove: (noteId) => act("remove", noteId),
  };
});

export async function openVote(connection: BoardConnection, mapId: string, settings: VoteSettings): Promise<void> {
  await callApi("POST", `/api/boards/${connection.boardId}/voting`, connection.token, {
    action: "open",
    mapId,
    ...settings,
  });
}

export async function closeVote(connection: BoardConnection): Promise<void> {
  await callApi("POST", `/api/boards/${connection.boardId}/voting`, connection.token, { action: "close" });
}
