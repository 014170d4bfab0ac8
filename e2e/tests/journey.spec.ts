import { DEFAULT_STAGES, listSegments, readCurve } from "@journeyboard/shared";
import { expect, test } from "./app.js";
import {
  createNote,
  drawnNotes,
  drawnStageOrder,
  emotionPoint,
  headerAt,
  joinAs,
  noteCenter,
  openBoard,
  stageHeaderEdge,
} from "./board.js";
import { firstMap, storedNotes, withBoard } from "./reader.js";

const STAGE_TITLES = DEFAULT_STAGES.map((s) => s.title);

test("one drags an emotion point and reorders stages while the other adds touchpoints; both see the same map and balance", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const ana = await joinAs(browser, url);
  const bo = await joinAs(browser, url);
  // Bo keeps the balance open while he works on the left of the map; Ana opens it at the end.
  await bo.keyboard.press("b");
  await expect(bo.getByRole("status", { name: "Verdict" })).toContainText("holds up");

  // Bo adds two touchpoints in "I shop" while Ana drags the "I install" point down to -3.
  const shop = await headerAt(bo, "I shop");
  const touchpoints = await headerAt(bo, "Touchpoints");
  const adding = (async () => {
    for (const dx of [20, 70]) {
      const id = await createNote(bo, { x: shop.x + dx, y: touchpoints.y + 20 }, `Price check ${dx}`);
      const c = await noteCenter(bo, id);
      await bo.mouse.click(c.x, c.y);
      await bo.getByRole("combobox", { name: "Kind" }).selectOption("touchpoint");
      await bo.getByRole("combobox", { name: "Channel" }).selectOption("web");
    }
  })();
  const install = await emotionPoint(ana, 5);
  await ana.mouse.move(install.x, install.y);
  await ana.mouse.down();
  await ana.mouse.move(install.x, install.y + 200, { steps: 10 });
  await ana.mouse.up();
  // ...and moves "I get help" to the front by dragging its header.
  const help = await headerAt(ana, "I get help");
  const need = await headerAt(ana, "I have a job to do / pain point");
  await ana.mouse.move(help.x + 30, help.y + 4);
  await ana.mouse.down();
  await ana.mouse.move(need.x + 5, help.y + 4, { steps: 12 });
  await ana.mouse.up();
  await adding;
  await ana.keyboard.press("b");

  const expectedOrder = ["I get help", ...STAGE_TITLES.filter((t) => t !== "I get help")];
  for (const page of [ana, bo]) {
    await expect.poll(() => drawnStageOrder(page, STAGE_TITLES)).toEqual(expectedOrder);
    await expect.poll(async () => (await drawnNotes(page)).filter((n) => n.fill === "#A5D8FF").length).toBe(2);
    await expect(page.getByRole("status", { name: "Verdict" })).toContainText(
      "fewer touchpoints per stage after the sale (0 against 0.5 before)",
    );
    await expect(page.getByRole("row", { name: /Typical customer/ })).toContainText("-3");
  }
  // Both draw the "I install" point at the same height, and the server holds -3 for it.
  const heights = await Promise.all([ana, bo].map(async (page) => (await emotionPoint(page, 6)).y));
  expect(Math.abs((heights[0] ?? 0) - (heights[1] ?? 1))).toBeLessThan(1);
  const stored = await withBoard(url, (doc) => {
    const map = firstMap(doc);
    return readCurve(map, listSegments(map)[0]?.id ?? "").map((p) => p.score);
  });
  expect(stored).toEqual([-3]);
  expect((await storedNotes(url)).filter((n) => n.kind === "touchpoint").map((n) => [n.stage, n.channel])).toEqual([
    ["I shop", "web"],
    ["I shop", "web"],
  ]);
});

