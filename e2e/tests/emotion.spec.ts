import { addSegment, listSegments, listStages, readCurve, setEmotion } from "@journeyboard/shared";
import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { openBoard, stageScale } from "./board.js";
import { firstMap, withBoard } from "./reader.js";

/** The board height of one step of the emotion scale (a lane of the initial height, see curves.ts). */
const STEP = (200 - 2 * 28) / 6;

interface Drawn {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a node of the canvas is drawn, relative to the canvas (CSS pixels), by name and optional id. */
function drawn(page: Page, name: string, id?: string): Promise<Drawn[]> {
  return page.evaluate(
    ([selector, wanted]) =>
      (window.Konva.stages[0]?.find(selector) ?? [])
        .filter((n) => wanted === undefined || n.id() === wanted)
        .map((n) => n.getClientRect()),
    [`.${name}`, id] as const,
  );
}

/** The centre of a segment's point at a stage, on the page. */
async function pointOnPage(page: Page, segmentId: string, stageId: string): Promise<{ x: number; y: number }> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const [rect] = await drawn(page, "emotion-point", `${segmentId}:${stageId}`);
  if (!canvas || !rect) throw new Error(`no point ${segmentId}:${stageId}`);
  return { x: canvas.x + rect.x + rect.width / 2, y: canvas.y + rect.y + rect.height / 2 };
}

/** The texts of the canvas's Text nodes with this name. */
function texts(page: Page, name: string): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      (window.Konva.stages[0]?.find(selector) ?? []).map((t) => (t as unknown as { text(): string }).text()),
    `.${name}`,
  );
}

/** A second segment, "Returning customer", scored like the first at the third stage (+1): their points overlap. */
async function overlappingCurves(url: string) {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    const stage = listStages(map)[2]?.id ?? "";
    const first = listSegments(map)[0]?.id ?? "";
    const second = addSegment(map, {
      name: "Returning customer",
      color: "#E8590C",
      description: "",
      valueTier: "high",
    });
    setEmotion(map, first, stage, 1);
    setEmotion(map, second, stage, 1);
    return { stage, first, second };
  });
}

function scoresAt(url: string, stageId: string): Promise<number[]> {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    return listSegments(map).map((s) => readCurve(map, s.id).find((p) => p.stageId === stageId)?.score ?? 0);
  });
}

async function drag(page: Page, from: { x: number; y: number }, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + dy, { steps: 10 });
  await page.mouse.up();
}

test("the point of the chosen segment is dragged when curves overlap", async ({ app, page }) => {
  const url = await app.createBoard();
  const { stage, first, second } = await overlappingCurves(url);
  await openBoard(page, url);
  await page.keyboard.press("g");
  const choose = (name: string) =>
    page.getByRole("region", { name: `Segment ${name}` }).getByRole("button", { name: "Choose this curve" });
  // Same score, same stage: the two points stand side by side, both in sight, never on top of one another.
  const a = await pointOnPage(page, first, stage);
  const b = await pointOnPage(page, second, stage);
  expect(Math.abs(a.y - b.y)).toBeLessThan(1);
  expect(Math.abs(a.x - b.x)).toBeGreaterThan(5);
  const shared = { x: (a.x + b.x) / 2, y: a.y };
  const step = STEP * (await stageScale(page));

  await choose("Returning customer").click();
  await expect(choose("Returning customer")).toHaveAttribute("aria-pressed", "true");
  // Hovering the shared spot says whose point a press takes there.
  await page.mouse.move(shared.x, shared.y);
  await expect.poll(() => texts(page, "emotion-point-tip")).toEqual(["Returning customer · +1 · pleased"]);
  await drag(page, shared, -2 * step);
  await expect.poll(() => scoresAt(url, stage)).toEqual([1, 3]);

  // One undo takes the drag back: the two points overlap again.
  await page.keyboard.press("Control+z");
  await expect.poll(() => scoresAt(url, stage)).toEqual([1, 1]);

  await choose("Typical customer").click();
  await expect(choose("Returning customer")).toHaveAttribute("aria-pressed", "false");
  await expect(choose("Typical customer")).toHaveAttribute("aria-pressed", "true");
  await page.mouse.move(shared.x, shared.y - 3 * step);
  await page.mouse.move(shared.x, shared.y);
  await expect.poll(() => texts(page, "emotion-point-tip")).toEqual(["Typical customer · +1 · pleased"]);
  await drag(page, shared, 3 * step);
  await expect.poll(() => scoresAt(url, stage)).toEqual([-2, 1]);
});

test("hovering a point says whose it is; dragging it shows its value in the scale's words, and one undo takes the drag back", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const [segment, install] = await withBoard(url, (doc) => {
    const map = firstMap(doc);
    return [listSegments(map)[0]?.id ?? "", listStages(map)[5]?.id ?? ""];
  });
  const point = await pointOnPage(page, segment, install);
  await page.mouse.move(point.x, point.y);
  await expect.poll(() => texts(page, "emotion-point-tip")).toEqual(["Typical customer · not scored yet"]);

  const step = STEP * (await stageScale(page));
  await page.mouse.down();
  await page.mouse.move(point.x, point.y + step, { steps: 5 });
  await expect.poll(() => texts(page, "emotion-drag-value")).toEqual(["−1 · annoyed"]);
  // While dragging, the value shows, not the hover label.
  expect(await texts(page, "emotion-point-tip")).toEqual([]);
  await page.mouse.move(point.x, point.y + 2 * step, { steps: 5 });
  await expect.poll(() => texts(page, "emotion-drag-value")).toEqual(["−2 · frustrated"]);
  await page.mouse.up();
  await expect.poll(() => texts(page, "emotion-drag-value")).toEqual([]);
  await expect.poll(() => scoresAt(url, install)).toEqual([-2]);

  await page.mouse.move(10, 10);
  await page.keyboard.press("Control+z");
  await expect.poll(() => withBoard(url, (doc) => readCurve(firstMap(doc), segment))).toEqual([]);
});

