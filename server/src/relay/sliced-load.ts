import * as Y from "yjs";
import { sliceWorker } from "./load-worker.js";

/** Documents stored in fewer bytes are applied at once: a few milliseconds, less than the worker's round trip. */
export const LOAD_IN_SLICES_BYTES = 256 * 1024;
/** A slice's budget (see load-worker.ts): applying one takes a few milliseconds. */
const SLICE_BUDGET = 32 * 1024;
/** How long slices are applied before the event loop is let go: other boards wait at most about this. */
const TURN_MS = 10;

export interface StoredApplied {
  /** The whole document as one update, when the worker encoded it: the answer to a newcomer asking for all. */
  state?: Uint8Array;
  /** Why a large document was applied at once after all (the worker refused it). */
  appliedWhole?: string;
}

/**
 * Applies a document's stored updates to `doc` as `origin`. A large one is read in the worker thread and
 * applied here in slices, a few milliseconds' worth per turn of the event loop, so that other boards keep relaying while it
 * loads (applying a 10,000-note board at once held every board for about 200 ms, encoding it for its
 * first newcomer about 80 ms more).
 */
export async function applyStored(doc: Y.Doc, updates: Uint8Array[], origin: unknown): Promise<StoredApplied> {
  const bytes = updates.reduce((sum, update) => sum + update.length, 0);
  let appliedWhole: string | undefined;
  if (bytes >= LOAD_IN_SLICES_BYTES) {
    try {
      const sliced = await sliceWorker.slice(updates, SLICE_BUDGET);
      let turn = performance.now();
      for (const slice of sliced.slices) {
        Y.applyUpdate(doc, slice, origin);
        if (performance.now() - turn < TURN_MS) continue;
        await new Promise((resolve) => setImmediate(resolve));
        turn = performance.now();
      }
      Y.applyUpdate(doc, sliced.deletions, origin);
      if (!sameState(doc, sliced.stateVector) || doc.store.pendingStructs || doc.store.pendingDs) {
        throw new Error("the document applied in slices is not the one the worker read");
      }
      return { state: sliced.state };
    } catch (error) {
      // Nothing of it was relayed or stored: the document is read afresh, whole, as a small one is.
      if (doc.store.clients.size > 0) throw error;
      appliedWhole = error instanceof Error ? error.message : String(error);
    }
  }
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update, origin);
  }, origin);
  return appliedWhole === undefined ? {} : { appliedWhole };
}

function sameState(doc: Y.Doc, stateVector: Uint8Array): boolean {
  const expected = Y.decodeStateVector(stateVector);
  const held = Y.decodeStateVector(Y.encodeStateVector(doc));
  return expected.size === held.size && [...expected].every(([client, clock]) => held.get(client) === clock);
}

/**
 * A compaction's snapshot of a document's stored updates: the document they make, as one update. A
 * log as large as a board loaded in slices is merged in the worker thread: on the main thread, applying
 * a 10,000-note board and encoding it held every board for 200 to 400 ms.
 */
export async function snapshotOf(updates: Uint8Array[]): Promise<Uint8Array> {
  const bytes = updates.reduce((sum, update) => sum + update.length, 0);
  if (bytes >= LOAD_IN_SLICES_BYTES) return sliceWorker.snapshot(updates);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
