import { afterEach, describe, expect, it } from "vitest";
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { applyRelayUpdatesOnce } from "../src/sync/relay-updates.js";

type Handler = WebsocketProvider["messageHandlers"][number];

/** A sync message's body as the relay sends it, after its type: the kind of sync, then the update's bytes. */
function syncBody(kind: number, update: Uint8Array): Uint8Array {
  const length: number[] = [];
  for (let n = update.length; ; n = Math.floor(n / 128)) {
    length.push(n < 128 ? n : (n % 128) | 0x80);
    if (n < 128) break;
  }
  return Uint8Array.from([kind, ...length, ...update]);
}

/** Hands a message body to the provider's sync handler, as y-websocket does with what arrives. */
function receive(provider: WebsocketProvider, body: Uint8Array): void {
  const handle = provider.messageHandlers[0] as Handler;
  const encoder = { cpos: 0, cbuf: new Uint8Array(64), bufs: [] } as unknown as Parameters<Handler>[0];
  const decoder = { arr: body, pos: 0 } as unknown as Parameters<Handler>[1];
  handle(encoder, decoder, provider, true, 0);
}

/** The relay's side: a board with a few notes, as one update. */
function relayUpdate(): Uint8Array {
  const relay = new Y.Doc();
  const notes = relay.getMap<string>("notes");
  for (let i = 0; i < 50; i++) notes.set(`note-${i}`, `Words of note ${i}`);
  return Y.encodeStateAsUpdate(relay);
}

const opened: WebsocketProvider[] = [];
afterEach(() => {
  for (const provider of opened.splice(0)) provider.destroy();
});

function participant() {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider("ws://127.0.0.1:9", "board", doc, { connect: false, disableBc: true });
  opened.push(provider);
  const heard: Uint8Array[] = [];
  const stored: Uint8Array[] = [];
  const listener = (update: Uint8Array) => heard.push(update);
  doc.on("update", listener);
  applyRelayUpdatesOnce(provider, (update) => stored.push(update), [listener]);
  return { doc, provider, heard, stored };
}

describe("applyRelayUpdatesOnce", () => {
  it("applies the relay's board and stores the bytes received, with no update event to encode", () => {
    const { doc, provider, heard, stored } = participant();
    const board = relayUpdate();
    receive(provider, syncBody(messageYjsSyncStep2, board));
    expect(doc.getMap("notes").size).toBe(50);
    expect(stored).toEqual([board]);
    expect(heard).toEqual([]);
  });

  it("hands a local edit made while an update was applied to the listeners (it must reach the relay)", () => {
    const { doc, provider, heard, stored } = participant();
    const seen = doc.getMap<number>("seen");
    // An observer that answers a remote change with a local one, inside the same apply.
    doc.getMap("notes").observe((event) => {
      if (event.transaction.origin === provider) seen.set("notes", doc.getMap("notes").size);
    });
    const board = relayUpdate();
    receive(provider, syncBody(messageYjsUpdate, board));
    expect(stored).toEqual([board]);
    expect(heard).toHaveLength(1);
    const relay = new Y.Doc();
    Y.applyUpdate(relay, board);
    Y.applyUpdate(relay, heard[0] as Uint8Array);
    expect(relay.getMap("seen").get("notes")).toBe(50);
  });

  it("leaves the other sync messages to y-websocket as they were", () => {
    const { doc, provider, heard, stored } = participant();
    doc.getMap("notes").set("mine", "A note");
    heard.length = 0;
    // A sync step 1 from the relay: answered, nothing applied, nothing stored.
    receive(provider, syncBody(messageYjsSyncStep1, Y.encodeStateVector(new Y.Doc())));
    expect(stored).toEqual([]);
    expect(heard).toEqual([]);
  });
});
