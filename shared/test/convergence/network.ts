import * as Y from "yjs";

/** Marks updates that arrived from the network, so a participant does not send them on again. */
const REMOTE = Symbol("remote");

interface Queued {
  update: Uint8Array;
  /** What the sender had integrated before this change: the receiver needs all of it first. */
  past: Map<number, number>;
}

/**
 * Participants' documents and what each has sent but the others have not received yet. Every local
 * change is queued for every other participant; the test picks which queued update travels next, so
 * updates arrive late, partially, and in a different order at each participant, between further edits.
 * Delivery is causal, as through the relay: no update arrives before one it builds on (out of causal
 * order, Yjs applies a change's deletions before the insertions they belong with, a state the relay
 * never lets a participant see).
 */
export class Network {
  readonly docs: Y.Doc[];
  /** queues[from][to]: updates from one participant still on their way to another. */
  private readonly queues: Queued[][][];

  constructor(docs: Y.Doc[]) {
    this.docs = docs;
    this.queues = docs.map(() => docs.map(() => []));
    docs.forEach((doc, from) => {
      doc.on("update", (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
        if (origin === REMOTE) return;
        const past = new Map(transaction.beforeState);
        this.queues[from]?.forEach((queue, to) => {
          if (to !== from) queue.push({ update, past });
        });
      });
    });
  }

  /**
   * Hands one update from one participant to another: the `pick`-th of those it can take now.
   * Returns the receiver, or null when nothing could travel.
   */
  deliver(from: number, to: number, pick: number): number | null {
    const queue = this.queues[from]?.[to];
    const doc = this.docs[to];
    if (!queue || !doc) return null;
    const ready = queue.filter((queued) => this.canTake(doc, queued));
    const chosen = ready[pick % ready.length];
    if (!chosen) return null;
    queue.splice(queue.indexOf(chosen), 1);
    Y.applyUpdate(doc, chosen.update, REMOTE);
    return to;
  }

  /** Delivers everything still queued. */
  flush(): void {
    let moved = true;
    while (moved) {
      moved = false;
      this.queues.forEach((row, from) => {
        row.forEach((_, to) => {
          while (this.deliver(from, to, 0) !== null) moved = true;
        });
      });
    }
  }

  private canTake(doc: Y.Doc, queued: Queued): boolean {
    return [...queued.past].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
  }

  /** Whether a participant holds updates it cannot apply yet (something they depend on never arrived). */
  static hasPending(doc: Y.Doc): boolean {
    return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  }
}
