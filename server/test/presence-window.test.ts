import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import { openRaw, type PresenceEntry, presenceFrame, type RawSocket, SYNC_REQUEST, syncAnswers } from "./frames.js";
import { createBoardOn, eventually, relayEachTest, socketUrl, type TestApp } from "./helpers.js";

/** Presence changes within a few milliseconds leave as one message per peer, each client at its latest. */

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

/** The entries of each awareness message a raw socket received, in order. */
function presenceMessages(socket: RawSocket): PresenceEntry[][] {
  return socket.received
    .filter((m) => m[0] === 1)
    .map((m) => {
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoding.createDecoder(m.subarray(1))));
      return Array.from({ length: decoding.readVarUint(update) }, () => ({
        client: decoding.readVarUint(update),
        clock: decoding.readVarUint(update),
        state: JSON.parse(decoding.readVarString(update)),
      }));
    });
}

/** A raw socket on the board, once the relay has joined it to the board (it answered its sync request). */
async function joined(url: string): Promise<RawSocket> {
  const socket = await openRaw(url);
  socket.ws.send(SYNC_REQUEST);
  await eventually(() => expect(syncAnswers(socket)).toHaveLength(1));
  return socket;
}

const byClient = (entries: PresenceEntry[]) => [...entries].sort((a, b) => a.client - b.client);

/** Waits until `socket` has received an awareness message about `client` at `clock`. */
async function seen(socket: RawSocket, client: number, clock: number): Promise<void> {
  await eventually(() =>
    expect(presenceMessages(socket).flat()).toContainEqual(expect.objectContaining({ client, clock })),
  );
}

describe("presence window", () => {
  for (const order of [
    ["ana", "bo"],
    ["bo", "ana"],
  ] as const) {
    it(`changes sent at the same instant reach a peer as one message, at their latest, a removal included (${order.join(" first, then ")})`, async () => {
      const board = await createBoardOn(app);
      const url = socketUrl(app, board);
      const watcher = await joined(url);
      const people = { ana: await joined(url), bo: await joined(url) };
      const ids = { ana: 101, bo: 201 };
      people.ana.ws.send(presenceFrame([{ client: ids.ana, clock: 1, state: { name: "ana" } }]));
      people.bo.ws.send(presenceFrame([{ client: ids.bo, clock: 1, state: { name: "bo" } }]));
      await seen(watcher, ids.ana, 1);
      await seen(watcher, ids.bo, 1);
      const before = presenceMessages(watcher).length;

      // Two changes each, sent together: ana moves twice; bo moves, then leaves (a null state).
      const steps: Record<"ana" | "bo", PresenceEntry[]> = {
        ana: [
          { client: ids.ana, clock: 2, state: { cursor: 1 } },
          { client: ids.ana, clock: 3, state: { cursor: 2 } },
        ],
        bo: [
          { client: ids.bo, clock: 2, state: { cursor: 9 } },
          { client: ids.bo, clock: 3, state: null },
        ],
      };
      for (const step of [0, 1]) {
        for (const name of order) {
          const entry = steps[name][step];
          if (entry) people[name].ws.send(presenceFrame([entry]));
        }
      }
      await eventually(() => expect(presenceMessages(watcher).length).toBeGreaterThan(before));
      // A later change, once the first has arrived: whatever came in between is before it.
      people.ana.ws.send(presenceFrame([{ client: ids.ana, clock: 4, state: { cursor: 3 } }]));
      await seen(watcher, ids.ana, 4);

      expect(presenceMessages(watcher).slice(before).map(byClient)).toEqual([
        [
          { client: ids.ana, clock: 3, state: { cursor: 2 } },
          { client: ids.bo, clock: 3, state: null },
        ],
        [{ client: ids.ana, clock: 4, state: { cursor: 3 } }],
      ]);
      for (const socket of [watcher, people.ana, people.bo]) socket.ws.close();
    });
  }

  it("a connection that changes its presence and leaves at once is removed, never left at its last state", async () => {
    const board = await createBoardOn(app);
    const url = socketUrl(app, board);
    const watcher = await joined(url);
    const bo = await joined(url);
    bo.ws.send(presenceFrame([{ client: 201, clock: 1, state: { name: "bo" } }]));
    await seen(watcher, 201, 1);
    bo.ws.send(presenceFrame([{ client: 201, clock: 2, state: { cursor: 9 } }]));
    bo.ws.close();
    // The relay removes what a departed connection spoke for: a null state, at a clock no older than any
    // before it (a removal at the same clock wins: y-protocols' rule).
    const entries = () => presenceMessages(watcher).flatMap((m) => m.filter((entry) => entry.client === 201));
    await eventually(() => expect(entries().at(-1)?.state).toBeNull());
    const last = entries().at(-1)?.clock ?? 0;
    for (const earlier of entries().slice(0, -1)) expect(earlier.clock).toBeLessThanOrEqual(last);
    watcher.ws.close();
  });
});
