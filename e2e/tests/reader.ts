import {
  addNote,
  computeGrid,
  getMap,
  jitteredReconnect,
  listLanes,
  listMaps,
  listNotes,
  listStages,
  type Note,
  openBoard,
  placeAt,
} from "@journeyboard/shared";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves at the next sync with the relay. */
  synced(): Promise<void>;
  leave(): void;
}

/**
 * A stock y-websocket client in the test process, reconnecting as the app's client does (jittered
 * backoff), for a board link (`http://host/b/<id>?token=…`).
 */
export function peer(boardUrl: string, room?: string): Peer {
  const url = new URL(boardUrl);
  const boardId = url.pathname.split("/").pop() ?? "";
  const doc = new Y.Doc();
  let provider: WebsocketProvider | undefined;
  const reconnect = jitteredReconnect(() => provider as WebsocketProvider);
  provider = new WebsocketProvider(`ws://${url.host}`, room ?? boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: url.searchParams.get("token") ?? "" },
    shouldReconnect: (event) => reconnect.shouldReconnect(event),
  });
  const own = provider;
  return {
    doc,
    provider: own,
    synced: () => new Promise<void>((resolve) => own.once("sync", (state: boolean) => state && resolve())),
    leave() {
      reconnect.cancel();
      own.destroy();
      doc.destroy();
    },
  };
}

/** The first map of a board document. */
export function firstMap(doc: Y.Doc) {
  const board = openBoard(doc);
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("the board has no map");
  return map;
}

/** A stock y-websocket client in the test process: reads what the server holds, or writes as a peer would. */
export async function withBoard<T>(boardUrl: string, use: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
  const { doc, provider } = peer(boardUrl);
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  let wrote = false;
  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) wrote = true;
  });
  try {
    return await use(doc);
  } finally {
    if (wrote) await serverHolds(boardUrl, stateOf(doc));
    provider.destroy();
    doc.destroy();
  }
}

function stateOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Resolves once a fresh reader gets back everything up to `state`: the server holds it (it stores first). */
async function serverHolds(boardUrl: string, state: Map<number, number>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reader = peer(boardUrl);
    await reader.synced();
    const held = stateOf(reader.doc);
    reader.leave();
    if ([...state].every(([client, clock]) => (held.get(client) ?? 0) >= clock)) return;
    if (Date.now() > deadline) throw new Error("the server does not hold what this peer wrote");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Each note the server holds, with the titles of its stage and lane. */
export function storedNotes(boardUrl: string): Promise<(Note & { stage?: string; lane?: string })[]> {
  return withBoard(boardUrl, (doc) => {
    const map = firstMap(doc);
    const stages = listStages(map);
    const lanes = listLanes(map);
    return listNotes(map).map((note) => ({
      ...note,
      stage: stages.find((s) => s.id === note.cell?.stageId)?.title,
      lane: lanes.find((l) => l.id === note.cell?.laneId)?.title,
    }));
  });
}

/** Writes many notes at once, spread over every cell, as another participant would. */
export function seedNotes(boardUrl: string, perCell: number): Promise<number> {
  return withBoard(boardUrl, (doc) => {
    const map = firstMap(doc);
    const grid = computeGrid(listStages(map), listLanes(map));
    let count = 0;
    doc.transact(() => {
      for (const column of grid.columns) {
        for (const row of grid.rows) {
          for (let i = 0; i < perCell; i++) {
            const at = { x: column.x + 16 + (i % 2) * 170, y: row.y + 16 + Math.floor(i / 2) * 40 };
            addNote(map, { ...placeAt(grid, at, { w: 160, h: 112 }), author: "seed", text: `note ${count++}` });
          }
        }
      }
    });
    return count;
  });
}
