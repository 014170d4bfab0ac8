import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Presence } from "../src/relay/presence.js";
import { openRaw, type PresenceEntry, presenceFrame, presenceUpdate, type RawSocket } from "./frames.js";
import {
  connect,
  createBoardOn,
  eventually,
  leave,
  linkFor,
  type Participant,
  relayEachTest,
  socketUrl,
  synced,
  type TestApp,
} from "./helpers.js";

/** A connection speaks for the presence it introduced, a few client ids at most, and for nobody else's. */

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

function nameOf(observer: Participant, client: number): unknown {
  return (observer.provider.awareness.getStates().get(client)?.user as { name?: unknown } | undefined)?.name;
}

/**
 * Sends presence entries, then the socket's own presence (`mark`, at `clock`): once `observer` has that,
 * the relay has dealt with both.
 */
async function sendThenMark(
  socket: RawSocket,
  entries: PresenceEntry[],
  observer: Participant,
  mark: number,
  clock = 1,
) {
  socket.ws.send(presenceFrame(entries));
  socket.ws.send(presenceFrame([{ client: mark, clock, state: { mark: clock } }]));
  await eventually(() => expect(observer.provider.awareness.getStates().get(mark)?.mark).toBe(clock));
}

describe("presence", () => {
  it("a connection speaks for a few client ids: the rest of a thousand introduced at once are dropped and counted", async () => {
    const board = await createBoardOn(app);
    const observer = connect(app, board);
    await synced(observer);
    const viewer = await openRaw(socketUrl(app, await linkFor(app, board, "viewer")));
    const crowd = Array.from({ length: 1000 }, (_, i) => ({ client: 1000 + i, clock: 1, state: {} }));
    await sendThenMark(viewer, crowd, observer, 1000, 2);
    const others = [...observer.provider.awareness.getStates().keys()].filter((c) => c !== observer.doc.clientID);
    expect(others.sort()).toEqual([1000, 1001, 1002, 1003]);
    expect(app.metrics.refusedPresence).toBe(996);
    // Ids given up are still this connection's: it cannot introduce new ones in their place.
    await sendThenMark(viewer, [{ client: 1001, clock: 2, state: null }], observer, 1000, 3);
    await sendThenMark(viewer, [{ client: 5000, clock: 1, state: {} }], observer, 1000, 4);
    expect(observer.provider.awareness.getStates().has(5000)).toBe(false);
    expect(observer.provider.awareness.getStates().has(1001)).toBe(false);
    viewer.ws.close();
    leave(observer);
  });

  it("a viewer can neither rename nor remove the facilitator's presence, during or after its visit", async () => {
    const board = await createBoardOn(app);
    const [facilitator, observer] = [connect(app, board), connect(app, board)];
    await Promise.all([synced(facilitator), synced(observer)]);
    facilitator.provider.awareness.setLocalStateField("user", { name: "Facilitator" });
    const id = facilitator.doc.clientID;
    await eventually(() => expect(nameOf(observer, id)).toBe("Facilitator"));
    const viewer = await openRaw(socketUrl(app, await linkFor(app, board, "viewer")));
    const clock = (facilitator.provider.awareness.meta.get(id)?.clock ?? 0) + 10;
    await sendThenMark(viewer, [{ client: id, clock, state: { user: { name: "Mallory" } } }], observer, 777);
    await sendThenMark(viewer, [{ client: id, clock: clock + 1, state: null }], observer, 777, 2);
    expect(nameOf(observer, id)).toBe("Facilitator");
    expect(app.metrics.refusedPresence).toBe(2);
    expect(app.logs.filter((l) => l.event === "presence refused")).toEqual([
      expect.objectContaining({
        board: board.id,
        role: "viewer",
        reason: expect.stringContaining("presence of another connection"),
      }),
    ]);
    viewer.ws.close();
    await eventually(() => expect(observer.provider.awareness.getStates().has(777)).toBe(false));
    expect(nameOf(observer, id)).toBe("Facilitator");
    leave(facilitator, observer);
  });

  it("an echo of others' presence, as stock clients send, is no offence", async () => {
    const board = await createBoardOn(app);
    const [ana, bo, observer] = [connect(app, board), connect(app, board), connect(app, board)];
    await Promise.all([synced(ana), synced(bo), synced(observer)]);
    for (let i = 0; i < 5; i++) {
      ana.provider.awareness.setLocalStateField("cursor", i);
      bo.provider.awareness.setLocalStateField("cursor", i);
      await eventually(() => {
        expect(observer.provider.awareness.getStates().get(ana.doc.clientID)?.cursor).toBe(i);
        expect(observer.provider.awareness.getStates().get(bo.doc.clientID)?.cursor).toBe(i);
      });
    }
    expect(app.metrics.refusedPresence).toBe(0);
    leave(ana, bo, observer);
  });

  it("a client coming back keeps its id once its old connection is gone, never while it is open", async () => {
    const board = await createBoardOn(app);
    const observer = connect(app, board);
    await synced(observer);
    const url = socketUrl(app, board);
    const [first, second] = [await openRaw(url), await openRaw(url)];
    await sendThenMark(first, [{ client: 42, clock: 1, state: { user: { name: "first" } } }], observer, 43);
    await sendThenMark(second, [{ client: 42, clock: 2, state: { user: { name: "second" } } }], observer, 44);
    expect(nameOf(observer, 42)).toBe("first");
    first.ws.terminate();
    await eventually(() => expect(observer.provider.awareness.getStates().has(42)).toBe(false));
    second.ws.send(presenceFrame([{ client: 42, clock: 3, state: { user: { name: "back" } } }]));
    await eventually(() => expect(nameOf(observer, 42)).toBe("back"));
    second.ws.close();
    leave(observer);
  });

  it("a tab takes its own id back from the tab that forwarded it first, and nobody takes it from that tab", async () => {
    const board = await createBoardOn(app);
    const observer = connect(app, board);
    await synced(observer);
    const url = socketUrl(app, board);
    // Tab A announces itself, then forwards tab B's presence (a page's tabs share it) before B connects.
    const tabA = await openRaw(url);
    tabA.ws.send(presenceFrame([{ client: 1, clock: 1, state: { user: { name: "A" } } }]));
    await sendThenMark(tabA, [{ client: 2, clock: 1, state: { user: { name: "B, forwarded" } } }], observer, 1, 2);
    const tabB = await openRaw(url);
    // B announces itself as it connects (no change: A forwarded the same), then moves.
    tabB.ws.send(presenceFrame([{ client: 2, clock: 1, state: { user: { name: "B, forwarded" } } }]));
    tabB.ws.send(presenceFrame([{ client: 2, clock: 2, state: { user: { name: "B" } } }]));
    await eventually(() => expect(nameOf(observer, 2)).toBe("B"));
    await sendThenMark(tabA, [{ client: 2, clock: 3, state: { user: { name: "B, from A" } } }], observer, 1, 3);
    expect(nameOf(observer, 2)).toBe("B");
    expect(app.metrics.refusedPresence).toBe(1);
    // A leaving takes nothing of B's with it.
    tabA.ws.close();
    await eventually(() => expect(observer.provider.awareness.getStates().has(1)).toBe(false));
    expect(nameOf(observer, 2)).toBe("B");
    tabB.ws.close();
    leave(observer);
  });
});

describe("presence of departed clients", () => {
  it("is forgotten once no echo of it can still arrive, so that a long-lived board's memory stays bounded", () => {
    const presence = new Presence<{ open: boolean }>(new Y.Doc());
    const [gone, later] = [{ open: true }, { open: true }];
    const start = Date.now();
    expect(presence.apply(gone, presenceUpdate([{ client: 7, clock: 1, state: {} }]), 4)).toBe(0);
    presence.leave(gone, start);
    // Kept a while: an echo of its last state, arriving late, must not bring it back.
    presence.leave(later, start + 1000);
    expect(presence.awareness.meta.has(7)).toBe(true);
    expect(presence.apply(later, presenceUpdate([{ client: 7, clock: 1, state: {} }]), 4)).toBe(0);
    expect(presence.awareness.getStates().has(7)).toBe(false);
    presence.leave(later, start + 31_000);
    expect(presence.awareness.meta.has(7)).toBe(false);
    presence.destroy();
  });
});
