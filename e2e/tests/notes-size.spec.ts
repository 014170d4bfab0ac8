import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { createNote, dragBy, drawnNoteLayout, headerAt, noteCenter, openBoard, REACH, resizeHandle } from "./board.js";
import { storedNotes } from "./reader.js";

const DEFAULT_SIZE = { w: 160, h: 112 };
const NOTE_FONT_SIZE = 15;
const NOTE_MIN_FONT_SIZE = 11;

/** A point in the first stage's cell of a lane, at 100 %. */
async function inLane(page: Page, lane: string, dx = 0): Promise<{ x: number; y: number }> {
  const stage = await headerAt(page, "I have a job to do / pain point");
  const row = await headerAt(page, lane);
  return { x: stage.x + 110 + dx, y: row.y + 80 };
}

async function handleOf(page: Page): Promise<{ x: number; y: number }> {
  await expect.poll(() => resizeHandle(page)).not.toBeNull();
  const handle = await resizeHandle(page);
  if (!handle) throw new Error("no resize handle");
  return handle;
}

test("a note resized by its corner handle: on screen, for everyone, after a reload, and undone in one step", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url, { fit: false });
  const id = await createNote(page, await inLane(page, "Customer actions"), "Hold music");
  const before = await noteCenter(page, id);

  await dragBy(page, await handleOf(page), 120, 60);
  await expect.poll(() => drawnNoteLayout(page, id)).toMatchObject({ w: 280, h: 172 });
  await expect
    .poll(() => storedNotes(url), REACH)
    .toEqual([
      expect.objectContaining({ text: "Hold music", w: 280, h: 172, stage: "I have a job to do / pain point" }),
    ]);
  // It grew from its top-left corner, which stays where it was.
  const after = await noteCenter(page, id);
  expect(after.x - before.x).toBeCloseTo(60, 0);
  expect(after.y - before.y).toBeCloseTo(30, 0);

  // One undo takes back the whole gesture, and only it: the text stays.
  await page.keyboard.press("Control+z");
  await expect
    .poll(() => storedNotes(url), REACH)
    .toEqual([expect.objectContaining({ text: "Hold music", ...DEFAULT_SIZE })]);
  await expect.poll(() => drawnNoteLayout(page, id)).toMatchObject(DEFAULT_SIZE);

  // Its size is clamped: dragged far up-left it stops at the smallest note.
  await dragBy(page, await handleOf(page), -400, -400);
  await expect.poll(() => drawnNoteLayout(page, id)).toMatchObject({ w: 48, h: 48 });
  await dragBy(page, await handleOf(page), 232, 124);
  await expect.poll(() => storedNotes(url), REACH).toEqual([expect.objectContaining({ w: 280, h: 172 })]);

  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect.poll(() => drawnNoteLayout(page, id)).toMatchObject({ w: 280, h: 172 });
});

test("a viewer gets no resize handle on a note they select", async ({ app, browser }) => {
  const url = await app.createBoard();
  const facilitator = await (await browser.newContext()).newPage();
  const viewer = await (await browser.newContext()).newPage();
  await openBoard(facilitator, url, { fit: false });
  await openBoard(viewer, await app.linkFor(url, "viewer"), { fit: false });
  const id = await createNote(facilitator, await inLane(facilitator, "Customer actions"), "Only editors resize");
  expect(await resizeHandle(facilitator)).not.toBeNull();
  await expect
    .poll(async () => (await viewer.evaluate(() => window.Konva.stages[0]?.find(".note").length)) ?? 0)
    .toBe(1);
  const center = await noteCenter(viewer, id);
  await viewer.mouse.click(center.x, center.y);
  // Selected (the note's border shows it), and still no handle.
  await expect
    .poll(() =>
      viewer.evaluate(
        (noteId) =>
          (
            window.Konva.stages[0]
              ?.find(".note")
              .find((n) => n.id() === noteId)
              ?.findOne("Rect") as unknown as { stroke(): string } | undefined
          )?.stroke(),
        id,
      ),
    )
    .toBe("#1971C2");
  expect(await resizeHandle(viewer)).toBeNull();
});

