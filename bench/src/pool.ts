import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ClientSpec, Command, Reply } from "./protocol.js";

/**
 * The client worker processes. Processes rather than worker threads: each has its own event loop,
 * heap and garbage collector, as separate participants' machines would, and the coordinator's own
 * timers (the server's CPU readings, the run's clock) never wait behind a worker's decoding.
 */
export class WorkerPool {
  private constructor(private readonly workers: ChildProcess[]) {}

  static start(size: number): WorkerPool {
    const script = fileURLToPath(new URL("./worker.js", import.meta.url));
    return new WorkerPool(Array.from({ length: size }, () => fork(script, [], { stdio: "inherit" })));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends a command to one worker and waits for its reply; a worker's failure throws here. */
  ask(index: number, command: Command): Promise<Reply> {
    const worker = this.workers[index % this.workers.length] as ChildProcess;
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`a client worker exited (${code})`));
      worker.once("exit", onExit);
      worker.once("message", (reply: Reply) => {
        worker.off("exit", onExit);
        if (reply.type === "failed") reject(new Error(reply.reason));
        else resolve(reply);
      });
      worker.send(command);
    });
  }

  /** The same command to every worker (built per worker), with their replies in worker order. */
  all(command: (index: number) => Command): Promise<Reply[]> {
    return Promise.all(this.workers.map((_, index) => this.ask(index, command(index))));
  }

  /** Spreads clients over the workers, round robin; returns how many failed their first sync. */
  async open(clients: ClientSpec[], timeoutMs: number): Promise<number> {
    const replies = await this.all((index) => ({
      type: "open",
      clients: clients.filter((_, i) => i % this.workers.length === index),
      timeoutMs,
    }));
    return replies.reduce((sum, reply) => sum + (reply.type === "opened" ? reply.failed : 0), 0);
  }

  async closeAll(): Promise<void> {
    await this.all(() => ({ type: "closeAll" }));
  }

  stop(): void {
    for (const worker of this.workers) worker.kill();
  }
}
