/** Counters of what the relay did, for /metrics and for tests that attack it. */
export class Metrics {
  connectionsOpened = 0;
  /** Document updates refused because the sender's role may not write that document. */
  refusedUpdates = 0;
  framesReceived = 0;
  /** Sync answers encoded; answers shared with an earlier asker of the same state are not counted. */
  syncAnswersEncoded = 0;
  /** Sync requests not answered again, as the answer to an earlier one was still on its way. */
  syncRequestsCoalesced = 0;
  /** Presence entries dropped: another connection's, or more client ids than one connection may introduce. */
  refusedPresence = 0;
  /** TCP sockets closed at once, or dropped to make room, by the socket limits. */
  socketsRefused = 0;
  /** Board creations answered 429 by the creation rate limits. */
  creationsRefused = 0;
  readonly closes = new Map<number, number>();
  /** Figures read when the metrics are asked for. */
  private readonly gauges = new Map<string, () => number>();

  closed(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  snapshot(): Record<string, unknown> {
    return {
      connectionsOpened: this.connectionsOpened,
      refusedUpdates: this.refusedUpdates,
      framesReceived: this.framesReceived,
      syncAnswersEncoded: this.syncAnswersEncoded,
      syncRequestsCoalesced: this.syncRequestsCoalesced,
      refusedPresence: this.refusedPresence,
      socketsRefused: this.socketsRefused,
      creationsRefused: this.creationsRefused,
      closes: Object.fromEntries(this.closes),
      ...Object.fromEntries([...this.gauges].map(([name, read]) => [name, read()])),
    };
  }
}
