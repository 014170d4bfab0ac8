import type { Browser, Page } from "@playwright/test";
import { expect, SAVED_NAME_KEY, test } from "./app.js";
import { canvasPoint, drawnNotes, openBoard, REACH } from "./board.js";

/** A participant named `name`, in a browser of their own, whose received WebSocket frames are all kept. */
async function participant(browser: Browser, url: string, name: string): Promise<{ page: Page; frames: string[] }> {
  const context = await browser.newContext();
  await context.addInitScript(({ key, value }) => localStorage.setItem(key, value), {
    key: SAVED_NAME_KEY,
    value: name,
  });
  const page = await context.newPage();
  const frames: string[] = [];
  page.on("websocket", (ws) =>
    ws.on("framereceived", ({ payload }) =>
      frames.push(typeof payload === "string" ? payload : payload.toString("latin1")),
    ),
  );
  await openBoard(page, url);
  return { page, frames };
}

/** The private notes a participant's canvas draws, by their text. */
function privateNotes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.Konva.stages[0]?.find(".private-note") ?? []).map((n) => n.findOne(".private-note-text").text()).sort(),
  );
}

/** The middle of a participant's drawn private note, on the page. */
async function privateNoteCenter(page: Page, text: string): Promise<{ x: number; y: number }> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  const rect = await page.evaluate(
    (wanted) =>
      window.Konva.stages[0]
        ?.find(".private-note")
        .find((n) => n.findOne(".private-note-text").text() === wanted)
        ?.getClientRect(),
    text,
  );
  if (!canvas || !rect) throw new Error(`no private note "${text}"`);
  return { x: canvas.x + rect.x + rect.width / 2, y: canvas.y + rect.y + rect.height / 2 };
}

/** Writes a private note with a double-click on the board. */
async function writePrivately(page: Page, at: { x: number; y: number }, text: string): Promise<void> {
  await page.mouse.dblclick(at.x, at.y);
  const editor = page.getByRole("textbox", { name: "Private note text", exact: true });
  await expect(editor).toBeFocused(REACH);
  await editor.fill(text);
  await editor.press("Enter");
  await expect.poll(() => privateNotes(page), REACH).toContain(text);
}

/** The board notes a participant's canvas draws, as "text / author". */
async function boardNotes(page: Page): Promise<string[]> {
  const notes = await drawnNotes(page);
  const authors = await page.evaluate(() =>
    (window.Konva.stages[0]?.find(".note") ?? []).map((n) => n.findOne(".note-author-name")?.text() ?? ""),
  );
  return notes.map((n, i) => `${n.text} / ${authors[i]}`).sort();
}

test("private writing: each participant sees only their own notes, which no other browser receives, until the reveal", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await participant(browser, url, "Fran");
  const editorLink = await app.linkFor(url, "editor");
  const ana = await participant(browser, editorLink, "Ana");
  const ben = await participant(browser, editorLink, "Ben");
  const notesBefore = (await drawnNotes(ana.page)).length;

  await facilitator.page.keyboard.press("p");
  await facilitator.page.getByRole("button", { name: "Start on the whole map" }).click();
  for (const { page } of [ana, ben]) {
    await expect(page.getByText("Private writing: your new notes are visible only to you")).toBeVisible(REACH);
  }

  await writePrivately(ana.page, await canvasPoint(ana.page, 0.3, 0.5), "Ana secret idea");
  await writePrivately(ana.page, await canvasPoint(ana.page, 0.3, 0.8), "Ana to delete");
  await writePrivately(ben.page, await canvasPoint(ben.page, 0.6, 0.5), "Ben hidden thought");
  await writePrivately(ben.page, await canvasPoint(ben.page, 0.6, 0.8), "Ben throwaway");

  // Edited in place; one deleted with the Delete key, the other with its ×.
  await ana.page.mouse.dblclick(...xy(await privateNoteCenter(ana.page, "Ana secret idea")));
  const editor = ana.page.getByRole("textbox", { name: "Private note text", exact: true });
  await expect(editor).toHaveValue("Ana secret idea");
  await editor.fill("Ana secret idea, edited");
  await editor.press("Enter");
  await ana.page.mouse.click(...xy(await privateNoteCenter(ana.page, "Ana to delete")));
  await ana.page.keyboard.press("Delete");
  const crossAt = await ben.page.evaluate(() => {
    const note = window.Konva.stages[0]
      ?.find(".private-note")
      .find((n) => n.findOne(".private-note-text").text() === "Ben throwaway") as unknown as {
      findOne(s: string): { getClientRect(): { x: number; y: number; width: number; height: number } };
    };
    return note.findOne(".private-note-delete").getClientRect();
  });
  const canvas = await ben.page.getByTestId("board-canvas").boundingBox();
  if (!canvas) throw new Error("no canvas");
  await ben.page.mouse.click(canvas.x + crossAt.x + crossAt.width / 2, canvas.y + crossAt.y + crossAt.height / 2);

  await expect.poll(() => privateNotes(ana.page), REACH).toEqual(["Ana secret idea, edited"]);
  await expect.poll(() => privateNotes(ben.page), REACH).toEqual(["Ben hidden thought"]);
  await expect.poll(() => privateNotes(facilitator.page), REACH).toEqual([]);
  await expect(facilitator.page.getByText("2 private notes so far.")).toBeVisible(REACH);

  // A reload keeps them (the relay holds them), still for their author alone.
  await ana.page.reload();
  // The canvas (and Konva with it) is drawn once the board's code has loaded again.
  await expect(ana.page.getByTestId("board-canvas")).toBeVisible(REACH);
  await expect(ana.page.getByRole("status").filter({ hasText: "Live" })).toBeVisible(REACH);
  await expect.poll(() => privateNotes(ana.page), REACH).toEqual(["Ana secret idea, edited"]);
  expect((await drawnNotes(ana.page)).length).toBe(notesBefore);
  expect((await drawnNotes(ben.page)).length).toBe(notesBefore);

  // No other browser received any of it, not even hidden: every frame each received, searched.
  for (const [who, others] of [
    [ana, ["Ben hidden", "Ben throwaway"]],
    [ben, ["Ana secret", "Ana to delete"]],
    [facilitator, ["Ana secret", "Ana to delete", "Ben hidden", "Ben throwaway"]],
  ] as const) {
    expect(who.frames.length).toBeGreaterThan(0);
    for (const text of others) expect(who.frames.filter((f) => f.includes(text))).toEqual([]);
  }

  await facilitator.page.getByRole("button", { name: "Reveal all notes" }).click();
  const revealed = ["Ana secret idea, edited / Ana", "Ben hidden thought / Ben"];
  for (const { page } of [facilitator, ana, ben]) {
    await expect
      .poll(async () => (await boardNotes(page)).filter((n) => /^(Ana|Ben) /.test(n)), REACH)
      .toEqual(revealed);
    await expect.poll(() => privateNotes(page), REACH).toEqual([]);
    await expect(page.getByText("Private writing: your new notes")).toHaveCount(0);
  }
  expect((await drawnNotes(ana.page)).length).toBe(notesBefore + 2);
});

const xy = (at: { x: number; y: number }): [number, number] => [at.x, at.y];
