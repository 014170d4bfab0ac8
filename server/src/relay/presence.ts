import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";

export type PresenceVerdict = "applied" | "not yours" | "too many clients";

/** How long the clock of a departed client id is kept: longer than any echo of it can take to arrive. */
const KEEP_DEPARTED_MS = 30_000;

/**
 * The presence (awareness) of everyone on a document, and the connection that speaks for each client
 * id. A connection speaks for the ids it introduced, up to a limit, and may never change or remove an
 * entry another open connection speaks for. The ids of a connection that is closing pass to whoever
 * comes back with them: a client that reconnects keeps its id.
 */
export class Presence<P extends { readonly open: boolean }> {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, P>();
  private readonly spoken = new Map<P, Set<number>>();
  /** Ids whose connection left, oldest first: their clocks are forgotten once no echo can still come. */
  private departed: { ids: number[]; at: number }[] = [];

  constructor(doc: Y.Doc) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
  }

  /**
   * Applies a connection's awareness update if every entry it changes is one this connection may speak
   * for. Entries that change nothing (a stock client echoes every presence it is sent, clock unchanged)
   * are left to the awareness, which ignores them. Malformed bytes throw, before anything is applied.
   */
  apply(peer: P, update: Uint8Array, maxClients: number): PresenceVerdict {
    const own = this.spoken.get(peer) ?? new Set<number>();
    const changed: number[] = [];
    for (const { client, clock, removes } of decodeEntries(update)) {
      const current = this.awareness.meta.get(client)?.clock ?? 0;
      const changes = current < clock || (current === clock && removes && this.awareness.states.has(client));
      if (!changes) continue;
      const owner = this.owners.get(client);
      if (client === this.awareness.clientID || (owner && owner !== peer && owner.open)) return "not yours";
      changed.push(client);
    }
    if (new Set([...own, ...changed]).size > maxClients) return "too many clients";
    for (const client of changed) {
      const owner = this.owners.get(client);
      if (owner && owner !== peer) this.spoken.get(owner)?.delete(client);
      this.owners.set(client, peer);
      own.add(client);
    }
    this.spoken.set(peer, own);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    return "applied";
  }

  /** Removes, for everyone at once, the presence a connection spoke for. */
  leave(peer: P, now = Date.now()): void {
    const ids = [...(this.spoken.get(peer) ?? [])].filter((id) => this.owners.get(id) === peer);
    this.spoken.delete(peer);
    for (const id of ids) this.owners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer);
    this.departed.push({ ids, at: now });
    const expired = this.departed.filter(({ at }) => now - at > KEEP_DEPARTED_MS);
    this.departed = this.departed.slice(expired.length);
    for (const id of expired.flatMap((entry) => entry.ids)) {
      if (!this.owners.has(id) && !this.awareness.states.has(id)) this.awareness.meta.delete(id);
    }
  }

  destroy(): void {
    this.awareness.destroy();
  }
}

/** The entries of a y-protocols awareness update: count, then each client id, clock and JSON state. */
function decodeEntries(update: Uint8Array): { client: number; clock: number; removes: boolean }[] {
  const decoder = decoding.createDecoder(update);
  const entries: { client: number; clock: number; removes: boolean }[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ client, clock, removes: JSON.parse(decoding.readVarString(decoder)) === null });
  }
  return entries;
}