test("long text shrinks to fit its note, down to a readable minimum; beyond it the note shows more is hidden", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await openBoard(page, url, { fit: false });
  const short = await createNote(page, await inLane(page, "Customer actions", -60), "Slow website");
  const longer = await createNote(
    page,
    await inLane(page, "Customer actions", 130),
    "Waited twenty minutes on hold, then the line dropped and nobody called back about the install",
  );
  expect(await drawnNoteLayout(page, short)).toMatchObject({ fontSize: NOTE_FONT_SIZE, more: false });
  const fitted = await drawnNoteLayout(page, longer);
  expect(fitted.fontSize).toBeLessThan(NOTE_FONT_SIZE);
  expect(fitted.fontSize).toBeGreaterThanOrEqual(NOTE_MIN_FONT_SIZE);
  expect(fitted.more).toBe(false);

  // Much longer: the smallest readable size, and a marker that more is there.
  const story = "The engineer came on the wrong day, left no note, and the portal still said pending. ".repeat(8);
  const at = await noteCenter(page, longer);
  await page.mouse.dblclick(at.x, at.y);
  const editor = page.getByRole("textbox", { name: "Note text" });
  await expect(editor).toBeFocused();
  await page.keyboard.insertText(` ${story}`);
  await page.keyboard.press("Escape");
  await expect.poll(() => drawnNoteLayout(page, longer)).toMatchObject({ fontSize: NOTE_MIN_FONT_SIZE, more: true });
  // The text is all there: in the document and in the editor.
  const full = `Waited twenty minutes on hold, then the line dropped and nobody called back about the install ${story}`;
  await expect.poll(() => storedNotes(url), REACH).toContainEqual(expect.objectContaining({ text: full }));
  await page.mouse.dblclick(at.x, at.y);
  await expect(editor).toHaveValue(full);
  await page.keyboard.press("Escape");

  // A larger note shows all of it again.
  await page.mouse.click(at.x, at.y);
  await dragBy(page, await handleOf(page), 500, 300);
  await expect.poll(() => drawnNoteLayout(page, longer)).toMatchObject({ fontSize: NOTE_FONT_SIZE, more: false });
});

test("a narrow moment-of-truth note still shows its ★ or ⚡", async ({ app, page }) => {
  const url = await app.createBoard();
  await openBoard(page, url, { fit: false });
  for (const [polarity, symbol] of [
    ["positive", "★"],
    ["negative", "⚡"],
  ] as const) {
    const id = await createNote(
      page,
      // One lane each: a widened note must not cover where the next one is made.
      await inLane(page, polarity === "positive" ? "Customer actions" : "Touchpoints"),
      "Installer on time",
    );
    const center = await noteCenter(page, id);
    await page.mouse.click(center.x, center.y);
    await page.getByRole("combobox", { name: "Kind" }).selectOption("moment-of-truth");
    await page.getByRole("combobox", { name: "Polarity" }).selectOption(polarity);
    // A wide note shows the whole badge.
    await dragBy(page, await handleOf(page), 120, 0);
    await expect
      .poll(async () => (await drawnNoteLayout(page, id)).badge)
      .toBe(`MOMENT OF TRUTH · ${symbol} ${polarity.toUpperCase()}`);
    // Narrowed step by step, to the narrowest note: at every width the sign stays.
    const badges: string[] = [];
    for (const dx of [-80, -40, -40, -40, -40]) {
      const width = (await drawnNoteLayout(page, id)).w;
      await dragBy(page, await handleOf(page), dx, 0);
      await expect.poll(async () => (await drawnNoteLayout(page, id)).w).toBe(Math.max(48, width + dx));
      badges.push((await drawnNoteLayout(page, id)).badge ?? "");
    }
    expect(badges.filter((badge) => !badge.startsWith(symbol))).toEqual([]);
    expect(badges.at(-1)).toBe(symbol);
  }
});
