import * as Y from "yjs";
import { type Board, createBoard, getMap, type JourneyMap, listMaps, openBoard } from "../src/index.js";

/** A created board and its first map. */
export function newBoard(): { doc: Y.Doc; board: Board; map: JourneyMap } {
  const doc = new Y.Doc();
  const board = createBoard(doc, { title: "Test board", now: 1 });
  const first = listMaps(board)[0];
  if (!first) throw new Error("a new board has a map");
  const map = getMap(board, first.id);
  if (!map) throw new Error("the first map opens");
  return { doc, board, map };
}

/** A second participant's copy of a board, synced from the first. */
export function peerOf(doc: Y.Doc): { doc: Y.Doc; board: Board; map: JourneyMap } {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  const board = openBoard(peer, "peer");
  const first = listMaps(board)[0];
  const map = first && getMap(board, first.id);
  if (!map) throw new Error("the peer sees the map");
  return { doc: peer, board, map };
}

/** Exchanges what each doc lacks, in the given order. */
export function sync(a: Y.Doc, b: Y.Doc, order: "a-first" | "b-first" = "a-first"): void {
  const aToB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const bToA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  if (order === "a-first") {
    Y.applyUpdate(b, aToB);
    Y.applyUpdate(a, bToA);
  } else {
    Y.applyUpdate(a, bToA);
    Y.applyUpdate(b, aToB);
  }
}

/** Everything a board holds, as plain JSON, to compare two participants' copies. */
export function contentOf(doc: Y.Doc): unknown {
  return { meta: doc.getMap("meta").toJSON(), maps: doc.getMap("maps").toJSON() };
}