test("deleting a stage from its menu moves its notes to the stage before it", async ({ app, page }) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const shop = await headerAt(page, "I shop");
  const pains = await headerAt(page, "Pain points");
  await createNote(page, { x: shop.x + 30, y: pains.y + 20 }, "Too many plans");
  page.on("dialog", (dialog) => {
    throw new Error(`a browser dialog opened: ${dialog.message()}`);
  });
  await page.mouse.click(shop.x + 30, shop.y + 4, { button: "right" });
  await page.getByRole("menuitem", { name: "Delete stage" }).click();
  const ask = page.getByRole("alertdialog", { name: 'Delete the stage "I shop"?' });
  await expect(ask).toContainText('Its notes move to "I am aware".');
  await ask.getByRole("button", { name: "Cancel" }).click();
  expect(await drawnStageOrder(page, STAGE_TITLES)).toContain("I shop");
  await page.mouse.click(shop.x + 30, shop.y + 4, { button: "right" });
  await page.getByRole("menuitem", { name: "Delete stage" }).click();
  await ask.getByRole("button", { name: "Delete stage" }).click();
  await expect
    .poll(() => storedNotes(url))
    .toEqual([expect.objectContaining({ text: "Too many plans", stage: "I am aware" })]);
  expect(await drawnStageOrder(page, STAGE_TITLES)).not.toContain("I shop");
});

test("crowd scoring: each participant scores privately; closing shows the group's mean and spread to all", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await joinAs(browser, url);
  const editor = await joinAs(browser, await app.linkFor(url, "editor"));
  const viewer = await joinAs(browser, await app.linkFor(url, "viewer"));
  await facilitator.keyboard.press("k");
  await facilitator.getByRole("button", { name: "Start scoring" }).click();

  await editor.getByRole("button", { name: "Score now" }).click();
  const mine = editor.getByRole("form", { name: "Your scores" });
  await mine.getByRole("group", { name: "I buy" }).getByText("+2").click();
  await mine.getByRole("group", { name: "I install" }).getByText("-3").click();
  // Alone in the round, Ed shares his scores by name; a lone private score would stay hidden.
  await mine.getByRole("checkbox", { name: /Show my scores under my name/ }).check();
  await expect(editor.getByText("Saved privately.")).toBeVisible();
  await expect(facilitator.getByText("1 person has scored.")).toBeVisible();
  // After a reload Ed is still the same participant: changing a score replaces his, it adds nobody.
  await editor.reload();
  await editor.getByRole("button", { name: "Score now" }).click();
  await mine.getByRole("group", { name: "I buy" }).getByText("+1").click();
  await expect(editor.getByText("Saved privately.")).toBeVisible();
  await expect(facilitator.getByText("1 person has scored.")).toBeVisible();
  // Viewers watch the round: no way to score is offered to them.
  await expect(viewer.getByText("facilitators and editors are scoring each stage")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Score now" })).toHaveCount(0);
  await viewer.keyboard.press("k");
  await expect(viewer.getByText("As a viewer you watch")).toBeVisible();
  await expect(viewer.getByRole("form", { name: "Your scores" })).toHaveCount(0);
  const bands = (page: typeof editor) =>
    page.evaluate(() => (window.Konva.stages[0]?.find(".crowd-band") ?? []).length);
  expect(await bands(facilitator)).toBe(0);
  expect(await bands(editor)).toBe(0);

  await facilitator.getByRole("button", { name: "Close the round and show the result" }).click();
  for (const page of [facilitator, editor]) await expect.poll(() => bands(page)).toBe(1);
  await facilitator.keyboard.press("k");
  await facilitator.keyboard.press("k");
  await expect(facilitator.getByRole("region", { name: "Results" })).toContainText("1 scored");
  await expect(editor.getByText("Crowd scoring is open")).toHaveCount(0);
});

test("a segment hidden from view dims the notes about it; notes about everyone stay", async ({ app, page }) => {
  await openBoard(page, await app.createBoard());
  await page.keyboard.press("g");
  await page.getByRole("button", { name: "Add segment" }).click();
  await expect(page.getByRole("region", { name: "Segment Segment 2" })).toBeVisible();
  const shop = await headerAt(page, "I shop");
  const actions = await headerAt(page, "Customer actions");
  const tagged = await createNote(page, { x: shop.x + 10, y: actions.y + 20 }, "Small business only");
  await createNote(page, { x: shop.x + 60, y: actions.y + 60 }, "Everyone");
  // Done with that note (a click on the empty board): its bar, just above it, covers the note before.
  await page.mouse.click(shop.x + 10, actions.y + 100);
  const c = await noteCenter(page, tagged);
  await page.mouse.click(c.x, c.y);
  await page.getByRole("button", { name: "Segment 2" }).click();
  await page.getByRole("region", { name: "Segment Segment 2" }).getByRole("checkbox", { name: "Show" }).uncheck();
  const opacity = () =>
    page.evaluate(() =>
      Object.fromEntries(
        (window.Konva.stages[0]?.find(".note") ?? []).map((n) => [
          n.findOne(".note-text").text(),
          (n as unknown as { opacity(): number }).opacity(),
        ]),
      ),
    );
  await expect.poll(opacity).toEqual({ "Small business only": 0.25, Everyone: 1 });
});

