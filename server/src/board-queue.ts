import { AsyncLocalStorage } from "node:async_hooks";

/** A board's turn, held by the task that runs in it until that task settles. */
interface Turn {
  boardId: string;
  over: boolean;
}

/**
 * One operation at a time per board: each task starts once the board's previous one has settled, so a
 * check and the write it allows are never interleaved with another request's (two tabs placing their
 * last dot at once). Boards do not wait for each other; a board with nothing queued holds no entry.
 *
 * A task may call another operation of the same board (a run-sheet step revealing private writing):
 * that one runs within the task's turn, at once, instead of waiting behind the task that waits for it.
 * Work the task leaves behind (a timer it set) queues afresh once the turn is over.
 */
export class BoardQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly turns = new AsyncLocalStorage<readonly Turn[]>();

  run<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const held = (this.turns.getStore() ?? []).filter((turn) => !turn.over);
    if (held.some((turn) => turn.boardId === boardId)) return task();
    const inTurn = async () => {
      const turn = { boardId, over: false };
      try {
        return await this.turns.run([...held, turn], task);
      } finally {
        turn.over = true;
      }
    };
    const previous = this.tails.get(boardId) ?? Promise.resolve();
    const run = previous.then(inTurn, inTurn);
    const settled = run.catch(() => undefined);
    this.tails.set(boardId, settled);
    void settled.then(() => {
      if (this.tails.get(boardId) === settled) this.tails.delete(boardId);
    });
    return run;
  }
}
