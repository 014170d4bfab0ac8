import { expect, test } from "./app.js";
import { canvasPoint, createNote, drawnNotes, offlineCopySettled, openBoard } from "./board.js";

/** Resolves once a service worker controls the page and has cached the app's shell. */
async function shellCached(page: import("@playwright/test").Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const cached = await Promise.all((await caches.keys()).map(async (name) => (await caches.open(name)).keys()));
        return cached.flat().some((request) => /board-page-.*\.js$/.test(request.url));
      }),
    )
    .toBe(true);
}

test("the app opens with the server down: the board from this browser's copy, the start page, an unseen board waits", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  await createNote(page, await canvasPoint(page, 0.3, 0.3), "Kept for the road");
  await offlineCopySettled(page, url);
  await shellCached(page);

  await app.stop();
  // Without the cached shell this reload is the browser's own error page (the server refuses the connection).
  await page.reload();
  await expect(page.getByTestId("board-canvas")).toBeVisible();
  await expect.poll(async () => (await drawnNotes(page)).map((n) => n.text)).toEqual(["Kept for the road"]);
  await expect(page.getByRole("status").filter({ hasText: "Offline" })).toBeVisible();

  // A board this browser has never opened: the app says it is waiting rather than failing.
  await page.goto(`${app.url}/b/${"x".repeat(21)}?token=unseen`);
  await expect(page.getByText("Waiting for the connection to load this board…")).toBeVisible();
  await page.goto(app.url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The server comes back: the board goes live and nothing was lost.
  await app.start();
  await page.goto(url);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await drawnNotes(page)).map((n) => n.text)).toEqual(["Kept for the road"]);
});
