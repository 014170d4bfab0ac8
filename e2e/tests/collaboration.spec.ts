import { expect, test } from "./app.js";
import {
  canvasPoint,
  createNote,
  drawnCursors,
  drawnNotes,
  joinAs,
  measured,
  noteCenter,
  openBoard,
  REACH,
} from "./board.js";

test.describe("two participants on one board", () => {
  test("a note created, moved and edited by one is seen by the other", async ({ app, browser }) => {
    const url = await app.createBoard();
    const ana = await joinAs(browser, url);
    const bo = await joinAs(browser, url);

    const id = await createNote(ana, await canvasPoint(ana, 0.3, 0.4), "Hold music for 40 minutes");
    await measured("a new note reached Bo", () =>
      expect.poll(async () => (await drawnNotes(bo)).map((n) => n.text), REACH).toEqual(["Hold music for 40 minutes"]),
    );

    // Bo sees the note move during the drag, not only at the drop.
    const start = (await drawnNotes(bo))[0];
    const from = await noteCenter(ana, id);
    await ana.mouse.move(from.x, from.y);
    await ana.mouse.down();
    await ana.mouse.move(from.x + 60, from.y + 10, { steps: 10 });
    await measured("a drag in progress reached Bo", () =>
      expect.poll(async () => (await drawnNotes(bo))[0]?.x, REACH).not.toBe(start?.x),
    );
    await ana.mouse.move(from.x + 120, from.y + 20, { steps: 10 });
    await ana.mouse.up();
    const moved = (await drawnNotes(ana))[0];
    await measured("the drop reached Bo", () =>
      expect.poll(async () => (await drawnNotes(bo))[0], REACH).toMatchObject({ x: moved?.x, y: moved?.y }),
    );

    // Bo edits the note; Ana sees the text.
    const center = await noteCenter(bo, id);
    await bo.mouse.dblclick(center.x, center.y);
    await expect(bo.getByRole("textbox", { name: "Note text" })).toBeFocused();
    await bo.keyboard.press("End");
    await bo.keyboard.type(" on the phone");
    await measured("Bo's typing reached Ana", () =>
      expect.poll(async () => (await drawnNotes(ana))[0]?.text, REACH).toBe("Hold music for 40 minutes on the phone"),
    );
    await bo.keyboard.press("Escape");
  });

  test("two people typing in one note at once both land", async ({ app, browser }) => {
    const url = await app.createBoard();
    const ana = await joinAs(browser, url);
    const bo = await joinAs(browser, url);
    const id = await createNote(ana, await canvasPoint(ana, 0.4, 0.4), "middle");
    await expect.poll(async () => (await drawnNotes(bo)).length).toBe(1);
    for (const page of [ana, bo]) {
      const c = await noteCenter(page, id);
      await page.mouse.dblclick(c.x, c.y);
    }
    await ana.keyboard.press("Home");
    await bo.keyboard.press("End");
    await Promise.all([ana.keyboard.type("start "), bo.keyboard.type(" end")]);
    await expect.poll(() => ana.getByRole("textbox", { name: "Note text" }).inputValue()).toBe("start middle end");
    await expect.poll(() => bo.getByRole("textbox", { name: "Note text" }).inputValue()).toBe("start middle end");
  });

  for (const [speed, delays] of [
    ["at human speed", [110, 90]],
    ["at full speed", [0, 0]],
  ] as const) {
    test(`two people typing at the same place of one note ${speed} keep their words whole`, async ({
      app,
      browser,
    }) => {
      const url = await app.createBoard();
      const ana = await joinAs(browser, url);
      const bo = await joinAs(browser, url);
      const id = await createNote(ana, await canvasPoint(ana, 0.4, 0.4), "Hold music ");
      await expect.poll(async () => (await drawnNotes(bo)).map((n) => n.text)).toEqual(["Hold music "]);
      for (const page of [ana, bo]) {
        const c = await noteCenter(page, id);
        await page.mouse.dblclick(c.x, c.y);
        await page.keyboard.press("End");
      }
      // Slightly different paces, so the two typists' keys meet in every order.
      await Promise.all([
        ana.keyboard.type("alpha", { delay: delays[0] }),
        bo.keyboard.type("beta", { delay: delays[1] }),
      ]);
      const typed = (page: typeof ana) => page.getByRole("textbox", { name: "Note text" }).inputValue();
      await expect.poll(async () => (await typed(ana)).length).toBe("Hold music alphabeta".length);
      await expect.poll(() => typed(bo)).toBe(await typed(ana));
      expect(["Hold music alphabeta", "Hold music betaalpha"]).toContain(await typed(ana));
    });
  }

  test("each participant sees the other's cursor with their name", async ({ app, browser }) => {
    const url = await app.createBoard();
    const ana = await (await browser.newContext()).newPage();
    const bo = await joinAs(browser, url);
    await ana.addInitScript(() => localStorage.setItem("journeyboard:name", "Ana Designer"));
    await openBoard(ana, url);
    const p = await canvasPoint(ana, 0.5, 0.5);
    await ana.mouse.move(p.x, p.y);
    await ana.mouse.move(p.x + 30, p.y + 30, { steps: 5 });
    await measured("Ana's cursor reached Bo", () =>
      expect.poll(() => drawnCursors(bo), REACH).toEqual(["Ana Designer"]),
    );
    await expect(bo.getByRole("button", { name: "Ana Designer" })).toBeVisible();
    await ana.close();
    await measured("Ana's cursor left Bo's board", () => expect.poll(() => drawnCursors(bo), REACH).toEqual([]));
  });

  test("undo takes back only one's own changes", async ({ app, browser }) => {
    const url = await app.createBoard();
    const ana = await joinAs(browser, url);
    const bo = await joinAs(browser, url);
    await createNote(ana, await canvasPoint(ana, 0.3, 0.3), "Ana's note");
    await expect.poll(async () => (await drawnNotes(bo)).length).toBe(1);
    await createNote(bo, await canvasPoint(bo, 0.6, 0.6), "Bo's note");
    await expect.poll(async () => (await drawnNotes(ana)).length).toBe(2);
    // Ana's history: the note, then its text. Bo's note is not in it.
    await ana.keyboard.press("Control+z");
    await expect.poll(async () => (await drawnNotes(bo)).map((n) => n.text).sort()).toEqual(["", "Bo's note"]);
    await ana.keyboard.press("Control+z");
    await expect.poll(async () => (await drawnNotes(bo)).map((n) => n.text)).toEqual(["Bo's note"]);
    await ana.keyboard.press("Control+z");
    await expect.poll(async () => (await drawnNotes(bo)).map((n) => n.text)).toEqual(["Bo's note"]);
    await ana.keyboard.press("Control+Shift+z");
    await ana.keyboard.press("Control+y");
    await expect
      .poll(async () => (await drawnNotes(bo)).map((n) => n.text).sort())
      .toEqual(["Ana's note", "Bo's note"]);
  });
});
