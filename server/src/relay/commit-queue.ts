/** An update accepted by a room and not yet stored, with whom it goes to. */
export interface PendingUpdate {
  update: Uint8Array;
  /** Its sender, who is not sent it back unless others' updates share its commit or `toSender`. */
  origin: unknown;
  /** A repair or a take-back, which the sender lacks too. */
  toSender: boolean;
}

export interface CommitHooks {
  /** Stores a batch of updates in one write, in order. */
  store(updates: readonly Uint8Array[]): Promise<void>;
  /** Sends a batch once it is stored. */
  deliver(batch: readonly PendingUpdate[]): void;
  /** Called once, when a task failed: nothing queued after it runs, the room must be dropped. */
  failed(error: unknown): void;
  /** Stored updates after which the log is compacted into one snapshot. */
  compactEvery: number;
  compact(): Promise<void>;
  compactionFailed(error: unknown): void;
}

/**
 * A room's one ordered queue of writes and of everything sent from it: a message leaves only after
 * every update it could contain has been stored. Group commit: every update accepted since the last
 * commit began (those that came while the previous write was under way) is stored in one write.
 * Every `compactEvery` stored updates, the log is compacted beside the queue, not in it: updates go on
 * being stored and relayed meanwhile (on a large board a compaction takes hundreds of milliseconds).
 */
export class CommitQueue {
  private queue: Promise<void> = Promise.resolve();
  private pending: PendingUpdate[] = [];
  private broken = false;
  private sinceCompaction = 0;
  /** A compaction under way beside the queue. */
  private compacting: Promise<void> | undefined;

  constructor(private readonly hooks: CommitHooks) {}

  /** Whether a task failed: the document may no longer be what is stored. */
  get failed(): boolean {
    return this.broken;
  }

  /** Marks the queue failed from outside (an update that could not be applied): nothing more runs. */
  fail(): void {
    this.broken = true;
  }

  /** Stores an update, then delivers it with whatever else its commit takes. */
  accept(update: Uint8Array, origin: unknown, toSender: boolean): void {
    this.pending.push({ update, origin, toSender });
    // A commit queued and not started yet takes this update too: it is ahead of anything queued after.
    if (this.pending.length === 1) this.enqueue(() => this.commit());
  }

  /** Runs `task` after every earlier one, unless the queue failed. */
  enqueue(task: () => void | Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.broken) return;
      try {
        await task();
      } catch (error) {
        this.broken = true;
        this.hooks.failed(error);
      }
    });
  }

  /** Resolves once every task queued so far, and every task they queued meanwhile, has run. */
  async drained(): Promise<void> {
    let drained: Promise<void>;
    do {
      drained = this.queue;
      await drained;
    } while (drained !== this.queue);
  }

  /** Resolves once no compaction runs beside the queue. */
  async compacted(): Promise<void> {
    await this.compacting;
  }

  private async commit(): Promise<void> {
    const committing = this.pending;
    this.pending = [];
    await this.hooks.store(committing.map(({ update }) => update));
    this.hooks.deliver(committing);
    this.sinceCompaction += committing.length;
    if (this.sinceCompaction >= this.hooks.compactEvery && !this.compacting) {
      this.sinceCompaction = 0;
      // A failed compaction leaves the log as it was.
      this.compacting = this.hooks
        .compact()
        .catch((error: unknown) => this.hooks.compactionFailed(error))
        .finally(() => {
          this.compacting = undefined;
        });
    }
  }
}

/** The one sender of every update of a commit, when it lacks none of them (no repair or take-back). */
export function soleSender(committing: readonly PendingUpdate[]): unknown {
  const origin = committing[0]?.origin;
  return committing.every((pending) => pending.origin === origin && !pending.toSender) ? origin : undefined;
}
