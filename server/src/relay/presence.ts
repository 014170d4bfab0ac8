import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";

/** How long the clock of a departed client id is kept: longer than any echo of it can take to arrive. */
const KEEP_DEPARTED_MS = 30_000;

/** One entry of a y-protocols awareness update; `state` is its JSON text. */
interface Entry {
  client: number;
  clock: number;
  state: string;
}

/**
 * The presence (awareness) of everyone on a document, and the connection that speaks for each client
 * id. A connection speaks for the ids it introduced, a few at most, and may never change or remove an
 * entry another open connection speaks for; entries that break this are dropped before anything is
 * applied. The ids of a connection that is closing pass to whoever comes back with them: a client that
 * reconnects keeps its id.
 */
export class Presence<P extends { readonly open: boolean }> {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, P>();
  private readonly spoken = new Map<P, Set<number>>();
  /**
   * The id each connection named first: a stock client's own, which it announces as it connects. It
   * may take that id back from a connection that introduced it first by forwarding it (y-websocket
   * forwards the presence of the page's other tabs, some of which may not have connected yet).
   */
  private readonly firstIds = new Map<P, number>();
  /** Ids whose connection left, oldest first: their clocks are forgotten once no echo can still come. */
  private departed: { ids: number[]; at: number }[] = [];

  constructor(doc: Y.Doc) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
  }

  /**
   * Applies the entries of a connection's awareness update that it may speak for; returns how many it
   * may not. Entries that change nothing (a stock client echoes every presence it is sent, clock
   * unchanged) are left out, as the awareness would ignore them. Malformed bytes throw, before anything
   * is applied.
   */
  apply(peer: P, update: Uint8Array, maxClients: number): number {
    const entries = decodeEntries(update);
    if (!this.firstIds.has(peer) && entries[0]) this.firstIds.set(peer, entries[0].client);
    const own = this.spoken.get(peer) ?? new Set<number>();
    this.spoken.set(peer, own);
    const accepted: Entry[] = [];
    let refused = 0;
    for (const entry of entries) {
      if (!this.changes(entry)) continue;
      if (!this.mayChange(peer, own, entry.client, maxClients)) {
        refused++;
        continue;
      }
      const owner = this.owners.get(entry.client);
      if (owner && owner !== peer) this.spoken.get(owner)?.delete(entry.client);
      this.owners.set(entry.client, peer);
      own.add(entry.client);
      accepted.push(entry);
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(accepted), peer);
    return refused;
  }

  /** Removes, for everyone at once, the presence a connection spoke for. */
  leave(peer: P, now = Date.now()): void {
    const ids = [...(this.spoken.get(peer) ?? [])].filter((id) => this.owners.get(id) === peer);
    this.spoken.delete(peer);
    this.firstIds.delete(peer);
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

  /** Whether applying the entry would change the awareness (the rule of y-protocols' applyAwarenessUpdate). */
  private changes({ client, clock, state }: Entry): boolean {
    const current = this.awareness.meta.get(client)?.clock ?? 0;
    return current < clock || (current === clock && state === "null" && this.awareness.states.has(client));
  }

  private mayChange(peer: P, own: Set<number>, client: number, maxClients: number): boolean {
    if (client === this.awareness.clientID) return false;
    if (own.has(client)) return true;
    const first = this.firstIds.get(peer) === client;
    const owner = this.owners.get(client);
    if (owner?.open && (this.firstIds.get(owner) === client || !first)) return false;
    return own.size < maxClients || first;
  }
}

/** The entries of a y-protocols awareness update: count, then each client id, clock and JSON state. */
function decodeEntries(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const entries: Entry[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    // Parsed as the awareness would, so that malformed JSON throws before anything is applied.
    entries.push({ client, clock, state: JSON.stringify(JSON.parse(state)) });
  }
  return entries;
}

function encodeEntries(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}
