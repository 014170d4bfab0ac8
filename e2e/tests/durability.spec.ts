import { expect, test } from "./app.js";
import { canvasPoint, createNote, drawnNotes, joinAs, offlineCopySettled, openBoard } from "./board.js";

test.describe("nothing is lost", () => {
  test("a reload keeps everything", async ({ app, page }) => {
    const url = await app.createBoard();
    await openBoard(page, url);
    await createNote(page, await canvasPoint(page, 0.3, 0.3), "Pricing is unclear");
    await page.getByRole("textbox", { name: "Board title" }).fill("Broadband journey");
    await page.keyboard.press("Enter");
    await page.reload();
    await openBoard(page, url);
    expect((await drawnNotes(page)).map((n) => n.text)).toEqual(["Pricing is unclear"]);
    await expect(page.getByRole("textbox", { name: "Board title" })).toHaveValue("Broadband journey");
  });

  test("a server crash and restart keeps everything anyone had seen", async ({ app, browser }) => {
    const url = await app.createBoard();
    const ana = await joinAs(browser, url);
    const bo = await joinAs(browser, url);
    for (const [i, text] of ["Need", "Shop", "Install"].entries()) {
      await createNote(ana, await canvasPoint(ana, 0.2 + 0.2 * i, 0.4), text);
    }
    await expect.poll(async () => (await drawnNotes(bo)).length).toBe(3);
    await app.stop("SIGKILL");
    await app.start();
    // A fresh browser (no offline copy) gets everything from the restarted server.
    const carol = await joinAs(browser, url);
    // Live means synced; the canvas draws the synced notes a frame later.
    await expect
      .poll(async () => (await drawnNotes(carol)).map((n) => n.text).sort())
      .toEqual(["Install", "Need", "Shop"]);
  });

  test("an edit made while the server is down reaches the other participant once it is back", async ({
    app,
    browser,
  }) => {
    const url = await app.createBoard();
    const ana = await joinAs(browser, url);
    const bo = await joinAs(browser, url);
    await app.stop();
    await expect(ana.getByRole("status").filter({ hasText: /Offline|Connecting/ })).toBeVisible();
    await createNote(ana, await canvasPoint(ana, 0.5, 0.5), "Written offline");
    await expect(ana.getByRole("status").filter({ hasText: "Offline · unsent changes" })).toBeVisible();
    await app.start();
    await expect(ana.getByRole("status").filter({ hasText: "Live" })).toBeVisible({ timeout: 15_000 });
    await expect
      .poll(async () => (await drawnNotes(bo)).map((n) => n.text), { timeout: 15_000 })
      .toEqual(["Written offline"]);
  });

  test("edits made offline survive closing the tab, and reach everyone when the server is back", async ({
    app,
    browser,
  }) => {
    const url = await app.createBoard();
    const context = await browser.newContext();
    const ana = await context.newPage();
    await openBoard(ana, url);
    await app.stop();
    await createNote(ana, await canvasPoint(ana, 0.3, 0.3), "Kept in this browser");
    await expect(ana.getByRole("status").filter({ hasText: "Offline · unsent changes" })).toBeVisible();
    await offlineCopySettled(ana, url);
    await ana.close();
    await app.start();
    // Reopened in the same browser, the offline copy holds the edit and sends it to the server.
    const again = await context.newPage();
    await openBoard(again, url);
    expect((await drawnNotes(again)).map((n) => n.text)).toEqual(["Kept in this browser"]);
    const bo = await joinAs(browser, url);
    await expect.poll(async () => (await drawnNotes(bo)).map((n) => n.text)).toEqual(["Kept in this browser"]);
  });

  test("a reload that loads the offline copy shows no unsent changes; an edit before the relay answers does", async ({
    app,
    browser,
  }) => {
    const url = await app.createBoard();
    const context = await browser.newContext();
    const ana = await context.newPage();
    await openBoard(ana, url);
    await createNote(ana, await canvasPoint(ana, 0.3, 0.3), "Sent before the reload");
    await offlineCopySettled(ana, url);
    // After the reload the relay does not answer until the test lets it: the board comes from the offline copy.
    let answer = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    await context.routeWebSocket(/./, async (socket) => {
      await answered;
      socket.connectToServer();
    });
    await ana.reload();
    await expect.poll(async () => (await drawnNotes(ana)).map((n) => n.text)).toEqual(["Sent before the reload"]);
    await expect(ana.getByRole("status")).toHaveText("Connecting…");
    await createNote(ana, await canvasPoint(ana, 0.6, 0.3), "Written before the relay answered");
    await expect(ana.getByRole("status")).toHaveText("Offline · unsent changes");
    answer();
    await expect(ana.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    const bo = await joinAs(browser, url);
    await expect
      .poll(async () => (await drawnNotes(bo)).map((n) => n.text).sort())
      .toEqual(["Sent before the reload", "Written before the relay answered"]);
  });

  test("Live turns Offline within seconds when the network drops or the link goes silent; edits meanwhile stay unsent until stored", async ({
    app,
    browser,
  }) => {
    const url = await app.createBoard();
    const context = await browser.newContext();
    const ana = await context.newPage();
    await openBoard(ana, url);
    const status = ana.getByRole("status").filter({ hasText: /Live|Offline|Connecting/ });
    await context.setOffline(true);
    const dropped = Date.now();
    await expect(status).toHaveText(/Offline/, { timeout: 5000 });
    console.log(`offline shown ${Date.now() - dropped} ms after the network dropped`);
    await createNote(ana, await canvasPoint(ana, 0.3, 0.3), "Written offline");
    await expect(status).toHaveText("Offline · unsent changes");
    await context.setOffline(false);
    await expect(status).toHaveText("Live", { timeout: 15_000 });
    const bo = await joinAs(browser, url);
    await expect.poll(async () => (await drawnNotes(bo)).map((n) => n.text)).toEqual(["Written offline"]);

    // A link that stays open but carries nothing (a dead proxy, a sleeping laptop's Wi-Fi) is noticed too.
    const silent = await browser.newContext();
    let cut = false;
    await silent.routeWebSocket(/./, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => {
        if (!cut) server.send(message);
      });
      server.onMessage((message) => {
        if (!cut) socket.send(message);
      });
    });
    const cy = await silent.newPage();
    await openBoard(cy, url);
    cut = true;
    const silenced = Date.now();
    await expect(cy.getByRole("status").filter({ hasText: /Live|Offline|Connecting/ })).not.toHaveText("Live", {
      timeout: 12_000,
    });
    console.log(`a silent link left "Live" ${Date.now() - silenced} ms after it went quiet`);
  });
});
