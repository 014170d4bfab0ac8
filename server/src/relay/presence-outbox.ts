import * as encoding from "lib0/encoding";
import type * as awarenessProtocol from "y-protocols/awareness";
import { awarenessFrame } from "./messages.js";

/**
 * How long presence changes are gathered before they leave as one message: under a 60 Hz frame, and
 * half the interval at which a page sends its cursor (CURSOR_INTERVAL_MS, 33 ms), so cursors still move
 * as often as they are sent; 50 people moving theirs cost each peer about 60 messages a second, not 1,500.
 */
export const PRESENCE_WINDOW_MS = 16;

/**
 * A document's presence changes on their way out: the client ids changed within a window, sent together
 * as one awareness message encoded once, each with its state and clock at sending time. So a client
 * changed twice leaves once, at its latest; a removal leaves as a null state at its own clock, never
 * behind an older state, even when the awareness has since forgotten that client's clock.
 */
export class PresenceOutbox {
  /** Client ids changed since the last message, each with its clock when it changed. */
  private changed = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly send: (message: Uint8Array) => void,
  ) {}

  add(clients: readonly number[]): void {
    for (const client of clients) this.changed.set(client, this.awareness.meta.get(client)?.clock ?? 0);
    this.timer ??= setTimeout(() => this.flush(), PRESENCE_WINDOW_MS);
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.changed.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const changed = this.changed;
    this.changed = new Map();
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, changed.size);
    for (const [client, clock] of changed) {
      encoding.writeVarUint(update, client);
      encoding.writeVarUint(update, this.awareness.meta.get(client)?.clock ?? clock);
      encoding.writeVarString(update, JSON.stringify(this.awareness.getStates().get(client) ?? null));
    }
    this.send(awarenessFrame(encoding.toUint8Array(update)));
  }
}
