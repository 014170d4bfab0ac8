import { mkdir } from "node:fs/promises";
import { ClassicLevel } from "classic-level";
import * as Y from "yjs";
import type { BoardStore } from "./store.js";

/**
 * The embedded store: LevelDB (classic-level) in the data directory. Keys, per board:
 *   <boardId>!m               when it was created (its existence)
 *   <boardId>!u!<seq>         one raw Yjs update each, seq zero-padded so keys sort in order
 * Board ids are [A-Za-z0-9_-], all above "!" in byte order, so a board's keys form one range.
 * A put resolves once LevelDB has written it to its log: a killed process loses nothing acknowledged.
 */
export class LevelBoardStore implements BoardStore {
  private readonly db: ClassicLevel<string, Uint8Array>;
  /** The next free sequence number of each board this process has touched. */
  private readonly nextSeq = new Map<string, number>();

  private constructor(db: ClassicLevel<string, Uint8Array>) {
    this.db = db;
  }

  static async open(dataDir: string): Promise<LevelBoardStore> {
    await mkdir(dataDir, { recursive: true });
    const db = new ClassicLevel<string, Uint8Array>(`${dataDir}/boards`, {
      keyEncoding: "utf8",
      valueEncoding: "view",
    });
    await db.open();
    return new LevelBoardStore(db);
  }

  async create(boardId: string, initial: Uint8Array): Promise<void> {
    if (await this.exists(boardId)) throw new Error(`board ${boardId} exists already`);
    await this.db.batch([
      {
        type: "put",
        key: metaKey(boardId),
        value: new TextEncoder().encode(JSON.stringify({ createdAt: Date.now() })),
      },
      { type: "put", key: updateKey(boardId, 0), value: initial },
    ]);
    this.nextSeq.set(boardId, 1);
  }

  async exists(boardId: string): Promise<boolean> {
    return (await this.db.get(metaKey(boardId))) !== undefined;
  }

  async load(boardId: string): Promise<Uint8Array[]> {
    const updates: Uint8Array[] = [];
    let last = -1;
    for await (const [key, value] of this.db.iterator(updateRange(boardId))) {
      updates.push(value);
      last = seqOf(key);
    }
    this.nextSeq.set(boardId, Math.max(this.nextSeq.get(boardId) ?? 0, last + 1));
    return updates;
  }

  async append(boardId: string, update: Uint8Array): Promise<void> {
    await this.db.put(updateKey(boardId, await this.allocate(boardId)), update);
  }

  async compact(boardId: string): Promise<number> {
    const keys: string[] = [];
    const doc = new Y.Doc({ gc: true });
    for await (const [key, value] of this.db.iterator(updateRange(boardId))) {
      keys.push(key);
      Y.applyUpdate(doc, value);
    }
    if (keys.length <= 1) return 0;
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    // One atomic batch: a crash leaves either the old updates or the snapshot, never neither.
    await this.db.batch([
      { type: "put", key: updateKey(boardId, await this.allocate(boardId)), value: snapshot },
      ...keys.map((key) => ({ type: "del" as const, key })),
    ]);
    return keys.length;
  }

  forget(boardId: string): void {
    this.nextSeq.delete(boardId);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async allocate(boardId: string): Promise<number> {
    let next = this.nextSeq.get(boardId);
    if (next === undefined) {
      next = 0;
      for await (const key of this.db.keys({ ...updateRange(boardId), reverse: true, limit: 1 })) next = seqOf(key) + 1;
      // Another allocation may have finished while this one read the disk; take whichever is higher.
      next = Math.max(next, this.nextSeq.get(boardId) ?? 0);
    }
    this.nextSeq.set(boardId, next + 1);
    return next;
  }
}

function metaKey(boardId: string): string {
  return `${boardId}!m`;
}

function updateKey(boardId: string, seq: number): string {
  return `${boardId}!u!${seq.toString().padStart(12, "0")}`;
}

function updateRange(boardId: string): { gte: string; lt: string } {
  return { gte: `${boardId}!u!`, lt: `${boardId}!u"` };
}

function seqOf(key: string): number {
  return Number(key.slice(key.lastIndexOf("!") + 1));
}
