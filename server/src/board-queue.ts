/**
 * One operation at a time per board: each task starts once the board's previous one has settled, so a
 * check and the write it allows are never interleaved with another request's (two tabs placing their
 * last dot at once). Boards do not wait for each other; a board with nothing queued holds no entry.
 */
export class BoardQueue {
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
