import { CloseCode } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { clusterEachTest } from "./cluster-helpers.js";
import {
  type BoardKey,
  connect,
  createBoardOn,
  eventually,
  noteOn,
  notesOf,
  type Participant,
  type Relay,
  synced,
} from "./helpers.js";

/** Two relay processes on one PostgreSQL and one Redis, when a process, Redis or PostgreSQL goes away. */

const cluster = clusterEachTest();

function on(relay: Relay, board: BoardKey, participant?: Participant) {
  const connected = connect(relay, board, participant?.doc);
  cluster.participants.push(connected);
  return connected;
}

function closesOf(participant: Participant): number[] {
  const codes: number[] = [];
  participant.provider.on("connection-close", (event: CloseEvent | null) => codes.push(event?.code ?? 0));
  return codes;
}

/** Waits until every participant holds exactly `notes`. */
async function allHold(participants: Participant[], notes: string[], ms = 15_000): Promise<void> {
  await eventually(() => {
    for (const participant of participants) expect(notesOf(participant.doc)).toEqual([...notes].sort());
  }, ms);
}

describe("relay processes when something fails", () => {
  it("kill -9 of A while clients on both write: nothing anyone had received is lost, and A's clients carry on through B", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const board = await createBoardOn(a);
    const writersOnA = [on(a, board), on(a, board)];
    const writerOnB = on(b, board);
    const writers = [...writersOnA, writerOnB];
    await Promise.all(writers.map(synced));
    const written: string[] = [];
    const round = (n: number, who: Participant[]) => {
      for (const [i, writer] of who.entries()) {
        const text = `round ${n} by ${writers.indexOf(writer) === 2 ? "B" : `A${i}`}`;
        noteOn(writer.doc, text);
        written.push(text);
      }
    };
    for (let n = 0; n < 10; n++) round(n, writers);
    await allHold(writers, written);
    // Writes in flight on both as A dies.
    round(10, writers);
    await a.stop("SIGKILL");
    // Whatever B's participant had received was stored: a process started now serves it.
    const receivedOnB = notesOf(writerOnB.doc);
    round(11, writers);
    const reader = on(await cluster.another(), board);
    await synced(reader);
    await eventually(() => expect(notesOf(reader.doc)).toEqual(expect.arrayContaining(receivedOnB)));

    // A's clients come back through B with the documents they hold (as behind a load balancer), and
    // resend what A had not stored.
    for (const writer of writersOnA) writer.provider.destroy();
    const movedToB = writersOnA.map((writer) => on(b, board, writer));
    const everyone = [...movedToB, writerOnB];
    await Promise.all(everyone.map(synced));
    round(12, everyone);
    await allHold([...everyone, reader], written);
  });

  it("Redis restarted mid-session: edits made while it was away and after converge, nobody reconnects", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const board = await createBoardOn(a);
    const onA = on(a, board);
    const onB = on(b, board);
    await Promise.all([synced(onA), synced(onB)]);
    const closes = [closesOf(onA), closesOf(onB)];
    noteOn(onA.doc, "before");
    await allHold([onA, onB], ["before"]);

    await cluster.redis.stop();
    noteOn(onA.doc, "A while Redis was away");
    noteOn(onB.doc, "B while Redis was away");
    // Carried by PostgreSQL alone, within a few seconds.
    await allHold([onA, onB], ["before", "A while Redis was away", "B while Redis was away"], 10_000);
    const fromStore = await Promise.all([a, b].map(async (relay) => (await relay.metrics()).clusterBatchesFromStore));
    expect(fromStore).toEqual([expect.any(Number), expect.any(Number)]);
    expect(Number(fromStore[0]) + Number(fromStore[1])).toBeGreaterThanOrEqual(2);

    await cluster.redis.start();
    noteOn(onA.doc, "A after");
    noteOn(onB.doc, "B after");
    const all = ["before", "A while Redis was away", "B while Redis was away", "A after", "B after"];
    await allHold([onA, onB], all, 10_000);
    expect(closes).toEqual([[], []]);
  });

  it("a process asked to stop while Redis is away stops at once, storing what it holds", async () => {
    const [a] = await cluster.relays(1);
    if (!a) throw new Error("a relay");
    const board = await createBoardOn(a);
    const writer = on(a, board);
    await synced(writer);
    await cluster.redis.stop();
    try {
      noteOn(writer.doc, "kept");
      await eventually(() =>
        expect(a.logs).toContainEqual(expect.objectContaining({ event: "redis connection lost" })),
      );
      const stopping = Date.now();
      await a.stop("SIGTERM");
      expect(Date.now() - stopping).toBeLessThan(5000);
    } finally {
      await cluster.redis.start();
    }
    const reader = on(await cluster.another(), board);
    await synced(reader);
    expect(notesOf(reader.doc)).toEqual(["kept"]);
  });

  it("PostgreSQL stopped and started: nothing unstored is relayed to the other process, and everything converges after", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const board = await createBoardOn(a);
    const writer = on(a, board);
    const witness = on(b, board);
    await Promise.all([synced(writer), synced(witness)]);
    noteOn(writer.doc, "before");
    await allHold([writer, witness], ["before"]);
    const writerCloses = closesOf(writer);

    await cluster.postgres.stop();
    try {
      noteOn(writer.doc, "while it was down");
      // A could not store it: its client is told, and keeps it.
      await eventually(() => expect(writerCloses).toContain(CloseCode.serverError));
      expect(notesOf(witness.doc)).toEqual(["before"]);
      expect(notesOf(writer.doc)).toEqual(["before", "while it was down"]);
    } finally {
      await cluster.postgres.start();
    }
    await allHold([writer, witness], ["before", "while it was down"], 20_000);
  });
});
