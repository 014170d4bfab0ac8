import { addNote, createBoard, getMap, listMaps, listNotes, openBoard } from "@journeyboard/shared";
import type * as Y from "yjs";
import type { BoardContent } from "./protocol.js";

const WORDS = (
  "customer checkout delivery support call waits order tracking refund email app login password " +
  "store staff queue price confusing slow friendly helpful missing parcel invoice payment card " +
  "reminder survey feedback onboarding trial upgrade cancel contract branch advisor chat bot form"
).split(" ");

/** Seeded, so that every server gets the same board: mulberry32. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random: () => number, bytes: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = WORDS[Math.floor(random() * WORDS.length)] as string;
    words.push(word);
    length += word.length + 1;
  }
  return words.join(" ").slice(0, bytes);
}

/**
 * Fills a board the way participants would, a few hundred notes per transaction (each one update on
 * the wire): on an empty document (a peer's room) it first creates the board as Journeyboard does.
 */
export function fillBoard(doc: Y.Doc, content: BoardContent): number {
  const board = openBoard(doc);
  if (listMaps(board).length === 0) createBoard(doc, { title: "Benchmark" });
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("the board has no map");
  const random = generator(content.seed);
  const perTransaction = Math.max(1, Math.floor(256_000 / Math.max(64, content.textBytes)));
  for (let done = 0; done < content.notes; done += perTransaction) {
    doc.transact(() => {
      for (let i = done; i < Math.min(content.notes, done + perTransaction); i++) {
        const x = Math.floor(random() * 4000);
        const y = Math.floor(random() * 2000);
        addNote(map, { cell: null, x, y, author: `p${i % 12}`, text: sentence(random, content.textBytes) });
      }
    });
  }
  return listNotes(map).length;
}

/** How many notes the board's first map holds. */
export function notesOn(doc: Y.Doc): number {
  const board = openBoard(doc);
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  return map ? listNotes(map).length : 0;
}
