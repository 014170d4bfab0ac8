import { expect, test } from "./app.js";
import { canvasPoint, createNote, drawnNotes, joinAs, measured, openBoard, REACH } from "./board.js";

test("a facilitator invites a viewer, who sees the board live but cannot change it", async ({ app, browser }) => {
  const url = await app.createBoard();
  const facilitator = await joinAs(browser, url);
  await facilitator.getByRole("button", { name: "Share" }).click();
  await facilitator.getByRole("button", { name: "Make viewer link" }).click();
  const viewerUrl = await facilitator.getByRole("textbox", { name: "Viewers' link" }).inputValue();
  expect(viewerUrl).toContain("?token=v1.");

  const viewer = await joinAs(browser, viewerUrl);
  await expect(viewer.getByText("View only")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Undo" })).toBeDisabled();
  await expect(viewer.getByRole("button", { name: "Sticky note" })).toBeDisabled();
  await viewer.mouse.dblclick(...(Object.values(await canvasPoint(viewer, 0.5, 0.5)) as [number, number]));
  await expect(viewer.getByRole("textbox", { name: "Note text" })).toHaveCount(0);
  // The viewer is told why nothing happened, and again when they reach for the note tool's key.
  const hint = viewer.getByRole("status").filter({ hasText: "ask its facilitator for an editor link" });
  await expect(hint).toBeVisible();
  await expect(hint).toBeHidden({ timeout: 10_000 });
  await viewer.keyboard.press("n");
  await expect(hint).toBeVisible();
  expect(await drawnNotes(viewer)).toEqual([]);

  await createNote(facilitator, await canvasPoint(facilitator, 0.4, 0.4), "Seen by the viewer");
  await measured("the facilitator's note reached the viewer", () =>
    expect.poll(async () => (await drawnNotes(viewer)).map((n) => n.text), REACH).toEqual(["Seen by the viewer"]),
  );
});

test("withdrawing the editors' links shows every editor why they were disconnected", async ({ app, browser }) => {
  const url = await app.createBoard();
  const editor = await joinAs(browser, await app.linkFor(url, "editor"));
  const facilitator = await joinAs(browser, url);
  // The app asks in its own dialog: a browser dialog would fail the test.
  facilitator.on("dialog", (dialog) => {
    throw new Error(`a browser dialog opened: ${dialog.message()}`);
  });
  await facilitator.getByRole("button", { name: "Share" }).click();
  // The panel reads in order: the links people send, then the facilitator's own, then withdrawing, apart.
  const share = facilitator.getByRole("dialog", { name: "Share this board" });
  expect(
    await share.getByRole("region").evaluateAll((regions) => regions.map((r) => r.getAttribute("aria-label"))),
  ).toEqual(["Invite editors", "Invite viewers", "Your facilitator link", "Withdraw links"]);
  await expect(
    share.getByRole("region", { name: "Invite editors" }).getByRole("button", { name: /Withdraw/ }),
  ).toHaveCount(0);
  await share
    .getByRole("region", { name: "Withdraw links" })
    .getByRole("button", { name: "Withdraw all editor links" })
    .click();
  await facilitator
    .getByRole("alertdialog", { name: "Withdraw every editor link?" })
    .getByRole("button", { name: "Withdraw all" })
    .click();
  await measured("the withdrawal reached the editor", () =>
    expect(editor.getByRole("alert")).toContainText("The facilitator has withdrawn this link", REACH),
  );
  await expect(facilitator.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
});

test("a browser showing a participant key the server never issued is told why, and joins afresh on reload", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("journeyboard:participant:")),
  );
  expect(kept).toHaveLength(1);
  // A credential of the right shape that the relay did not sign.
  await page.evaluate((key) => localStorage.setItem(key, "p1.AAAAAAAAAAAAAAAAAAAAAA.bm90LXNpZ25lZA"), kept[0] ?? "");
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("did not recognise this browser on this board");
  await openBoard(page, url);
  const renewed = await page.evaluate((key) => localStorage.getItem(key), kept[0] ?? "");
  expect(renewed).toMatch(/^p1\.[\w-]{22}\.[\w-]{43}$/);
});

test("no user text is ever run as HTML, and the app runs within its Content-Security-Policy", async ({ app, page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  const payload = `<img src=x onerror="window.__hacked=1">`;
  await page.addInitScript((name) => localStorage.setItem("journeyboard:name", name), payload);
  await openBoard(page, await app.createBoard());
  await createNote(page, await canvasPoint(page, 0.4, 0.4), payload);
  const title = page.getByRole("textbox", { name: "Board title" });
  await title.fill(payload);
  await title.press("Enter");
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("button", { name: "Make editor link" }).click();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Board title" })).toHaveValue(payload);
  expect((await drawnNotes(page)).map((n) => n.text)).toEqual([payload]);
  expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBeUndefined();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(violations).toEqual([]);
});
