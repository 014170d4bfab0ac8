import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { canvasPoint, drawnNotes, REACH } from "./board.js";
import { notesWithAuthors, participant, privateNotes, writePrivately } from "./workshop.js";

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

test("private writing: each participant sees only their own notes, which no other browser receives, until the reveal", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await participant(browser, url, { name: "Fran" });
  const editorLink = await app.linkFor(url, "editor");
  const ana = await participant(browser, editorLink, { name: "Ana" });
  const ben = await participant(browser, editorLink, { name: "Ben" });
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
      .poll(async () => (await notesWithAuthors(page)).filter((n) => /^(Ana|Ben) /.test(n)), REACH)
      .toEqual(revealed);
    await expect.poll(() => privateNotes(page), REACH).toEqual([]);
    await expect(page.getByText("Private writing: your new notes")).toHaveCount(0);
  }
  expect((await drawnNotes(ana.page)).length).toBe(notesBefore + 2);
});

const xy = (at: { x: number; y: number }): [number, number] => [at.x, at.y];
