import { CloseCode, listNotes, noteText } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";
import { clusterEachTest, SECRET } from "./cluster-helpers.js";
import {
  type BoardKey,
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  noteOn,
  notesOf,
  type Relay,
  startTestApp,
  synced,
} from "./helpers.js";
import { freePort } from "./services/ports.js";

/** Two relay processes (node server/dist/main.js) on one PostgreSQL and one Redis: what crosses between them. */

const cluster = clusterEachTest();

function on(relay: Relay, board: BoardKey) {
  const participant = connect(relay, board);
  cluster.participants.push(participant);
  return participant;
}

function textOf(doc: Parameters<typeof firstMap>[0], noteId: string): string {
  return noteText(firstMap(doc), noteId)?.toString() ?? "";
}

describe("relay processes sharing boards", () => {
  it("clients of one board on two processes converge: notes added at the same instant, the same note edited on both, in both orders", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const board = await createBoardOn(a);
    const onA = on(a, board);
    const onB = on(b, board);
    await Promise.all([synced(onA), synced(onB)]);

    noteOn(onA.doc, "from A");
    noteOn(onB.doc, "from B");
    await eventually(() => {
      expect(notesOf(onA.doc)).toEqual(["from A", "from B"]);
      expect(notesOf(onB.doc)).toEqual(["from A", "from B"]);
    });

    // Live, through Redis, not only at PostgreSQL's poll (once a second).
    const delays: number[] = [];
    for (let n = 0; n < 10; n++) {
      const sentAt = Date.now();
      noteOn(onA.doc, `live ${n}`);
      await eventually(() => expect(notesOf(onB.doc)).toContain(`live ${n}`));
      delays.push(Date.now() - sentAt);
    }
    const median = [...delays].sort((x, y) => x - y)[5] ?? Number.POSITIVE_INFINITY;
    console.log(`A to B: median ${median} ms of ${delays.join(", ")}`);
    expect(median).toBeLessThan(300);
    expect((await b.metrics()).clusterBatchesFromRedis).toBeGreaterThanOrEqual(10);

    const noteId = listNotes(firstMap(onA.doc)).find((note) => note.text === "from A")?.id ?? "";
    for (const [first, second] of [
      [onA, onB],
      [onB, onA],
    ] as const) {
      noteText(firstMap(first.doc), noteId)?.insert(0, first === onA ? "a" : "b");
      noteText(firstMap(second.doc), noteId)?.insert(0, second === onA ? "a" : "b");
      await eventually(() => expect(textOf(onB.doc, noteId)).toBe(textOf(onA.doc, noteId)));
    }
    expect([...textOf(onA.doc, noteId).slice(0, 4)].sort().join("")).toBe("aabb");
  });

  it("presence crosses: changes on A are seen on B and back, B loading the board later learns A's at once, and a client leaving A goes from B", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const board = await createBoardOn(a);
    const onA = on(a, board);
    const watcherOnA = on(a, board);
    await Promise.all([synced(onA), synced(watcherOnA)]);
    const nameSeenBy = (observer: typeof onA, clientId: number) =>
      observer.provider.awareness.getStates().get(clientId)?.name;
    onA.provider.awareness.setLocalStateField("name", "Ana on A");
    await eventually(() => expect(nameSeenBy(watcherOnA, onA.doc.clientID)).toBe("Ana on A"));
    // B loads the board only now, after A published that change: it asks the other processes for the
    // presence they hold, rather than waiting up to 15 s for the clients' renewal.
    const onB = on(b, board);
    await synced(onB);
    await eventually(() => expect(nameSeenBy(onB, onA.doc.clientID)).toBe("Ana on A"), 5000);

    onB.provider.awareness.setLocalStateField("name", "Bo on B");
    await eventually(() => expect(nameSeenBy(onA, onB.doc.clientID)).toBe("Bo on B"));
    onA.provider.awareness.setLocalStateField("name", "Ana, renamed");
    await eventually(() => expect(nameSeenBy(onB, onA.doc.clientID)).toBe("Ana, renamed"));

    cluster.participants.splice(cluster.participants.indexOf(onA), 1);
    leave(onA);
    await eventually(() => expect(onB.provider.awareness.getStates().has(onA.doc.clientID)).toBe(false), 5000);
  });

  it("revoking the editors' links on A kicks an editor connected to B within a second", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const board = await createBoardOn(a);
    const editor = on(b, await linkFor(a, board, "editor"));
    const facilitator = on(b, board);
    await Promise.all([synced(editor), synced(facilitator)]);
    const closes: { code: number; at: number }[] = [];
    editor.provider.on("connection-close", (event: CloseEvent | null) =>
      closes.push({ code: event?.code ?? 0, at: Date.now() }),
    );

    const revokedAt = Date.now();
    const response = await fetch(`${a.url}/api/boards/${board.id}/revoke`, {
      method: "POST",
      headers: { Authorization: `Bearer ${board.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "editor" }),
    });
    expect(response.status).toBe(200);
    await eventually(() => expect(closes[0]?.code).toBe(CloseCode.tokenRevoked), 5000);
    const ms = (closes[0]?.at ?? Number.POSITIVE_INFINITY) - revokedAt;
    console.log(`revocation on A closed the editor on B in ${ms} ms`);
    expect(ms).toBeLessThan(1000);
    // The facilitator on B stays.
    noteOn(facilitator.doc, "still here");
    await eventually(() => expect(notesOf(facilitator.doc)).toEqual(["still here"]));
    expect(facilitator.provider.wsconnected).toBe(true);
  });
});

describe("revocations made on two processes at the same instant", () => {
  it("both stick: editors revoked on A and viewers on B, ten times over", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const board = await createBoardOn(a);
    const revoke = (relay: Relay, role: string) =>
      fetch(`${relay.url}/api/boards/${board.id}/revoke`, {
        method: "POST",
        headers: { Authorization: `Bearer ${board.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ role }),
      });
    const opens = async (link: BoardKey) =>
      (await fetch(`${a.url}/api/boards/${board.id}`, { headers: { Authorization: `Bearer ${link.token}` } })).status;
    for (let round = 0; round < 10; round++) {
      const [editor, viewer] = await Promise.all([linkFor(a, board, "editor"), linkFor(a, board, "viewer")]);
      const answers = await Promise.all([revoke(a, "editor"), revoke(b, "viewer")]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect([await opens(editor), await opens(viewer)]).toEqual([403, 403]);
    }
  });
});

