import type { Pool } from "pg";
import type { Logger } from "../log.js";

/**
 * The PostgreSQL store's schema, as numbered migrations applied in order on open: a later version adds
 * a migration at the end, and every database, old or new, reaches it the same way. Never edit one that
 * has shipped.
 *
 *   boards           a board's record: its creation time and link generations
 *   documents        one row per document: the last sequence number its updates were given. Appends
 *                    update it in their transaction, so its row lock orders them across processes
 *   updates          the documents' raw Yjs updates by sequence number (a snapshot takes the number of
 *                    the last update it replaced)
 *   store_settings   the link key's fingerprint, the readiness probe's record
 *   ballots          participants' private ballots while a poll is open (ballots-pg.ts; version 2)
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id text PRIMARY KEY,
     created_at bigint NOT NULL,
     generations jsonb NOT NULL
   );
   CREATE TABLE documents (
     name text PRIMARY KEY,
     last_seq bigint NOT NULL
   );
   CREATE TABLE updates (
     doc text NOT NULL REFERENCES documents (name),
     seq bigint NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (doc, seq)
   );
   CREATE TABLE store_settings (
     key text PRIMARY KEY,
     value text NOT NULL
   );`,
  `CREATE TABLE ballots (
     board_id text NOT NULL,
     kind text NOT NULL,
     poll text NOT NULL,
     participant text NOT NULL,
     ballot jsonb NOT NULL,
     PRIMARY KEY (board_id, kind, poll, participant)
   );`,
];

/** The advisory lock that lets one process at a time migrate (others wait, then find nothing to do). */
const MIGRATION_LOCK = 0x4a425f4d; // "JB_M"

/** Brings the database's schema up to the newest version, in one transaction; says which it reached. */
export async function migrate(pool: Pool, log: Logger): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number | null }>(
      "SELECT max(version) AS version FROM schema_version",
    );
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `the database's schema is version ${current}, newer than this Journeyboard knows (${MIGRATIONS.length}): upgrade it`,
      );
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1] as string);
      await client.query("INSERT INTO schema_version (version) VALUES ($1)", [version]);
      log.info("store schema migrated", { version });
    }
    await client.query("COMMIT");
    return MIGRATIONS.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
