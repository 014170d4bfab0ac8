import { describe, expect, it } from "vitest";
import { type BoardLock, BoardQueue, LocalBoardLock } from "../src/board-queue.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("BoardQueue", () => {
  it("runs one board's tasks one after the other, never interleaved", async () => {
    const queue = new BoardQueue();
    const seen: string[] = [];
    const task = (name: string) => async () => {
      seen.push(`${name} reads`);
      await tick();
      seen.push(`${name} writes`);
    };
    await Promise.all([queue.run("b", task("one")), queue.run("b", task("two"))]);
    expect(seen).toEqual(["one reads", "one writes", "two reads", "two writes"]);
  });

  it("runs an operation a task calls on its own board within that task's turn, instead of deadlocking", async () => {
    const queue = new BoardQueue();
    const seen: string[] = [];
    const other = queue.run("b", async () => {
      seen.push("other");
    });
    await queue.run("b", async () => {
      seen.push("step starts");
      await queue.run("b", async () => {
        await tick();
        seen.push("reveal, inside the step");
      });
      seen.push("step ends");
    });
    await other;
    expect(seen).toEqual(["other", "step starts", "reveal, inside the step", "step ends"]);
  });

  it("queues work a task left behind (a timer) once the task's turn is over", async () => {
    const queue = new BoardQueue();
    const seen: string[] = [];
    let fired: Promise<void> | undefined;
    let release = () => {};
    const timerSet = new Promise<void>((resolve) => {
      void queue.run("b", async () => {
        setTimeout(() => {
          fired = queue.run("b", async () => {
            seen.push("timer");
          });
          resolve();
        }, 0);
      });
    });
    const held = queue.run(
      "b",
      () =>
        new Promise<void>((resolve) => {
          seen.push("later task holds the board");
          release = () => {
            seen.push("later task ends");
            resolve();
          };
        }),
    );
    await timerSet;
    await tick();
    release();
    await held;
    await fired;
    expect(seen).toEqual(["later task holds the board", "later task ends", "timer"]);
  });

  it("serialises queues that share a lock (two relay processes), asking it once per turn: a nested call never waits for it", async () => {
    const local = new LocalBoardLock();
    const asked: string[] = [];
    // Stands for a lock that several processes share (a PostgreSQL advisory lock): not re-entrant.
    const shared: BoardLock = {
      run: (boardId, task) => {
        asked.push(boardId);
        return local.run(boardId, task);
      },
    };
    const [processA, processB] = [new BoardQueue(shared), new BoardQueue(shared)];
    const seen: string[] = [];
    const step = (queue: BoardQueue, name: string) =>
      queue.run("b", async () => {
        seen.push(`${name} reads`);
        await tick();
        await queue.run("b", async () => {
          seen.push(`${name} reveals, inside its turn`);
        });
        seen.push(`${name} writes`);
      });
    await Promise.all([step(processA, "a"), step(processB, "b"), processB.run("other", async () => {})]);
    expect(seen).toEqual([
      "a reads",
      "a reveals, inside its turn",
      "a writes",
      "b reads",
      "b reveals, inside its turn",
      "b writes",
    ]);
    expect(asked).toEqual(["b", "b", "other"]);
  });
});
