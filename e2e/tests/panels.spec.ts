import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { createNote, dragBy, headerAt, noteBox, noteCenter, openBoard, stageScale } from "./board.js";

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} is not on screen`);
  return found;
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Where the canvas is drawn: its position and zoom, as Konva draws it. */
function stageView(page: Page): Promise<{ x: number; y: number; scale: number }> {
  return page.evaluate(() => {
    const stage = window.Konva.stages[0] as unknown as { x(): number; y(): number; scaleX(): number };
    return { x: stage.x(), y: stage.y(), scale: stage.scaleX() };
  });
}

test("the minimap shows the whole map and the view; dragging its view, or pressing on it, pans the board; M hides and shows it", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard(), { fit: false });
  const minimap = page.getByTestId("minimap");
  const view = page.getByTestId("minimap-view");
  const canvas = await box(page.getByTestId("board-canvas"));
  const map = await box(minimap);
  // Bottom right of the canvas, clear of the zoom controls.
  expect(map.x + map.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(map.y + map.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  expect(map.x).toBeGreaterThan(canvas.x + canvas.width / 2);
  expect(overlap(map, await box(page.getByRole("group", { name: "Zoom" })))).toBe(false);

  // At 100 % the view is a small part of the map: its rectangle sits inside the minimap.
  const before = await stageView(page);
  const rect = await box(view);
  expect(rect.width).toBeLessThan(map.width / 2);
  // Dragging the view's rectangle right and down moves the board left and up, by as much on the board.
  const from = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  await dragBy(page, from, 40, 20);
  const after = await stageView(page);
  // One minimap pixel is this many screen pixels of the board at this zoom.
  const screenPerMinimapPixel = canvas.width / rect.width;
  expect(after.scale).toBe(before.scale);
  expect((before.x - after.x) / (40 * screenPerMinimapPixel)).toBeCloseTo(1, 1);
  expect((before.y - after.y) / (20 * screenPerMinimapPixel)).toBeCloseTo(1, 1);

  // Pressing elsewhere on the minimap centres the view on that spot of the map. The minimap may have
  // rescaled once the drag ended (it shows the map and the view whole): read it once it is drawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const moved = await box(view);
  const target = { x: Math.round(map.x + map.width * 0.85), y: Math.round(map.y + map.height * 0.6) };
  const boardPerMinimapPixel = canvas.width / after.scale / moved.width;
  const boardTarget = {
    x: -after.x / after.scale + (target.x - moved.x) * boardPerMinimapPixel,
    y: -after.y / after.scale + (target.y - moved.y) * boardPerMinimapPixel,
  };
  await page.mouse.click(target.x, target.y);
  const centred = await stageView(page);
  expect(Math.abs((canvas.width / 2 - centred.x) / centred.scale - boardTarget.x)).toBeLessThan(boardPerMinimapPixel);
  expect(Math.abs((canvas.height / 2 - centred.y) / centred.scale - boardTarget.y)).toBeLessThan(boardPerMinimapPixel);

  // M hides it, the button beside the zoom shows it again; the choice survives a reload.
  const toggle = page.getByRole("button", { name: "Show or hide the minimap" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("m");
  await expect(minimap).toHaveCount(0);
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(minimap).toHaveCount(0);
  await toggle.click();
  await expect(minimap).toBeVisible();

  // With a side panel open it stays left of the panel.
  await page.keyboard.press("b");
  const panel = await box(page.getByRole("complementary", { name: "Pre-sale / post-sale balance" }));
  const beside = await box(minimap);
  expect(beside.x + beside.width).toBeLessThanOrEqual(panel.x);
  expect(overlap(beside, await box(page.getByRole("group", { name: "Zoom" })))).toBe(false);
});

test("panning within the map moves only the minimap's view rectangle: its picture of the map is not painted again", async ({
  app,
  page,
}) => {
  // Counts what is drawn onto the minimap's own canvas.
  await page.addInitScript(() => {
    const draw = CanvasRenderingContext2D.prototype.drawImage;
    const counted = window as unknown as { __minimapDraws: number };
    counted.__minimapDraws = 0;
    CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (this.canvas.closest?.(".minimap")) counted.__minimapDraws += 1;
      return (draw as (...a: unknown[]) => void).apply(this, args);
    };
  });
  await openBoard(page, await app.createBoard(), { fit: false });
  const view = page.getByTestId("minimap-view");
  const draws = () => page.evaluate(() => (window as unknown as { __minimapDraws: number }).__minimapDraws);
  await page.mouse.move(500, 400);
  // Well inside the map first: a view that reaches past the map's edge moves the overview's frame.
  for (let step = 0; step < 10; step++) await page.mouse.wheel(40, 30);
  const twoFrames = () =>
    page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect
    .poll(async () => {
      const seen = await draws();
      await twoFrames();
      return seen > 0 && (await draws()) === seen;
    })
    .toBe(true);
  const before = await draws();
  const from = await box(view);
  for (let step = 0; step < 6; step++) await page.mouse.wheel(20, 10);
  await expect.poll(async () => (await box(view)).x).toBeGreaterThan(from.x);
  expect(await draws()).toBe(before);
});

test("the note bar is never under a side panel nor over the note it edits, at the right edge and at the top", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard(), { fit: false });
  await page.keyboard.press("b");
  const panelBox = await box(page.getByRole("complementary", { name: "Pre-sale / post-sale balance" }));
  const canvas = await box(page.getByTestId("board-canvas"));
  const touchpoints = await headerAt(page, "Touchpoints");
  // A note whose right edge is at the canvas's, just left of the open panel.
  const id = await createNote(page, { x: canvas.x + canvas.width - 90, y: touchpoints.y + 70 }, "Near the panel");
  const bar = page.getByRole("toolbar", { name: "Selected notes" });
  const check = async (where: string) => {
    const c = await noteCenter(page, id);
    await page.mouse.click(c.x, c.y);
    await expect(bar).toBeVisible();
    const note = await noteBox(page, id);
    const placed = await box(bar);
    expect(overlap(placed, panelBox), `${where}: the bar is under the panel`).toBe(false);
    expect(overlap(placed, note), `${where}: the bar covers the note`).toBe(false);
    expect(placed.x).toBeGreaterThanOrEqual(canvas.x);
    expect(placed.x + placed.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(placed.y).toBeGreaterThanOrEqual(canvas.y);
    return { note, placed };
  };
  const right = await check("right edge");
  expect(right.placed.y + right.placed.height).toBeLessThanOrEqual(right.note.y);

  // Pan the board up (drag an empty spot of the same lane) until the note touches the canvas's top edge:
  // the bar goes below it.
  await dragBy(page, { x: canvas.x + 260, y: touchpoints.y + 70 }, 0, -(right.note.y - canvas.y - 4));
  const top = await check("top edge");
  expect(top.note.y).toBeLessThan(canvas.y + 20);
  expect(top.placed.y).toBeGreaterThanOrEqual(top.note.y + top.note.height);
});

/** Elements of a side panel wider than it, or sticking out of it, or cells whose content is cut. */
function overflowing(page: Page, name: string): Promise<string[]> {
  return page.getByRole("complementary", { name }).evaluate((panel) => {
    const edge = panel.getBoundingClientRect();
    const found: string[] = [];
    const named = (el: Element) => `<${el.tagName.toLowerCase()}> "${(el.textContent ?? "").slice(0, 40)}"`;
    if (panel.scrollWidth > panel.clientWidth) found.push(`the panel scrolls sideways (${panel.scrollWidth} px)`);
    for (const el of Array.from(panel.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest("svg") !== null || el.tagName === "OPTION") continue;
      if (r.left < edge.left - 0.5 || r.right > edge.right + 0.5) found.push(`${named(el)} sticks out`);
      const cell =
        el instanceof HTMLElement && ["TD", "TH", "BUTTON", "LABEL", "LEGEND", "P", "STRONG"].includes(el.tagName);
      if (cell && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) found.push(`${named(el)} is cut`);
    }
    return found;
  });
}

test("side panels wrap long names and wide tables instead of cutting them", async ({ app, page }) => {
  await openBoard(page, await app.createBoard());
  const longName = "Supercalifragilisticexpialidocious-enterprise-customers";
  // Long segment names: one without a space, one of many words.
  await page.keyboard.press("g");
  for (const name of [longName, "Small business owners who run their whole shop from a phone"]) {
    await page.getByRole("button", { name: "Add segment" }).click();
    await page.getByRole("textbox", { name: "Segment name" }).last().fill(name);
    await page.keyboard.press("Enter");
  }
  await expect(page.getByRole("region", { name: `Segment ${longName}` })).toBeVisible();
  expect.soft(await overflowing(page, "Segments")).toEqual([]);

  // A long map name, and the comparison table with a column per segment.
  await page.keyboard.press("c");
  await page.getByRole("button", { name: "Duplicate this map as the future state" }).click();
  const tabs = page.getByRole("navigation", { name: "Maps" });
  await tabs.getByRole("button", { name: "Future state" }).dblclick();
  await page
    .getByRole("textbox", { name: "Map name" })
    .fill("The future state once the self-service installation kit ships");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("table", { name: "Stage by stage" })).toBeVisible();
  expect.soft(await overflowing(page, "Compare maps")).toEqual([]);

  await page.keyboard.press("b");
  expect.soft(await overflowing(page, "Pre-sale / post-sale balance")).toEqual([]);

  // A long participant name, shown where they choose to share their scores.
  await page.getByRole("button", { name: /\(you\)/ }).click();
  await page.getByRole("textbox", { name: "Your name" }).fill("Maximiliana Oppenheimer-Wittgenstein");
  await page.keyboard.press("Enter");
  await page.keyboard.press("k");
  await page.getByRole("combobox", { name: "Segment to score" }).selectOption({ label: longName });
  expect.soft(await overflowing(page, "Crowd scoring")).toEqual([]);
  await page.getByRole("button", { name: "Start scoring" }).click();
  await expect(page.getByRole("form", { name: "Your scores" })).toContainText("Oppenheimer-Wittgenstein");
  expect.soft(await overflowing(page, "Crowd scoring")).toEqual([]);

  for (const [key, name] of [
    ["l", "Legend"],
    ["?", "Keyboard shortcuts"],
  ] as const) {
    await page.keyboard.press(key);
    expect.soft(await overflowing(page, name)).toEqual([]);
  }
});

test("at 33 % zoom, lane titles wrap between words and never break one", async ({ app, page }) => {
  await openBoard(page, await app.createBoard(), { fit: false });
  for (let i = 0; i < 6; i++) await page.keyboard.press("-");
  await expect.poll(() => stageScale(page)).toBeCloseTo(0.335, 2);
  const titles = await page.evaluate(() =>
    (window.Konva.stages[0]?.find(".lane-title") ?? []).map((node) => {
      const text = node as unknown as { text(): string; width(): number; textArr: { text: string; width: number }[] };
      return { title: text.text(), width: text.width(), lines: text.textArr };
    }),
  );
  expect(titles.map((t) => t.title)).toContain("Opportunities");
  for (const { title, width, lines } of titles) {
    const words = lines.flatMap((line) => line.text.split(/\s+/).filter(Boolean));
    expect(words, `"${title}" drawn as ${JSON.stringify(lines.map((l) => l.text))}`).toEqual(
      title.split(/\s+/).filter(Boolean),
    );
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(width);
  }
});

test("the walk-through bar, banners, minimap and zoom at the foot of the canvas are on screen and never cover each other, with or without a panel", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openBoard(page, url);
  await page.keyboard.press("p");
  await page.getByRole("button", { name: "Start on the whole map" }).click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("w");
  await page.getByRole("button", { name: "Start the walk-through" }).click();
  const parts = {
    walk: page.locator(".walkthrough-bar"),
    banner: page.getByText("Private writing: your new notes are visible only to you"),
    minimap: page.locator(".minimap"),
    zoom: page.getByRole("group", { name: "Zoom" }),
  };
  for (const panelOpen of [true, false]) {
    if (!panelOpen) await page.keyboard.press("Escape");
    // All of it on the screen, and every tool reachable without scrolling at this laptop size.
    const zoom = await box(parts.zoom);
    expect(zoom.y + zoom.height).toBeLessThanOrEqual(800);
    const help = await box(page.getByRole("button", { name: "Keyboard shortcuts" }));
    expect(help.y + help.height).toBeLessThanOrEqual(800);
    for (const part of Object.values(parts)) await expect(part).toBeVisible();
    const boxes = Object.entries(parts).map(async ([name, part]) => ({ name, at: await box(part) }));
    const placed = await Promise.all(boxes);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) {
        expect(overlap(a.at, b.at), `${a.name} covers ${b.name} (panel open: ${panelOpen})`).toBe(false);
      }
    }
  }
});
