import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Role } from "@journeyboard/shared";
import { ClassicLevel } from "classic-level";
import { createLogger, type Logger, reasonOf } from "../log.js";
import { snapshotOf } from "../relay/sliced-load.js";
import { MemoryBallotBox } from "./ballots-memory.js";
import { isNewStore, repairStore, reportLogDamage } from "./data-files.js";
import type { BoardStore, Compaction, LinkGenerations } from "./store.js";
import { WriteGate } from "./write-gate.js";

type Level = ClassicLevel<string, Uint8Array>;

/** Keys of the store itself, below every document name ("!" sorts before all of them). */
const KEY_FINGERPRINT = "!key";
const PROBE = "!probe";
/** The least key a document can have: document names are [A-Za-z0-9_.-]. */
const FIRST_DOC_KEY = "-";

export interface StoreOptions {
  log?: Logger;
  /** Rebuild the store from its files before opening it (REPAIR_DATA). */
  repair?: boolean;
  /** Seconds between attempts to reopen the store after a write failed. */
  retrySeconds?: number;
  /** Force each write to disk (fsync) before it resolves (STORE_FSYNC): a power loss then loses none either. */
  fsync?: boolean;
}

/**
 * The embedded store: LevelDB (classic-level) in the data directory. Keys:
 *   <boardId>!m               a board's record (its existence, creation time, link generations), JSON
 *   <docName>!u!<seq>         one Yjs update of a document each, seq zero-padded so keys sort in order
 *   !key, !probe              the link key's fingerprint (auth/secret.ts), the readiness probe's record
 * Document names are [A-Za-z0-9_.-], all above "!" in byte order, so a document's keys form one range.
 * A write resolves once LevelDB has written it to its log: a killed process loses nothing acknowledged.
 *
 * A failed write (a full disk) can leave LevelDB unable to store anything safely until it is reopened:
 * its log writer counts the bytes it could not write, so the records after them land where its reader
 * will never find them, and a failed background compaction fails every later write. So from a failed
 * write on, every write is refused, and the store reopens itself every `retrySeconds` (LevelDB replays
 * its log up to the failed record, never acknowledged, and starts a new one) until a probe write succeeds.
 */
export class LevelBoardStore implements BoardStore {
  /** The next free sequence number of each board this process has touched. */
  private readonly ballots = new MemoryBallotBox();
  private readonly nextSeq = new Map<string, number>();
  private readonly revoking = new Map<string, Promise<void>>();
  private readonly gate: WriteGate;
  /** While the database is being reopened: every operation waits for it. */
  private reopening: Promise<void> | undefined;
  /** Operations running on the database, which a reopen waits for. */
  private running = 0;
  private idle: (() => void) | undefined;
  private closed = false;

  private constructor(
    private db: Level,
    private readonly path: string,
    private readonly log: Logger,
    private readonly retrySeconds: number,
    /** LevelDB's options for every write: `sync` forces it to disk before it resolves. */
    private readonly written: { sync: boolean },
  ) {
    this.gate = new WriteGate({
      // LevelDB replays its log up to the failed record, never acknowledged, and starts a new one.
      recover: async () => {
        await this.reopen();
        await this.read((db) => db.put(PROBE, encodeJson(Date.now())));
      },
      log,
      retrySeconds,
      refusal: "the store takes no writes until it recovers",
      describe: reasonOf,
    });
  }

  static async open(dataDir: string, options: StoreOptions = {}): Promise<LevelBoardStore> {
    const log = options.log ?? createLogger("info");
    const path = join(dataDir, "boards");
    await mkdir(dataDir, { recursive: true });
    const fresh = await isNewStore(path, dataDir, options.repair === true);
    if (!fresh) {
      await reportLogDamage(path, log, false);
      if (options.repair) await repairStore(path, log);
    }
    // Created only where there is nothing yet: LevelDB must never make a new store over an old one.
    const db = level(path, fresh);
    await db.open();
    return new LevelBoardStore(db, path, log, options.retrySeconds ?? 2, { sync: options.fsync ?? false });
  }

  async create(boardId: string, initial: Uint8Array): Promise<void> {
    if (await this.exists(boardId)) throw new Error(`board ${boardId} exists already`);
    const record: BoardRecord = { createdAt: Date.now(), generations: { facilitator: 0, editor: 0, viewer: 0 } };
    await this.write((db) =>
      db.batch(
        [
          { type: "put", key: metaKey(boardId), value: encodeJson(record) },
          { type: "put", key: updateKey(boardId, 0), value: initial },
        ],
        this.written,
      ),
    );
    this.nextSeq.set(boardId, 1);
  }

  async exists(boardId: string): Promise<boolean> {
    return (await this.read((db) => db.get(metaKey(boardId)))) !== undefined;
  }

  async generations(boardId: string): Promise<LinkGenerations | undefined> {
    const record = await this.record(boardId);
    // Boards stored before links had roles have no generations yet: every role starts at 0.
    return record ? (record.generations ?? { facilitator: 0, editor: 0, viewer: 0 }) : undefined;
  }

  async setGenerations(boardId: string, generations: LinkGenerations): Promise<void> {
    const record = await this.record(boardId);
    if (!record) throw new Error(`board ${boardId} not found`);
    await this.write((db) => db.put(metaKey(boardId), encodeJson({ ...record, generations }), this.written));
  }

  /** One process holds a data directory: a board's revocations wait for each other here. */
  revokeGeneration(boardId: string, role: Role): Promise<LinkGenerations> {
    const run = (this.revoking.get(boardId) ?? Promise.resolve()).then(async () => {
      const stored = await this.generations(boardId);
      if (!stored) throw new Error(`board ${boardId} not found`);
      const next = { ...stored, [role]: stored[role] + 1 };
      await this.setGenerations(boardId, next);
      return next;
    });
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.revoking.set(boardId, settled);
    void settled.then(() => {
      if (this.revoking.get(boardId) === settled) this.revoking.delete(boardId);
    });
    return run;
  }

