import type { Role } from "@journeyboard/shared";
import pg, { type PoolClient } from "pg";
import * as Y from "yjs";
import type { BoardLock } from "../board-queue.js";
import { createLogger, type Logger } from "../log.js";
import { PgBallotBox } from "./ballots-pg.js";
import { BoardLocks } from "./pg-locks.js";
import { plainReason, postgresWriteGate } from "./pg-outage.js";
import { migrate } from "./pg-schema.js";
import type { BoardStore, Compaction, LinkGenerations } from "./store.js";
import type { WriteGate } from "./write-gate.js";

export interface PgStoreOptions {
  log?: Logger;
  /** Seconds between probes of a database that failed a write, until one succeeds. */
  retrySeconds?: number;
}

/** The sequence numbers an append gave its updates, first to last (contiguous). */
export interface Sequenced {
  first: number;
  last: number;
}

/** A stored update with its sequence number. */
export interface NumberedUpdate {
  seq: number;
  update: Uint8Array;
}

/** Everything stored of one board, copied whole (the migration from the embedded store). */
export interface BoardCopy {
  id: string;
  createdAt: number;
  generations: LinkGenerations;
  /** Each document's updates, oldest first, by document name. */
  documents: Map<string, Uint8Array[]>;
}

const NEW_GENERATIONS: LinkGenerations = { facilitator: 0, editor: 0, viewer: 0 };
/** Connections for reads and writes; the advisory locks have their own (see pg-locks.ts). */
const POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The shared store: PostgreSQL (node-postgres), for several relay processes serving the same boards.
 * Schema and its migrations: pg-schema.ts. Each document's updates are numbered 1, 2, 3… in the order
 * their appends committed, whichever process made them: an append takes its numbers from the document's
 * counter row in the same statement that stores the updates, and that row's lock makes concurrent
 * appends wait for each other. So a number is never skipped, and `updatesAfter(n)` gives everything
 * stored since update n.
 *
 * A write that fails because PostgreSQL cannot be reached (or is shutting down, or out of space) makes
 * the store refuse every write until a probe write, every `retrySeconds`, succeeds again: as with the
 * embedded store, the relay then closes the board's connections and its clients keep their edits.
 */
