import { metaOf, SCHEMA_VERSION } from "@journeyboard/shared";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { expect, test } from "./app.js";
import { openBoard } from "./board.js";

test("a page built for an older schema version is told to reload", async ({ app, page }) => {
  const url = await app.createBoard();
  // What a tab left open through a deploy sends: the schema version its code was built for.
  await page.addInitScript((older) => {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(target: string | URL, protocols?: string | string[]) {
        super(String(target).replace(/([?&]schema=)\d+/, `$1${older}`), protocols);
      }
    };
  }, SCHEMA_VERSION - 1);
  await page.goto(url);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("This page is out of date", { timeout: 15_000 });
  await expect(alert.getByRole("button", { name: "Reload" })).toBeVisible();
  expect((await app.metrics()).closes[String(4426)]).toBeGreaterThanOrEqual(1);
});

test("when another tab with newer code moves the board to a newer version, this page turns read-only", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const link = new URL(url);
  const boardId = link.pathname.split("/").pop() ?? "";
  // The board as the relay holds it, read by a script.
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(app.url.replace("http", "ws"), boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: link.searchParams.get("token") ?? "" },
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  provider.destroy();
  const before = Y.encodeStateVector(doc);
  metaOf(doc).set("schemaVersion", SCHEMA_VERSION + 1);
  const update = Y.encodeStateAsUpdate(doc, before);
  // A newer tab of the same browser shares its edits over y-websocket's BroadcastChannel, past the relay.
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 0);
  syncProtocol.writeUpdate(message, update);
  await page.evaluate(([channel, bytes]) => new BroadcastChannel(channel).postMessage(new Uint8Array(bytes)), [
    `${app.url.replace("http", "ws")}/${boardId}`,
    Array.from(encoding.toUint8Array(message)),
  ] as const);
  await expect(page.getByText("This board was saved by a newer version of Journeyboard")).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});