test("the scale's labels stay at the left edge of the view, beside the lane headers, whatever the pan", async ({
  app,
  page,
}) => {
  await openBoard(page, await app.createBoard(), { fit: false });
  const box = await page.getByTestId("board-canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const scale = await stageScale(page);
  const stageHeaderX = async () => (await drawn(page, "stage-title"))[0]?.x ?? 0;
  // Down to the emotion lane, then further and further along the journey.
  await page.mouse.wheel(1, 500);
  for (const pan of [300, 600, 900]) {
    const before = await stageHeaderX();
    await page.mouse.wheel(pan, 1);
    await expect.poll(stageHeaderX).toBeLessThan(before - pan + 2);
    const labels = await drawn(page, "emotion-axis-label");
    expect(labels).toHaveLength(7);
    for (const label of labels) {
      expect(label.x).toBeGreaterThanOrEqual(176 * scale);
      expect(label.x).toBeLessThan(176 * scale + 12);
      expect(label.y).toBeGreaterThan(0);
      expect(label.y + label.height).toBeLessThan(box.height);
    }
  }
  expect(await texts(page, "emotion-axis-label")).toEqual([
    "+3 · delighted",
    "+2 · happy",
    "+1 · pleased",
    "0 · neutral",
    "−1 · annoyed",
    "−2 · frustrated",
    "−3 · angry",
  ]);
});

test("at 60 % zoom an emotion point, even an unscored one, is a target at least 24 px wide", async ({ app, page }) => {
  const url = await app.createBoard();
  await openBoard(page, url, { fit: false });
  for (let i = 0; i < 3; i++) await page.keyboard.press("-");
  const scale = await stageScale(page);
  expect(scale).toBeLessThanOrEqual(0.6);
  const [segment, shop] = await withBoard(url, (doc) => {
    const map = firstMap(doc);
    return [listSegments(map)[0]?.id ?? "", listStages(map)[2]?.id ?? ""];
  });
  const box = await page.getByTestId("board-canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  const far = await pointOnPage(page, segment, shop);
  // Brings the point to the middle of the canvas (a sideways scroll pans).
  await page.mouse.wheel(far.x - centre.x + 1, far.y - centre.y);
  await expect.poll(async () => Math.abs((await pointOnPage(page, segment, shop)).y - centre.y)).toBeLessThan(2);
  const point = await pointOnPage(page, segment, shop);
  // How far, up and down and sideways, a press still lands on the point.
  const reach = await page.evaluate(
    ({ x, y, id }) => {
      const stage = window.Konva.stages[0] as unknown as {
        getIntersection(p: { x: number; y: number }): { id(): string } | null;
      };
      const along = (dx: number, dy: number) => {
        let d = 0;
        while (d < 40 && stage.getIntersection({ x: x + dx * (d + 1), y: y + dy * (d + 1) })?.id() === id) d++;
        return d;
      };
      return { up: along(0, -1), down: along(0, 1), left: along(-1, 0), right: along(1, 0) };
    },
    { x: point.x - box.x, y: point.y - box.y, id: `${segment}:${shop}` },
  );
  // The centre's pixel and those either side of it: the target's width on screen.
  expect(reach.up + 1 + reach.down).toBeGreaterThanOrEqual(24);
  expect(reach.left + 1 + reach.right).toBeGreaterThanOrEqual(24);
  // ...and a press there drags it.
  await drag(page, { x: point.x, y: point.y - 11 }, -STEP * scale);
  await expect.poll(() => scoresAt(url, shop)).toEqual([1]);
});

test("each curve is labelled with its segment's name beside its last point, names apart where curves end together", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  const { stage, first, second } = await overlappingCurves(url);
  await openBoard(page, url);
  await expect.poll(() => texts(page, "curve-name")).toEqual(["Typical customer", "Returning customer"]);
  const [typical, returning] = await drawn(page, "curve-name");
  const [pointA] = await drawn(page, "emotion-point", `${first}:${stage}`);
  const [pointB] = await drawn(page, "emotion-point", `${second}:${stage}`);
  if (!typical || !returning || !pointA || !pointB) throw new Error("names and points are drawn");
  const overlap = (a: Drawn, b: Drawn) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap(typical, returning)).toBe(false);
  for (const name of [typical, returning]) {
    expect(overlap(name, pointA) || overlap(name, pointB)).toBe(false);
    expect(name.x).toBeGreaterThanOrEqual(pointB.x + pointB.width - 1);
    expect(name.x).toBeLessThan(pointB.x + pointB.width + 20);
    expect(Math.abs(name.y - pointA.y)).toBeLessThan(40);
  }
});