test("the future state starts as a copy of the current state, and the two compare stage by stage", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard());
  const install = await headerAt(page, "I install");
  const pains = await headerAt(page, "Pain points");
  await createNote(page, { x: install.x + 10, y: pains.y + 20 }, "Engineer no-show");
  // Done with the note: its bar, just above it, would cover the emotion lane.
  await page.keyboard.press("Escape");
  const now = await emotionPoint(page, 5);
  await page.mouse.move(now.x, now.y);
  await page.mouse.down();
  await page.mouse.move(now.x, now.y + 200, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.press("c");
  await page.getByRole("button", { name: "Duplicate this map as the future state" }).click();
  await expect(page.getByRole("button", { name: "Future state", exact: true })).toHaveAttribute("aria-current", "page");
  // In the future state, "I install" feels better and has a new note.
  await page.keyboard.press("c");
  const point = await emotionPoint(page, 5);
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  await page.mouse.move(point.x, point.y - 200, { steps: 8 });
  await page.mouse.up();
  const again = await headerAt(page, "I install");
  await createNote(page, { x: again.x + 60, y: pains.y + 60 }, "Book the install at checkout");
  await page.keyboard.press("c");
  const row = page.getByRole("table", { name: "Stage by stage" }).getByRole("row", { name: /I install/ });
  await expect(row).toContainText("1");
  await expect(row).toContainText("▲ +6");
});

test("a negative moment of truth shows on the curve of its stage, and a stage widens by its header's edge", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const install = await headerAt(page, "I install");
  const actions = await headerAt(page, "Customer actions");
  const id = await createNote(page, { x: install.x + 10, y: actions.y + 20 }, "Router arrives, no install date");
  const c = await noteCenter(page, id);
  await page.mouse.click(c.x, c.y);
  await page.getByRole("combobox", { name: "Kind" }).selectOption("moment-of-truth");
  await page.getByRole("combobox", { name: "Polarity" }).selectOption("negative");
  const curveTexts = () =>
    page.evaluate(() =>
      (window.Konva.stages[0]?.find(".emotion-curve") ?? []).flatMap((curve) =>
        (curve as unknown as { find(s: string): { text(): string }[] }).find("Text").map((t) => t.text()),
      ),
    );
  await expect.poll(async () => (await curveTexts()).some((t) => t.includes("⚡"))).toBe(true);
  // Done with the note: its bar, just above it, would cover the stage header.
  await page.keyboard.press("Escape");
  const edge = await stageHeaderEdge(page, "I install");
  const widths = () =>
    withBoard(url, (doc) =>
      [...(firstMap(doc).y.get("stages") as import("yjs").Map<import("yjs").Map<unknown>>).values()].map((s) => [
        s.get("title"),
        s.get("width"),
      ]),
    );
  await page.mouse.move(edge.x - 2, edge.y);
  await page.mouse.down();
  await page.mouse.move(edge.x + 60, edge.y, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => Object.fromEntries(await widths())["I install"]).toBeGreaterThan(400);
});

test("a browser that could not join when the board opened joins once the relay answers, and its scores count", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await joinAs(browser, url);
  await facilitator.keyboard.press("k");
  await facilitator.getByRole("button", { name: "Start scoring" }).click();
  const editor = await (await browser.newContext()).newPage();
  // The relay is restarting as the page opens: the request for a participant fails once.
  let refused = 0;
  await editor.route(
    "**/participants",
    (route) => {
      refused++;
      return route.abort();
    },
    { times: 1 },
  );
  await openBoard(editor, await app.linkFor(url, "editor"));
  expect(refused).toBe(1);
  await editor.getByRole("button", { name: "Score now" }).click();
  const mine = editor.getByRole("form", { name: "Your scores" });
  await mine.getByRole("checkbox", { name: /Show my scores under my name/ }).check();
  await mine.getByRole("group", { name: "I buy" }).getByText("+2").click();
  await expect(editor.getByText("Saved privately.")).toBeVisible();
  await expect(facilitator.getByText("1 person has scored.")).toBeVisible();
});

