import type pg from "pg";

/**
 * Per-board locks shared by every process on one database: PostgreSQL's transaction-level advisory
 * locks, keyed by a hash of the board id. Tasks of one board in this process also wait for each other
 * here, so that each board holds at most one of the pool's connections while it waits for the lock
 * (a pool full of waiters could starve the task that holds it).
 */
export class BoardLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly pool: pg.Pool) {}

  exclusively<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(boardId) ?? Promise.resolve();
    const run = previous.then(
      () => this.locked(boardId, task),
      () => this.locked(boardId, task),
    );
    this.tails.set(boardId, run);
    const forget = () => {
      if (this.tails.get(boardId) === run) this.tails.delete(boardId);
    };
    run.then(forget, forget);
    return run;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async locked<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`journeyboard board ${boardId}`]);
      const result = await task();
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollback: Error) => {
        broken = rollback;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
