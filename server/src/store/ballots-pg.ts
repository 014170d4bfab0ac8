import { createHash } from "node:crypto";
import type pg from "pg";
import type { BallotBox, BallotKinds, Poll, PollKind } from "./ballots.js";

/**
 * The ballot box of the PostgreSQL store: table `ballots` (pg-schema.ts), one row a ballot, keyed by
 * board, kind, and hashes of the poll and participant ids as the embedded store keys them (the
 * participant's relay-issued id is in no table). Writes go through the store's refusal while the
 * database is out. A dropped ballot's row stays in the table's files until autovacuum reclaims it.
 */
export class PgBallotBox implements BallotBox {
  constructor(
    private readonly pool: pg.Pool,
    private readonly write: <T>(operation: () => Promise<T>) => Promise<T>,
  ) {}

  async ballot<K extends PollKind>(poll: Poll<K>, participantId: string): Promise<BallotKinds[K] | undefined> {
    const { rows } = await this.pool.query<{ ballot: BallotKinds[K] }>(
      "SELECT ballot FROM ballots WHERE board_id = $1 AND kind = $2 AND poll = $3 AND participant = $4",
      [poll.boardId, poll.kind, hash(poll.pollId), hash(participantId)],
    );
    return rows[0]?.ballot;
  }

  async cast<K extends PollKind>(
    poll: Poll<K>,
    participantId: string,
    ballot: BallotKinds[K] | undefined,
  ): Promise<void> {
    const key = [poll.boardId, poll.kind, hash(poll.pollId), hash(participantId)];
    await this.write(() =>
      ballot === undefined
        ? this.pool.query(
            "DELETE FROM ballots WHERE board_id = $1 AND kind = $2 AND poll = $3 AND participant = $4",
            key,
          )
        : // As JSON text: node-postgres would send a dot vote's array as a PostgreSQL array.
          this.pool.query(
            `INSERT INTO ballots (board_id, kind, poll, participant, ballot) VALUES ($1, $2, $3, $4, $5::jsonb)
             ON CONFLICT (board_id, kind, poll, participant) DO UPDATE SET ballot = EXCLUDED.ballot`,
            [...key, JSON.stringify(ballot)],
          ),
    );
  }

  async ballots<K extends PollKind>(poll: Poll<K>): Promise<BallotKinds[K][]> {
    const { rows } = await this.pool.query<{ ballot: BallotKinds[K] }>(
      "SELECT ballot FROM ballots WHERE board_id = $1 AND kind = $2 AND poll = $3",
      [poll.boardId, poll.kind, hash(poll.pollId)],
    );
    return rows.map((row) => row.ballot);
  }

  async drop(boardId: string, kind: PollKind, keep?: string): Promise<void> {
    const where = "board_id = $1 AND kind = $2 AND ($3::text IS NULL OR poll <> $3)";
    const args = [boardId, kind, keep === undefined ? null : hash(keep)];
    // Nothing to drop is no write: it succeeds while the database takes none, as the embedded store's does.
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ballots WHERE ${where} LIMIT 1`, args);
    if (rowCount === 0) return;
    await this.write(() => this.pool.query(`DELETE FROM ballots WHERE ${where}`, args));
  }
}

function hash(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}
