import { DEFAULT_LANES, listStages, sampleBoardPlan, writeSampleBoard } from "@journeyboard/shared";
import * as Y from "yjs";
import { expect, test } from "./app.js";
import { mountedNoteCount, offlineCopySettled, openBoard, REACH } from "./board.js";
import { firstMap, withBoard } from "./reader.js";

const NOTES = 2000;

/**
 * What a newcomer waits for before the first notes are drawn: the board's connection opens as the page
 * starts, so joining and the relay's answer overlap the download of the board's own page code.
 */

test("a board link connects while the board's page code is still loading", async ({ app, page }) => {
  const url = await app.createBoard();
  const boardId = new URL(url).pathname.split("/").pop() ?? "";
  const connected = new Promise<void>((resolve) =>
    page.on("websocket", (socket) => {
      if (new URL(socket.url()).pathname === `/${boardId}`) resolve();
    }),
  );
  let held = false;
  // The board page's code is held back until the board's WebSocket has been opened, or for good.
  await page.route(/\/assets\/board-page-[^/]+\.js$/, async (route) => {
    held = true;
    await connected;
    await route.continue();
  });
  await openBoard(page, url, { fit: false });
  expect(held).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
});

test("a board arriving from the relay is applied without being encoded again, and the offline copy keeps it", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  const boardBytes = await withBoard(url, (doc) => {
    const map = firstMap(doc);
    const lanes = DEFAULT_LANES.map((lane) => lane.kind);
    writeSampleBoard(map, sampleBoardPlan({ count: NOTES, seed: 5, stages: listStages(map).length, lanes }));
    return Y.encodeStateAsUpdate(doc).length;
  });
  // Counts the strings the page encodes to UTF-8: encoding the board again writes every note's words.
  await page.addInitScript(() => {
    const counted = window as unknown as { __encoded: number };
    counted.__encoded = 0;
    const { encode, encodeInto } = TextEncoder.prototype;
    TextEncoder.prototype.encode = function (this: TextEncoder, text?: string) {
      counted.__encoded += 1;
      return encode.call(this, text);
    };
    TextEncoder.prototype.encodeInto = function (this: TextEncoder, text: string, into: Uint8Array) {
      counted.__encoded += 1;
      return encodeInto.call(this, text, into);
    };
  });
  await openBoard(page, url, { fit: false });
  await expect.poll(() => mountedNoteCount(page), REACH).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __encoded: number }).__encoded)).toBeLessThan(NOTES / 10);
  await offlineCopySettled(page, url);
  const stored = await page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("updates", "readonly").objectStore("updates").getAll();
          all.onsuccess = () => resolve((all.result as Uint8Array[]).reduce((sum, u) => sum + u.byteLength, 0));
        };
      }),
    `journeyboard:${new URL(url).pathname.split("/").pop()}`,
  );
  expect(stored).toBeGreaterThanOrEqual(boardBytes);
});