test("the two halves read apart at a glance; a sale line marks every change of phase, and a stage out of order is flagged", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard());
  const scene = () =>
    page.evaluate(() => {
      const stage = window.Konva.stages[0];
      const cells = (stage?.find("Rect") ?? []).map((r) => String(r.getAttr("fill")));
      return {
        saleLines: stage?.find(".sale-line").length ?? 0,
        flagged: (stage?.find(".phase-label") ?? []).map((t) => String(t.getAttr("text"))),
        cells,
      };
    });
  const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const { saleLines, cells } = await scene();
  expect(saleLines).toBe(1);
  // The cell tints of the two halves differ by more than a faint shade in some color channel.
  const tints = [...new Set(cells.filter((fill) => /^#E[0-9A-F]{5}$/i.test(fill)))].map(channels);
  const [pre, post] = tints;
  expect(Math.max(...[0, 1, 2].map((i) => Math.abs((pre?.[i] ?? 0) - (post?.[i] ?? 0))))).toBeGreaterThanOrEqual(8);

  const use = await headerAt(page, "I use");
  await page.mouse.click(use.x + 30, use.y + 4, { button: "right" });
  await page.getByRole("menuitem", { name: "Make it pre-sale" }).click();
  await expect.poll(async () => (await scene()).saleLines).toBe(3);
  expect((await scene()).flagged.filter((label) => label.includes("AFTER THE SALE"))).toHaveLength(1);
});

test("closing a round whose means would be withheld says which stages need how many more private scores, and asks first", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await joinAs(browser, url);
  const editor = await joinAs(browser, await app.linkFor(url, "editor"));
  await facilitator.keyboard.press("k");
  await facilitator.getByRole("button", { name: "Start scoring" }).click();
  await editor.getByRole("button", { name: "Score now" }).click();
  await editor.getByRole("form", { name: "Your scores" }).getByRole("group", { name: "I buy" }).getByText("-1").click();
  await expect(editor.getByText("Saved privately.")).toBeVisible();

  const withheld = facilitator.getByRole("region", { name: "Withheld if closed now" });
  await expect(withheld).toContainText("I buy: 2 more private scores needed");
  await facilitator.getByRole("button", { name: "Close the round and show the result" }).click();
  const confirm = facilitator.getByRole("alertdialog", { name: "Close the round?" });
  await confirm.getByRole("button", { name: "Keep scoring" }).click();
  await expect(facilitator.getByText("1 person has scored.")).toBeVisible();
  await facilitator.getByRole("button", { name: "Close the round and show the result" }).click();
  await confirm.getByRole("button", { name: "Close anyway" }).click();
  await expect(facilitator.getByRole("button", { name: "Start scoring" })).toBeVisible();
});

test("map tabs are renamed, moved and deleted (undo brings one back); a second copy is named apart", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard());
  await page.keyboard.press("c");
  const duplicate = page.getByRole("button", { name: "Duplicate this map as the future state" });
  const tabs = page.getByRole("navigation", { name: "Maps" });
  await duplicate.click();
  await tabs.getByRole("button", { name: "Current state" }).click();
  await duplicate.click();
  const titles = () => tabs.getByRole("button").allTextContents();
  await expect.poll(titles).toEqual(["Current state", "Future state", "Future state 2"]);

  await tabs.getByRole("button", { name: "Future state 2" }).dblclick();
  await page.getByRole("textbox", { name: "Map name" }).fill("Future state, bold");
  await page.keyboard.press("Enter");
  await tabs.getByRole("button", { name: "Future state, bold" }).click({ button: "right" });
  await page.getByRole("menu", { name: "Map" }).getByRole("menuitem", { name: "Move left" }).click();
  await expect.poll(titles).toEqual(["Current state", "Future state, bold", "Future state"]);

  await tabs.getByRole("button", { name: "Future state", exact: true }).click({ button: "right" });
  await page.getByRole("menu", { name: "Map" }).getByRole("menuitem", { name: "Delete map" }).click();
  await page
    .getByRole("alertdialog", { name: 'Delete the map "Future state"?' })
    .getByRole("button", { name: "Delete map" })
    .click();
  await expect.poll(titles).toEqual(["Current state", "Future state, bold"]);
  await page.keyboard.press("Control+z");
  await expect.poll(titles).toEqual(["Current state", "Future state, bold", "Future state"]);
});
