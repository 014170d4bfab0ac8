import type { Room } from "./room.js";

/** A document's stored log shared between relay processes, which each see the others' batches through. */
export interface SharedLog {
  /** Starts listening for other processes' batches (kept until `start`), then reads what is stored. */
  load(room: Room): Promise<Uint8Array[]>;
  /** The room holds what `load` read: other processes' batches are applied from now on. */
  start(): void;
  /** Stores a batch and tells the other processes; resolves once it is stored. */
  append(updates: readonly Uint8Array[]): Promise<void>;
  close(): void;
}
