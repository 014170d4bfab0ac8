import { type DocKind, docName } from "../relay/documents.js";
import type { LevelBoardStore } from "./level-store.js";
import type { PgBoardStore } from "./pg-store.js";

/** Every document a board may have: each is copied when it is stored. */
const KINDS: readonly DocKind[] = ["board", "control", "private"];

export interface CopySummary {
  copied: string[];
  skipped: string[];
}

/**
 * Copies every board of the embedded store into PostgreSQL: its documents' stored updates as they are,
 * its creation time and link generations, each board in one transaction (a board is there whole or not
 * at all), and the link key's fingerprint. A board PostgreSQL holds already is skipped, so running it
 * again copies only what the last run did not. `keyFingerprint`: the fingerprint of the key the
 * PostgreSQL relays will sign with; the boards' links keep working only with their own key.
 */
export async function copyToPostgres(
  from: LevelBoardStore,
  to: PgBoardStore,
  keyFingerprint: string,
  say: (line: string) => void,
): Promise<CopySummary> {
  const theirs = await from.keyFingerprint();
  if (theirs !== undefined && theirs !== keyFingerprint) {
    throw new Error(
      "the link key (SECRET or SECRET_FILE) is not the one the boards in the data directory were made with: their " +
        "links would stop working. Set SECRET to the key the server ran with, or SECRET_FILE to its secret.key",
    );
  }
  const recorded = await to.keyFingerprint();
  if (recorded !== undefined && recorded !== keyFingerprint) {
    throw new Error("the boards in PostgreSQL were made with another link key: nothing was copied");
  }
  if (recorded === undefined) await to.setKeyFingerprint(keyFingerprint);
  const summary: CopySummary = { copied: [], skipped: [] };
  for (const { id, createdAt } of await from.boards()) {
    if (await to.exists(id)) {
      summary.skipped.push(id);
      say(`Skipped board ${id}: already in PostgreSQL`);
      continue;
    }
    const documents = new Map<string, Uint8Array[]>();
    for (const kind of KINDS) {
      const name = docName({ boardId: id, kind });
      documents.set(name, await from.load(name));
    }
    const generations = await from.generations(id);
    if (generations === undefined) throw new Error(`board ${id} has no record in the data directory`);
    // Another run may have copied it since the check above: then it is skipped as well.
    if (await to.importBoard({ id, createdAt, generations, documents })) {
      summary.copied.push(id);
      const updates = [...documents.values()].reduce((sum, list) => sum + list.length, 0);
      say(`Copied board ${id} (${updates} stored updates)`);
    } else {
      summary.skipped.push(id);
      say(`Skipped board ${id}: already in PostgreSQL`);
    }
  }
  return summary;
}