  private async record(boardId: string): Promise<BoardRecord | undefined> {
    const bytes = await this.read((db) => db.get(metaKey(boardId)));
    return bytes ? (decodeJson(bytes) as BoardRecord) : undefined;
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const entries = await this.read((db) => db.iterator(updateRange(docName)).all());
    const last = entries.at(-1);
    this.nextSeq.set(docName, Math.max(this.nextSeq.get(docName) ?? 0, last ? seqOf(last[0]) + 1 : 0));
    return entries.map(([, value]) => value);
  }

  async append(docName: string, updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const first = await this.allocate(docName, updates.length);
    await this.write((db) =>
      db.batch(
        updates.map((value, i) => ({ type: "put" as const, key: updateKey(docName, first + i), value })),
        this.written,
      ),
    );
  }

  async compact(docName: string): Promise<Compaction> {
    const entries = await this.read((db) => db.iterator(updateRange(docName)).all());
    const bytes = entries.reduce((sum, [, value]) => sum + value.length, 0);
    if (entries.length <= 1) return { replaced: 0, bytes };
    // Only the keys read now are deleted: an update appended meanwhile stays beside the snapshot.
    const keys = entries.map(([key]) => key);
    const snapshot = await snapshotOf(entries.map(([, value]) => value));
    const seq = await this.allocate(docName);
    // One atomic batch: a crash leaves either the old updates or the snapshot, never neither.
    await this.write((db) =>
      db.batch(
        [
          { type: "put", key: updateKey(docName, seq), value: snapshot },
          ...keys.map((key) => ({ type: "del" as const, key })),
        ],
        this.written,
      ),
    );
    return { replaced: keys.length, bytes: snapshot.length };
  }

  /** Every stored board's id and creation time, in id order (for the command line's list). */
  async boards(): Promise<{ id: string; createdAt: number }[]> {
    const keys = await this.read((db) => db.keys({ gte: FIRST_DOC_KEY }).all());
    const ids = keys.flatMap((key) =>
      key.indexOf("!") === key.length - 2 && key.endsWith("!m") ? [key.slice(0, -2)] : [],
    );
    const records = await this.read((db) => db.getMany(ids.map(metaKey)));
    return ids.map((id, i) => {
      const record = records[i];
      return { id, createdAt: record ? (decodeJson(record) as BoardRecord).createdAt : 0 };
    });
  }

  async hasBoards(): Promise<boolean> {
    return (await this.read((db) => db.keys({ gte: FIRST_DOC_KEY, limit: 1 }).all())).length > 0;
  }

  async keyFingerprint(): Promise<string | undefined> {
    const bytes = await this.read((db) => db.get(KEY_FINGERPRINT));
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  }

  async setKeyFingerprint(fingerprint: string): Promise<void> {
    await this.write((db) => db.put(KEY_FINGERPRINT, new TextEncoder().encode(fingerprint), this.written));
  }

  failure(): string | undefined {
    return this.gate.failure();
  }

  async probe(): Promise<void> {
    await this.write((db) => db.put(PROBE, encodeJson(Date.now()), this.written));
  }

  /** The embedded store's ballot box: in memory only (ballots-memory.ts says why). */
  ballotBox(): MemoryBallotBox {
    return this.ballots;
  }

  forget(docName: string): void {
    this.nextSeq.delete(docName);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.gate.close();
    await this.reopening?.catch(() => undefined);
    if (this.db.status === "open") await this.db.close();
  }

  /** Reserves `count` consecutive sequence numbers of a document; returns the first. */
  private async allocate(docName: string, count = 1): Promise<number> {
    let next = this.nextSeq.get(docName);
    if (next === undefined) {
      const keys = await this.read((db) => db.keys({ ...updateRange(docName), reverse: true, limit: 1 }).all());
      next = keys[0] === undefined ? 0 : seqOf(keys[0]) + 1;
      // Another allocation may have finished while this one read the disk; take whichever is higher.
      next = Math.max(next, this.nextSeq.get(docName) ?? 0);
    }
    this.nextSeq.set(docName, next + count);
    return next;
  }

  /** Runs an operation on the open database, after a reopen under way. */
  private async read<T>(operation: (db: Level) => Promise<T>): Promise<T> {
    // No await between the check and the count when nothing reopens: a reopen cannot start in between.
    while (this.reopening) await this.reopening.catch(() => undefined);
    this.running++;
    try {
      return await operation(this.db);
    } finally {
      if (--this.running === 0) this.idle?.();
    }
  }

  /** Runs a write through the gate: refused while the store has not recovered from a failed one. */
  private write<T>(operation: (db: Level) => Promise<T>): Promise<T> {
    return this.gate.write(() => this.read(operation));
  }

  /** Closes the database once nothing runs on it, and opens it again. */
  private async reopen(): Promise<void> {
    const reopening = (async () => {
      if (this.running > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      this.idle = undefined;
      if (this.db.status === "open") await this.db.close();
      if (this.closed) return;
      await reportLogDamage(this.path, this.log, true);
      const db = level(this.path, false);
      await db.open();
      this.db = db;
    })();
    this.reopening = reopening;
    try {
      await reopening;
    } finally {
      this.reopening = undefined;
    }
  }
}

function level(path: string, createIfMissing: boolean): Level {
  return new ClassicLevel<string, Uint8Array>(path, { keyEncoding: "utf8", valueEncoding: "view", createIfMissing });
}

/** What the store keeps about a board besides its documents. */
interface BoardRecord {
  createdAt: number;
  generations?: LinkGenerations;
}

function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
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
