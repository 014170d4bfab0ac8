import { createHash } from "node:crypto";
import type { ClassicLevel } from "classic-level";
import type { BallotBox, BallotKinds, Poll, PollKind } from "./ballots.js";

type Level = ClassicLevel<string, Uint8Array>;

/** Runs an operation on the board store's database (level-store.ts: after a reopen, refused once a write failed). */
export type LevelAccess = <T>(operation: (db: Level) => Promise<T>) => Promise<T>;

/**
 * The ballot box of the embedded store, in a key range of its own below every document's:
 *   !b!<boardId>!<kind>!<hash of the poll id>!<hash of the participant id>   the ballot, JSON
 * Hashed, so that the participant's relay-issued id is on no disk, and a poll id written into the
 * control document by a client cannot reach outside its range. Dropping a poll's ballots compacts their
 * range, so that LevelDB's files no longer hold them (a deleted record otherwise stays readable there
 * until LevelDB compacts it by itself, which may be long after).
 */
export class LevelBallotBox implements BallotBox {
  constructor(
    private readonly read: LevelAccess,
    private readonly write: LevelAccess,
  ) {}

  async ballot<K extends PollKind>(poll: Poll<K>, participantId: string): Promise<BallotKinds[K] | undefined> {
    const bytes = await this.read((db) => db.get(ballotKey(poll, participantId)));
    return bytes === undefined ? undefined : decode<BallotKinds[K]>(bytes);
  }

  async cast<K extends PollKind>(
    poll: Poll<K>,
    participantId: string,
    ballot: BallotKinds[K] | undefined,
  ): Promise<void> {
    const key = ballotKey(poll, participantId);
    await this.write((db) =>
      ballot === undefined ? db.del(key) : db.put(key, new TextEncoder().encode(JSON.stringify(ballot))),
    );
  }

  async ballots<K extends PollKind>(poll: Poll<K>): Promise<BallotKinds[K][]> {
    const values = await this.read((db) => db.values(pollRange(poll)).all());
    return values.map((bytes) => decode<BallotKinds[K]>(bytes));
  }

  async drop(boardId: string, kind: PollKind, keep?: string): Promise<void> {
    const all = kindRange(boardId, kind);
    const kept = keep === undefined ? undefined : pollRange({ boardId, kind, pollId: keep });
    const dropped = kept
      ? [
          { gte: all.gte, lt: kept.gte },
          { gte: kept.lt, lt: all.lt },
        ]
      : [all];
    const found = await this.read(async (db) => {
      for (const range of dropped) if ((await db.keys({ ...range, limit: 1 }).all()).length > 0) return true;
      return false;
    });
    if (!found) return;
    await this.write(async (db) => {
      for (const range of dropped) await db.clear(range);
      await db.compactRange(all.gte, all.lt);
    });
  }
}

function hash(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

function kindRange(boardId: string, kind: PollKind): { gte: string; lt: string } {
  return { gte: `!b!${boardId}!${kind}!`, lt: `!b!${boardId}!${kind}"` };
}

function pollRange(poll: Poll): { gte: string; lt: string } {
  const prefix = `${kindRange(poll.boardId, poll.kind).gte}${hash(poll.pollId)}`;
  return { gte: `${prefix}!`, lt: `${prefix}"` };
}

function ballotKey(poll: Poll, participantId: string): string {
  return `${pollRange(poll).gte}${hash(participantId)}`;
}

/** A ballot as this box wrote it (JSON of its own making, so of the kind its key says). */
function decode<T>(bytes: Uint8Array): T {
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}
