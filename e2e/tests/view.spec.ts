import { expect, test } from "./app.js";
import { createNote, headerAt, openBoard, stageScale } from "./board.js";

test("a board opens readable, on the start of the journey; each participant's view comes back after a reload", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard(), { fit: false });
  expect(await stageScale(page)).toBe(1);
  const first = await headerAt(page, "I have a job to do / pain point");
  expect(first.x).toBeGreaterThan(0);
  expect(first.x).toBeLessThan(400);
  const touchpoints = await headerAt(page, "Touchpoints");
  await createNote(page, { x: first.x + 150, y: touchpoints.y + 60 }, "Readable at first sight");
  // The note's text, as drawn: its font size times the zoom, in screen pixels.
  const textPixels = await page.evaluate(() => {
    const stage = window.Konva.stages[0] as unknown as {
      scaleX(): number;
      find(selector: string): { text(): string; fontSize(): number }[];
    };
    const text = stage.find("Text").find((t) => t.text() === "Readable at first sight");
    return (text?.fontSize() ?? 0) * stage.scaleX();
  });
  expect(textPixels).toBeGreaterThanOrEqual(12);

  // Zoom out, move, switch to another map: a reload brings all of it back.
  await page.keyboard.press("-");
  await page.keyboard.press("c");
  await page.getByRole("button", { name: "Duplicate this map as the future state" }).click();
  await page.keyboard.press("Shift+1");
  await page.keyboard.press("+");
  const before = await page.evaluate(() => {
    const stage = window.Konva.stages[0] as unknown as { scaleX(): number; x(): number; y(): number };
    return { scale: stage.scaleX(), x: Math.round(stage.x()), y: Math.round(stage.y()) };
  });
  const tabs = page.getByRole("navigation", { name: "Maps" });
  await expect(tabs.getByRole("button", { name: "Future state" })).toHaveAttribute("aria-current", "page");
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("journeyboard:view:")));
  // The view is kept a moment after it settles: wait until the kept one is this one.
  await expect
    .poll(() =>
      page.evaluate((scale) => {
        const kept = Object.entries(localStorage).find(([k]) => k.startsWith("journeyboard:view:"))?.[1] ?? "{}";
        const views = (JSON.parse(kept) as { views?: Record<string, { scale: number }> }).views ?? {};
        return Object.values(views).some((v) => Math.abs(v.scale - scale) < 1e-9);
      }, before.scale),
    )
    .toBe(true);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(tabs.getByRole("button", { name: "Future state" })).toHaveAttribute("aria-current", "page");
  await expect
    .poll(() =>
      page.evaluate(() => {
        const stage = window.Konva.stages[0] as unknown as { scaleX(): number; x(): number; y(): number };
        return { scale: stage.scaleX(), x: Math.round(stage.x()), y: Math.round(stage.y()) };
      }),
    )
    .toEqual(before);
});

test("zoomed out, stage and lane titles stay readable and notes show a simple face; at 100 % the full note", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard());
  const touchpoints = await headerAt(page, "Touchpoints");
  const shop = await headerAt(page, "I shop");
  await createNote(page, { x: shop.x + 30, y: touchpoints.y + 20 }, "Compares three plans");
  const drawn = () =>
    page.evaluate(() => {
      const stage = window.Konva.stages[0] as unknown as {
        scaleX(): number;
        find(selector: string): {
          fontSize(): number;
          isVisible(): boolean;
          text(): string;
          textArr?: { text: string }[];
        }[];
      };
      const px = (selector: string) =>
        stage.find(selector).map((t) => ({ px: t.fontSize() * stage.scaleX(), shown: t.isVisible() }));
      return {
        scale: stage.scaleX(),
        stageTitles: px(".stage-title"),
        laneTitles: px(".lane-title"),
        faces: px(".note-face"),
        faceLines: stage.find(".note-face").flatMap((t) => (t.textArr ?? []).map((line) => line.text)),
        texts: px(".note-text"),
        curveNames: px(".curve-name"),
        scaleLabels: px(".emotion-axis-label").filter((label) => label.shown),
      };
    });
  const out = await drawn();
  expect(out.scale).toBeLessThan(0.5);
  for (const title of out.stageTitles) expect(title.px).toBeGreaterThanOrEqual(11.9);
  // A lane title reads at 10 px at least: zoomed out, its column is drawn wide enough for its longest word.
  for (const title of out.laneTitles) expect(title.px).toBeGreaterThanOrEqual(9.9);
  // The face's first words, as large as fits them unbroken (12 px at most, 7 at least).
  expect(out.faces).toEqual([{ px: expect.any(Number), shown: true }]);
  expect(out.faces[0]?.px).toBeGreaterThanOrEqual(6.9);
  expect(out.faces[0]?.px).toBeLessThanOrEqual(12.1);
  const words = new Set("Compares three plans".split(" "));
  // No word is broken across lines (the ellipsis may cut the last word shown).
  for (const line of out.faceLines) {
    const shown = line.split(" ").filter(Boolean);
    if (line.endsWith("…")) shown.pop();
    for (const word of shown) expect(words.has(word), `"${word}" in ${JSON.stringify(out.faceLines)}`).toBe(true);
  }
  // The emotion curve's name and the scale's ends and neutral read at 9 px or more.
  expect(out.curveNames.length).toBeGreaterThan(0);
  for (const name of out.curveNames) expect(name.px).toBeGreaterThanOrEqual(9.9);
  expect(out.scaleLabels.length).toBe(3);
  for (const label of out.scaleLabels) expect(label.px).toBeGreaterThanOrEqual(8.9);
  expect(out.texts.map((t) => t.shown)).toEqual([false]);

  await page.keyboard.press("Shift+0");
  await expect.poll(async () => (await drawn()).scale).toBe(1);
  const near = await drawn();
  expect(near.faces.map((f) => f.shown)).toEqual([false]);
  expect(near.texts).toEqual([{ px: 15, shown: true }]);
});

test("an open side panel takes its room from the canvas: the note bar and the zoom controls are never under it", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard());
  const shop = await headerAt(page, "I shop");
  const touchpoints = await headerAt(page, "Touchpoints");
  await createNote(page, { x: shop.x + 30, y: touchpoints.y + 20 }, "Selected while the panel is open");
  const note = (await page.evaluate(() => {
    const n = (window.Konva.stages[0]?.find(".note") ?? [])[0];
    return n ? n.getClientRect() : null;
  })) as { x: number; y: number; width: number; height: number } | null;
  if (!note) throw new Error("the note is drawn");
  const canvasBox = await page.getByTestId("board-canvas").boundingBox();
  await page.mouse.click((canvasBox?.x ?? 0) + note.x + note.width / 2, (canvasBox?.y ?? 0) + note.y + note.height / 2);
  await page.keyboard.press("b");
  const panel = await page.getByRole("complementary", { name: "Pre-sale / post-sale balance" }).boundingBox();
  const bar = await page.getByRole("toolbar", { name: "Selected notes" }).boundingBox();
  const zoom = await page.getByRole("button", { name: "Zoom in" }).boundingBox();
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  if (!panel || !bar || !zoom || !canvas) throw new Error("everything is on screen");
  expect(bar.x + bar.width).toBeLessThanOrEqual(panel.x);
  expect(zoom.x + zoom.width).toBeLessThanOrEqual(panel.x);
  expect(canvas.x + canvas.width).toBeLessThanOrEqual(panel.x + 1);
  await page.keyboard.press("b");
  await expect(page.getByRole("complementary")).toHaveCount(0);
  expect((await page.getByTestId("board-canvas").boundingBox())?.width).toBeGreaterThan(canvas.width);
});
