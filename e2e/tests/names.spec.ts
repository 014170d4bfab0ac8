import type { Browser, Page } from "@playwright/test";
import { expect, SAVED_NAME_KEY, test } from "./app.js";
import { canvasPoint, createNote, drawnCursors, openBoard, REACH, stageScale } from "./board.js";

/** These browsers come as a newcomer's: no name chosen yet. */
test.use({ presetName: null });

/** What a note's author line shows on a participant's canvas, read from the Konva scene. */
interface AuthorLine {
  name: string;
  color: string | null;
  visible: boolean;
  /** Where the note's text area ends and the line begins, down the note. */
  textBottom: number;
  lineTop: number;
}

interface Shape {
  id(): string;
  y(): number;
  height(): number;
  isVisible(): boolean;
  findOne(selector: string): Shape | undefined;
  text(): string;
  fill(): string;
}

function authorLine(page: Page, noteId: string): Promise<AuthorLine | null> {
  return page.evaluate((id) => {
    const notes = (window.Konva.stages[0]?.find(".note") ?? []) as unknown as Shape[];
    const note = notes.find((n) => n.id() === id);
    const line = note?.findOne(".note-author");
    const text = note?.findOne(".note-text");
    if (!line || !text) return null;
    return {
      name: line.findOne(".note-author-name")?.text() ?? "",
      color: line.findOne(".note-author-dot")?.fill() ?? null,
      visible: line.isVisible(),
      textBottom: text.y() + text.height(),
      lineTop: line.y(),
    };
  }, noteId);
}

/** Each other participant's cursor color, by the name on it. */
function cursorColors(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      ((window.Konva.stages[0]?.find(".cursor") ?? []) as unknown as Shape[]).map((c) => [
        c.findOne("Text")?.text(),
        c.findOne("Path")?.fill(),
      ]),
    ),
  );
}

async function newcomer(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await openBoard(page, url, { fit: false });
  return page;
}

test("a newcomer is asked their name once; it shows on their cursor, in the list and on their notes", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const ana = await newcomer(browser, url);
  const prompt = ana.getByRole("dialog", { name: "What should others call you?" });
  await expect(prompt).toBeVisible();
  const field = prompt.getByRole("textbox", { name: "Your name" });
  await expect(field).toBeFocused();
  const suggested = await field.inputValue();
  expect(suggested).toMatch(/^\w+ \w+$/);
  // Meanwhile Ana is on the board under the suggested name, and the board keeps syncing behind the prompt.
  await expect(ana.locator(".participants").getByLabel(`${suggested} (you)`)).toBeVisible();

  const bo = await newcomer(browser, url);
  const boPrompt = bo.getByRole("dialog", { name: "What should others call you?" });
  const boSuggested = await boPrompt.getByRole("textbox", { name: "Your name" }).inputValue();
  await bo.keyboard.press("Escape");
  await expect(boPrompt).toBeHidden();
  await expect(bo.getByRole("button", { name: `${boSuggested} (you)` })).toBeVisible();
  await expect(ana.locator(".participants").getByLabel(boSuggested, { exact: true })).toBeVisible();

  await ana.keyboard.type("Ana Designer");
  await ana.keyboard.press("Enter");
  await expect(prompt).toBeHidden();
  await expect(ana.getByRole("button", { name: "Ana Designer (you)" })).toBeVisible();
  await expect(bo.getByRole("button", { name: "Ana Designer", exact: true })).toBeVisible();
  const p = await canvasPoint(ana, 0.3, 0.3);
  await ana.mouse.move(p.x, p.y);
  await ana.mouse.move(p.x + 30, p.y + 30, { steps: 5 });
  await expect.poll(() => drawnCursors(bo), REACH).toEqual(["Ana Designer"]);
  const anaColor = (await cursorColors(bo))["Ana Designer"];
  expect(anaColor).toMatch(/^#[0-9A-F]{6}$/i);

  // Her note says who added it, in her color, under its text, for her and for Bo.
  const noteId = await createNote(ana, await canvasPoint(ana, 0.5, 0.6), "Hold music while waiting for the advisor");
  for (const page of [ana, bo]) {
    await expect
      .poll(() => authorLine(page, noteId), REACH)
      .toMatchObject({ name: "Ana Designer", color: anaColor, visible: true });
    const line = await authorLine(page, noteId);
    expect(line?.textBottom).toBeLessThanOrEqual(line?.lineTop ?? 0);
  }
  // Zoomed out, the note shows its simple face: no author line.
  await ana.keyboard.press("Shift+1");
  await expect.poll(() => stageScale(ana)).toBeLessThan(0.6);
  await expect.poll(() => authorLine(ana, noteId)).toMatchObject({ visible: false });

  // Back in this browser, the prompt does not come again and the name is kept.
  await ana.reload();
  await expect(ana.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(ana.getByRole("button", { name: "Ana Designer (you)" })).toBeVisible();
  await expect(prompt).toHaveCount(0);
  expect(await ana.evaluate((key) => localStorage.getItem(key), SAVED_NAME_KEY)).toBe("Ana Designer");

  // Renaming oneself from the avatar still works, prefilled with the name kept.
  await ana.getByRole("button", { name: "Ana Designer (you)" }).click();
  const rename = ana.locator(".participants").getByRole("textbox", { name: "Your name" });
  await expect(rename).toHaveValue("Ana Designer");
  await rename.fill("Ana Lead");
  await rename.press("Enter");
  await expect(bo.getByRole("button", { name: "Ana Lead", exact: true })).toBeVisible();
  await ana.mouse.move(p.x, p.y);
  await ana.mouse.move(p.x + 20, p.y + 20, { steps: 5 });
  await expect.poll(() => drawnCursors(bo), REACH).toEqual(["Ana Lead"]);
  await ana.reload();
  await expect(ana.getByRole("button", { name: "Ana Lead (you)" })).toBeVisible();
  await expect(prompt).toHaveCount(0);
});