describe("REDIS_URL", () => {
  const DATABASE_URL = "postgresql://journeyboard@db.example/boards";

  it("takes a Redis URL beside DATABASE_URL, and says what is wrong otherwise", () => {
    expect(readConfig({}).redisUrl).toBeUndefined();
    expect(readConfig({ DATABASE_URL, SECRET, REDIS_URL: "redis://cache.example:6379" }).redisUrl).toBe(
      "redis://cache.example:6379",
    );
    expect(() => readConfig({ REDIS_URL: "redis://cache.example:6379" })).toThrow(
      /REDIS_URL is set without DATABASE_URL/,
    );
    expect(() => readConfig({ DATABASE_URL, SECRET, REDIS_URL: "http://cache.example" })).toThrow(
      "REDIS_URL must start with redis:// or rediss://, not http://",
    );
    expect(() => readConfig({ DATABASE_URL, SECRET, REDIS_URL: "cache.example" })).toThrow(/must be a Redis URL/);
  });

  it("an unreachable Redis stops the start with a reason that names it, not its password", async () => {
    const port = await freePort();
    const start = startTestApp({
      databaseUrl: await cluster.postgres.database(),
      redisUrl: `redis://:hidden@127.0.0.1:${port}`,
      secret: SECRET,
    });
    await expect(start).rejects.toThrow(`Redis at 127.0.0.1:${port} could not be used`);
    await expect(start).rejects.not.toThrow(/hidden/);
  });
});
