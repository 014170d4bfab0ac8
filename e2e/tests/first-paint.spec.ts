import { expect, test } from "./app.js";
import { openBoard } from "./board.js";

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
