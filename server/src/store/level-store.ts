import { mkdir } from "node:fs/promises";
import { ClassicLevel } from "classic-level";
import * as Y from "yjs";
import type { BoardStore, Compaction, LinkGenerations, PrivateScores } from "./store.js";

/**
 * The embedded store: LevelDB (classic-level) in the data directory. Keys:
 *   <boardId>!m               a board's record (its existence, creation time, link generations), JSON
 *   <docName>!u!<seq>         one Yjs update of a document each, seq zero-padded so keys sort in order
 *   <boardId>!s!<round>!<participant>   one participant's private crowd scores for a round, JSON
 * Document names are [A-Za-z0-9_.-], all above "!" in byte order, so a document's keys form one range.
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
    const record: BoardRecord = { createdAt: Date.now(), generations: { facilitator: 0, editor: 0, viewer: 0 } };
    await this.db.batch([
      { type: "put", key: metaKey(boardId), value: encodeJson(record) },
      { type: "put", key: updateKey(boardId, 0), value: initial },
    ]);
    this.nextSeq.set(boardId, 1);
  }

  async exists(boardId: string): Promise<boolean> {
    return (await this.db.get(metaKey(boardId))) !== undefined;
  }

  async generations(boardId: string): Promise<LinkGenerations | undefined> {
    const record = await this.record(boardId);
    // Boards stored before links had roles have no generations yet: every role starts at 0.
    return record ? (record.generations ?? { facilitator: 0, editor: 0, viewer: 0 }) : undefined;
  }

  async setGenerations(boardId: string, generations: LinkGenerations): Promise<void> {
    const record = await this.record(boardId);
    if (!record) throw new Error(`board ${boardId} not found`);
    await this.db.put(metaKey(boardId), encodeJson({ ...record, generations }));
  }

  private async record(boardId: string): Promise<BoardRecord | undefined> {
    const bytes = await this.db.get(metaKey(boardId));
    return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as BoardRecord) : undefined;
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const updates: Uint8Array[] = [];
    let last = -1;
    for await (const [key, value] of this.db.iterator(updateRange(docName))) {
      updates.push(value);
      last = seqOf(key);
    }
    this.nextSeq.set(docName, Math.max(this.nextSeq.get(docName) ?? 0, last + 1));
    return updates;
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    await this.db.put(updateKey(docName, await this.allocate(docName)), update);
  }

  async compact(docName: string): Promise<Compaction> {
    const keys: string[] = [];
    let bytes = 0;
    const doc = new Y.Doc({ gc: true });
    for await (const [key, value] of this.db.iterator(updateRange(docName))) {
      keys.push(key);
      bytes += value.length;
      Y.applyUpdate(doc, value);
    }
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    if (keys.length <= 1) return { replaced: 0, bytes };
    // One atomic batch: a crash leaves either the old updates or the snapshot, never neither.
    await this.db.batch([
      { type: "put", key: updateKey(docName, await this.allocate(docName)), value: snapshot },
      ...keys.map((key) => ({ type: "del" as const, key })),
    ]);
    return { replaced: keys.length, bytes: snapshot.length };
  }

  async putScores(boardId: string, roundId: string, participantId: string, entry: PrivateScores): Promise<void> {
    await this.db.put(`${boardId}!s!${roundId}!${participantId}`, encodeJson(entry));
  }

  async listScores(boardId: string, roundId: string): Promise<PrivateScores[]> {
    const entries: PrivateScores[] = [];
    const prefix = `${boardId}!s!${roundId}!`;
    for await (const value of this.db.values({ gte: prefix, lt: `${prefix}~` })) {
      entries.push(JSON.parse(new TextDecoder().decode(value)) as PrivateScores);
    }
    return entries;
  }

  async deleteScores(boardId: string, roundId: string): Promise<void> {
    const prefix = `${boardId}!s!${roundId}!`;
    await this.db.clear({ gte: prefix, lt: `${prefix}~` });
  }

  forget(docName: string): void {
    this.nextSeq.delete(docName);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async allocate(docName: string): Promise<number> {
    let next = this.nextSeq.get(docName);
    if (next === undefined) {
      next = 0;
      for await (const key of this.db.keys({ ...updateRange(docName), reverse: true, limit: 1 })) next = seqOf(key) + 1;
      // Another allocation may have finished while this one read the disk; take whichever is higher.
      next = Math.max(next, this.nextSeq.get(docName) ?? 0);
    }
    this.nextSeq.set(docName, next + 1);
    return next;
  }
}

/** What the store keeps about a board besides its documents. */
interface BoardRecord {
  createdAt: number;
  generations?: LinkGenerations;
}

function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function metaKey(boardId: string): string {
  return `${boardId}!m`;
}

function updateKey(docName: string, seq: number): string {
  return `${docName}!u!${seq.toString().padStart(12, "0")}`;
}

function updateRange(docName: string): { gte: string; lt: string } {
  return { gte: `${docName}!u!`, lt: `${docName}!u"` };
}

function seqOf(key: string): number {
  return Number(key.slice(key.lastIndexOf("!") + 1));
}
