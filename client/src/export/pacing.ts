/**
 * Long exports share the page: work goes in slices of a few tens of milliseconds, and between slices the
 * page gets its turn (input, painting), so no task runs long; a cancelled export stops at the next turn.
 */

/** Work done between two turns, at most (well under the 200 ms that counts as a long task). */
const SLICE_MS = 16;

export class Pacing {
  private sliceStart = performance.now();

  constructor(
    readonly signal: AbortSignal,
    /** Told how far the export is, from 0 to 1. */
    readonly progress: (done: number) => void = () => {},
  ) {}

  /** Gives the page its turn once the slice is used up; throws once the export is cancelled. */
  async turn(): Promise<void> {
    this.signal.throwIfAborted();
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    await nextTask();
    this.signal.throwIfAborted();
    this.sliceStart = performance.now();
  }

  /**
   * Runs a generator that yields between pieces of work (how much is done so far), giving the page its
   * turns; `share` turns what it yields into the export's progress.
   */
  async drive<T>(work: Generator<number, T>, share?: (done: number) => number): Promise<T> {
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      if (share) this.progress(share(step.value));
      await this.turn();
    }
  }
}

/** A new task: a message posted to itself runs after input and painting, without setTimeout's 4 ms clamp. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