export class PgBoardStore implements BoardStore {
  private readonly gate: WriteGate;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly locks: BoardLocks,
    log: Logger,
    retrySeconds: number,
  ) {
    this.gate = postgresWriteGate(() => this.setSetting("probe", String(Date.now())), log, retrySeconds);
  }

  static async open(databaseUrl: string, options: PgStoreOptions = {}): Promise<PgBoardStore> {
    const log = options.log ?? createLogger("info");
    const settings = { connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
    const pool = new pg.Pool({ ...settings, max: POOL_SIZE, application_name: "journeyboard" });
    const lockPool = new pg.Pool({ ...settings, max: POOL_SIZE, application_name: "journeyboard locks" });
    // An idle connection that PostgreSQL drops (a restart) is only logged: the next query opens another.
    for (const each of [pool, lockPool]) {
      each.on("error", (error) => log.warn("store connection lost", { reason: plainReason(error) }));
    }
    try {
      await migrate(pool, log);
    } catch (error) {
      await Promise.all([pool.end(), lockPool.end()]);
      // Said without the URL's password: this ends up in logs and on the terminal.
      const { host, pathname } = new URL(databaseUrl);
      throw new Error(
        `PostgreSQL at ${host || "its default host"}${pathname} could not be used: ${plainReason(error)}`,
      );
    }
    return new PgBoardStore(pool, new BoardLocks(lockPool), log, options.retrySeconds ?? 2);
  }

  async create(boardId: string, initial: Uint8Array): Promise<void> {
    const created = await this.gate.write(() =>
      this.pool.query(
        `WITH board AS (
           INSERT INTO boards (id, created_at, generations) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id
         ), counter AS (
           INSERT INTO documents (name, last_seq) SELECT id, 1 FROM board RETURNING name
         )
         INSERT INTO updates (doc, seq, data) SELECT name, 1, $4 FROM counter`,
        [boardId, Date.now(), NEW_GENERATIONS, initial],
      ),
    );
    if (created.rowCount === 0) throw new Error(`board ${boardId} exists already`);
  }

  async exists(boardId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("SELECT 1 FROM boards WHERE id = $1", [boardId]);
    return rowCount === 1;
  }

  async generations(boardId: string): Promise<LinkGenerations | undefined> {
    const { rows } = await this.pool.query<{ generations: LinkGenerations }>(
      "SELECT generations FROM boards WHERE id = $1",
      [boardId],
    );
    return rows[0]?.generations;
  }

  async setGenerations(boardId: string, generations: LinkGenerations): Promise<void> {
    const { rowCount } = await this.gate.write(() =>
      this.pool.query("UPDATE boards SET generations = $2 WHERE id = $1", [boardId, generations]),
    );
    if (rowCount === 0) throw new Error(`board ${boardId} not found`);
  }

  /** One statement: the row's lock makes revocations from several processes wait for each other. */
  async revokeGeneration(boardId: string, role: Role): Promise<LinkGenerations> {
    const { rows } = await this.gate.write(() =>
      this.pool.query<{ generations: LinkGenerations }>(
        `UPDATE boards SET generations = jsonb_set(generations, ARRAY[$2::text], to_jsonb((generations->>$2)::int + 1))
         WHERE id = $1 RETURNING generations`,
        [boardId, role],
      ),
    );
    const generations = rows[0]?.generations;
    if (!generations) throw new Error(`board ${boardId} not found`);
    return generations;
  }

  async load(docName: string): Promise<Uint8Array[]> {
    return (await this.updatesAfter(docName, 0)).map(({ update }) => update);
  }

  /** A document's stored updates numbered above `seq`, oldest first (a snapshot carries the last number it replaced). */
  async updatesAfter(docName: string, seq: number): Promise<NumberedUpdate[]> {
    const { rows } = await this.pool.query<{ seq: string; data: Buffer }>(
      "SELECT seq, data FROM updates WHERE doc = $1 AND seq > $2 ORDER BY seq",
      [docName, seq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), update: row.data }));
  }

  /** The last number given in each of these documents (those never appended to are left out). */
  async lastNumbers(docNames: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ name: string; last_seq: string }>(
      "SELECT name, last_seq FROM documents WHERE name = ANY($1)",
      [docNames],
    );
    return new Map(rows.map((row) => [row.name, Number(row.last_seq)]));
  }

  async append(docName: string, updates: readonly Uint8Array[]): Promise<void> {
    await this.appendNumbered(docName, updates);
  }

  /** Stores updates in one statement; resolves with the numbers they were given (undefined for none). */
  async appendNumbered(docName: string, updates: readonly Uint8Array[]): Promise<Sequenced | undefined> {
    if (updates.length === 0) return undefined;
    const { rows } = await this.gate.write(() =>
      this.pool.query<{ last: string }>(
        `WITH counter AS (
           INSERT INTO documents (name, last_seq) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET last_seq = documents.last_seq + EXCLUDED.last_seq
           RETURNING last_seq
         ), stored AS (
           INSERT INTO updates (doc, seq, data)
           SELECT $1, counter.last_seq - $2 + u.ord, u.data
           FROM counter, unnest($3::bytea[]) WITH ORDINALITY AS u (data, ord)
         )
         SELECT last_seq AS last FROM counter`,
        [docName, updates.length, updates],
      ),
    );
    const last = Number(rows[0]?.last);
    return { first: last - updates.length + 1, last };
  }

  /**
   * Replaces the updates up to the last one it read with one snapshot, numbered as that one. Updates
   * appended meanwhile (by any process) are numbered higher and stay. One compaction of a document at a
   * time across processes (an advisory lock), so two never replace each other's snapshots.
   */
  async compact(docName: string): Promise<Compaction> {
    return this.gate.write(() =>
      this.transaction(async (client) => {
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
          `journeyboard compact ${docName}`,
        ]);
        const { rows } = await client.query<{ seq: string; data: Buffer }>(
          "SELECT seq, data FROM updates WHERE doc = $1 ORDER BY seq",
          [docName],
        );
        const last = rows.at(-1);
        if (rows.length <= 1 || last === undefined) {
          return { replaced: 0, bytes: rows.reduce((sum, row) => sum + row.data.length, 0) };
        }
        const doc = new Y.Doc({ gc: true });
        for (const row of rows) Y.applyUpdate(doc, row.data);
        const snapshot = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        await client.query("DELETE FROM updates WHERE doc = $1 AND seq <= $2", [docName, last.seq]);
        await client.query("INSERT INTO updates (doc, seq, data) VALUES ($1, $2, $3)", [docName, last.seq, snapshot]);
        const size = await client.query<{ bytes: string }>(
          "SELECT coalesce(sum(octet_length(data)), 0) AS bytes FROM updates WHERE doc = $1",
          [docName],
        );
        return { replaced: rows.length, bytes: Number(size.rows[0]?.bytes) };
      }),
    );
  }

  /**
   * Runs `task` while this board's advisory lock is held, in every process sharing the database: tasks
   * of one board run one at a time, of different boards side by side. The lock is PostgreSQL's and
   * lasts the task's transaction; it is not leased, so it cannot expire while the task writes.
   */
  exclusively<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    return this.locks.exclusively(boardId, task);
  }

  /** The facilitation queue's lock (board-queue.ts) for relays sharing this database. */
  boardLock(): BoardLock {
    return { run: (boardId, task) => this.exclusively(boardId, task) };
  }

  /** The ballot box in this database, sharing the refusal of writes while it is out. */
  ballotBox(): PgBallotBox {
    return new PgBallotBox(this.pool, (operation) => this.gate.write(operation));
  }

  /** Every stored board's id and creation time, in id order. */
  async boards(): Promise<{ id: string; createdAt: number }[]> {
    const { rows } = await this.pool.query<{ id: string; created_at: string }>(
      "SELECT id, created_at FROM boards ORDER BY id",
    );
    return rows.map((row) => ({ id: row.id, createdAt: Number(row.created_at) }));
  }

  /** Stores a whole board in one transaction; false, storing nothing, when it exists already. */
  async importBoard(board: BoardCopy): Promise<boolean> {
    return this.gate.write(() =>
      this.transaction(async (client) => {
        const { rowCount } = await client.query(
          "INSERT INTO boards (id, created_at, generations) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
          [board.id, board.createdAt, board.generations],
        );
        if (rowCount === 0) return false;
        for (const [name, updates] of board.documents) {
          if (updates.length === 0) continue;
          await client.query("INSERT INTO documents (name, last_seq) VALUES ($1, $2)", [name, updates.length]);
          await client.query(
            "INSERT INTO updates (doc, seq, data) SELECT $1, u.ord, u.data FROM unnest($2::bytea[]) WITH ORDINALITY AS u (data, ord)",
            [name, updates],
          );
        }
        return true;
      }),
    );
  }

  async hasBoards(): Promise<boolean> {
    const { rows } = await this.pool.query<{ found: boolean }>("SELECT EXISTS (SELECT 1 FROM boards) AS found");
    return rows[0]?.found === true;
  }

  async keyFingerprint(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>("SELECT value FROM store_settings WHERE key = 'key'");
    return rows[0]?.value;
  }

  async setKeyFingerprint(fingerprint: string): Promise<void> {
    await this.gate.write(() => this.setSetting("key", fingerprint));
  }

  failure(): string | undefined {
    return this.gate.failure();
  }

  async probe(): Promise<void> {
    await this.gate.write(() => this.setSetting("probe", String(Date.now())));
  }

  /** Nothing is kept in memory per document: every process reads the database. */
  forget(): void {}

  async close(): Promise<void> {
    await this.gate.close();
    await Promise.all([this.pool.end(), this.locks.close()]);
  }

  private setSetting(key: string, value: string) {
    return this.pool.query(
      "INSERT INTO store_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
      [key, value],
    );
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollback: Error) => {
        broken = rollback;
      });
      throw error;
    } finally {
      // A connection that could not even roll back is dropped rather than handed to the next query.
      client.release(broken);
    }
  }
}
