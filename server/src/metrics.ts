/** Counters of what the relay did, for /metrics and for tests that attack it. */
export class Metrics {
  connectionsOpened = 0;
  /** Document updates refused because the sender's role may not write that document. */
  refusedUpdates = 0;
  framesReceived = 0;
  readonly closes = new Map<number, number>();

  closed(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  snapshot(): Record<string, unknown> {
    return {
      connectionsOpened: this.connectionsOpened,
      refusedUpdates: this.refusedUpdates,
      framesReceived: this.framesReceived,
      closes: Object.fromEntries(this.closes),
    };
  }
}
