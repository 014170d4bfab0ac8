import { reasonOf } from "./log.js";
import type { BoardStore } from "./store/store.js";

/** How often readiness checks may write a probe; checks in between answer with the last probe's outcome. */
const PROBE_EVERY_MS = 1000;

/**
 * Whether the server can take writes: not while its store refuses them (a write failed and the store has
 * not recovered), nor when a probe write fails (the disk filled while nobody wrote).
 */
export class Readiness {
  private last: { at: number; problem: string | undefined } | undefined;
  private probing: Promise<string | undefined> | undefined;

  constructor(private readonly store: BoardStore) {}

  /** Why the server should get no traffic now, or undefined when it is ready. */
  problem(): Promise<string | undefined> {
    const failure = this.store.failure();
    if (failure !== undefined) return Promise.resolve(failure);
    if (this.last && Date.now() - this.last.at < PROBE_EVERY_MS) return Promise.resolve(this.last.problem);
    this.probing ??= this.store.probe().then(
      () => this.settle(undefined),
      (error: unknown) => this.settle(reasonOf(error)),
    );
    return this.probing;
  }

  private settle(problem: string | undefined): string | undefined {
    this.last = { at: Date.now(), problem };
    this.probing = undefined;
    return problem;
  }
}
