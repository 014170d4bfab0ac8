import { isFinalClose } from "./protocol.js";

/**
 * Reconnecting after the relay went away, with exponential backoff and full jitter: y-websocket's own
 * backoff is the same for every client, so after a restart they would all come back in the same
 * instant. Each attempt waits a random time up to a ceiling that doubles, from `baseMs` to `maxMs`.
 */
export const RECONNECT = { baseMs: 250, maxMs: 10_000 } as const;

export function reconnectDelay(attempt: number, random: () => number = Math.random, policy = RECONNECT): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** What the reconnection needs of a y-websocket provider. */
export interface Reconnectable {
  connect(): void;
  /** Closed connections since the last one that synced (y-websocket counts them). */
  wsUnsuccessfulReconnects: number;
}

export interface JitteredReconnect {
  /** For the provider's `shouldReconnect` option: final closes stop, others reconnect after the backoff. */
  shouldReconnect(event: { code: number }): boolean;
  /** Stops a pending reconnection (the provider is being destroyed). */
  cancel(): void;
}

export function jitteredReconnect(
  provider: () => Reconnectable,
  random: () => number = Math.random,
): JitteredReconnect {
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    shouldReconnect(event) {
      if (isFinalClose(event.code)) return false;
      const target = provider();
      clearTimeout(pending);
      pending = setTimeout(() => target.connect(), reconnectDelay(target.wsUnsuccessfulReconnects, random));
      // Tell y-websocket not to reconnect by itself: the timer above does it.
      return false;
    },
    cancel() {
      clearTimeout(pending);
    },
  };
}
