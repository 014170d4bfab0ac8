import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Holds a board for one task at a time: `run` starts the task once nobody else holds the board, and lets
 * go of it once the task has settled. It need not be re-entrant (BoardQueue runs a task's own nested
 * operations without asking it again). A lock shared between relay processes (a PostgreSQL advisory lock
 * held by a transaction) serialises them across processes; wrapping LocalBoardLock lets a process's own
 * tasks wait in its memory rather than each hold a database connection while waiting.
 */
export interface BoardLock {
  run<T>(boardId: string, task: () => Promise<T>): Promise<T>;
}

/**
 * The lock of a relay that is alone with its boards: each board's tasks chained in this process's
 * memory. Boards do not wait for each other; a board with nothing queued holds no entry.
 */
export class LocalBoardLock implements BoardLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(boardId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    this.tails.set(boardId, settled);
    void settled.then(() => {
      if (this.tails.get(boardId) === settled) this.tails.delete(boardId);
    });
    return run;
  }
}

/** A board's turn, held by the task that runs in it until that task settles. */
interface Turn {
  boardId: string;
  over: boolean;
}

/**
 * One operation at a time per board: each task starts once the board's previous one has settled, so a
 * check and the write it allows are never interleaved with another request's (two tabs placing their
 * last dot at once). Who waits for whom is the lock's business: this process alone by default, every
 * process serving the board with a shared lock.
 *
 * A task may call another operation of the same board (a run-sheet step revealing private writing):
 * that one runs within the task's turn, at once, instead of waiting behind the task that waits for it.
 * Work the task leaves behind (a timer it set) queues afresh once the turn is over.
 */
export class BoardQueue {
  private readonly turns = new AsyncLocalStorage<readonly Turn[]>();

  constructor(private readonly lock: BoardLock = new LocalBoardLock()) {}

  run<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const held = (this.turns.getStore() ?? []).filter((turn) => !turn.over);
    if (held.some((turn) => turn.boardId === boardId)) return task();
    return this.lock.run(boardId, async () => {
      const turn = { boardId, over: false };
      try {
        return await this.turns.run([...held, turn], task);
      } finally {
        turn.over = true;
      }
    });
  }
}
