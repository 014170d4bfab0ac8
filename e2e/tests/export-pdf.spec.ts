import { readFile } from "node:fs/promises";
import {
  addMap,
  addNote,
  DEFAULT_LANES,
  DEFAULT_STAGES,
  listLanes,
  listStages,
  MapState,
  openBoard as openBoardDoc,
} from "@journeyboard/shared";
import { expect, test } from "./app.js";
import { openBoard } from "./board.js";
import {
  choose,
  exported,
  longTasks,
  manyNotes,
  notesInEveryStage,
  pdfTexts,
  progressShown,
  savedPath,
  watchLongTasks,
  watchProgress,
} from "./export-files.js";
import { withBoard } from "./reader.js";

test.describe("exporting documents: PDF and SVG", () => {
  test("a PDF of every map has a page each, its text as text", async ({ app, page }) => {
    const url = await app.createBoard();
    const texts = await notesInEveryStage(url);
    await withBoard(url, (doc) => {
      const future = addMap(openBoardDoc(doc), {
        title: "Future state",
        state: MapState.future,
        stages: DEFAULT_STAGES,
        lanes: DEFAULT_LANES,
      });
      const [stage] = listStages(future);
      const [lane] = listLanes(future);
      addNote(future, {
        cell: { stageId: stage?.id ?? "", laneId: lane?.id ?? "" },
        x: 16,
        y: 16,
        author: "Ana",
        text: "Tomorrow",
      });
    });
    await openBoard(page, url);
    const { name, bytes } = await exported(page, { format: "pdf", what: "maps" });
    expect(name).toMatch(/\.pdf$/);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, shown } = pdfTexts(bytes);
    console.log(`PDF: ${bytes.length} bytes, ${pages} pages`);
    expect(pages).toBe(2);
    for (const text of [...texts.slice(0, -1), "Tomorrow", "Current state", "Future state"])
      expect(shown).toContain(text);
    expect(shown).toContain("<script> & co");
  });

  test("a 5,000-note map exports as a PDF with progress and no long task; cancelling stops it", async ({
    app,
    page,
  }) => {
    test.setTimeout(240_000);
    const url = await app.createBoard();
    // Notes of a few lines each, as a workshop writes them: long enough to show progress, and to cancel.
    await manyNotes(url, 5000, ", what the customer told us and what we heard in the interviews");
    await openBoard(page, url, { fit: false });
    const progress = page.getByRole("status", { name: "Export progress" });
    await choose(page, { format: "pdf" });
    // Watched from here: the panel is open and the canvas has settled beside it.
    await watchLongTasks(page);
    const exportButton = page
      .getByRole("complementary", { name: "Export" })
      .getByRole("button", { name: "Export", exact: true });
    await watchProgress(page);
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 200_000 }), exportButton.click()]);
    const took = Date.now() - started;
    const tasks = await longTasks(page);
    const bytes = await readFile(await savedPath(download));
    const { pages, shown: texts } = pdfTexts(bytes);
    const shown = await progressShown(page);
    console.log(
      `5,000 notes: PDF of ${bytes.length} bytes, ${pages} page, in ${took} ms, progress shown at ${shown} ms; ` +
        `${tasks.length} long tasks, longest ${Math.max(0, ...tasks)} ms (${tasks.join(", ")})`,
    );
    expect(shown).toHaveLength(1);
    expect(pages).toBe(1);
    // Each note's text wrapped in its width, a line of the PDF each.
    for (const note of [0, 2500, 4999]) expect(texts).toMatch(new RegExp(`^Note ${note} about`, "m"));
    expect(Math.max(0, ...tasks)).toBeLessThan(200);

    // Cancelled: the export stops, says so, and nothing is downloaded.
    const downloads: string[] = [];
    page.on("download", (d) => downloads.push(d.suggestedFilename()));
    // Clicked the moment it shows: a quick export may finish soon after.
    await watchProgress(page, { cancel: true });
    await exportButton.click();
    await expect(
      page.getByRole("status").filter({ hasText: "Export cancelled: nothing was downloaded." }),
    ).toBeVisible();
    await expect(progress).toBeHidden();
    await expect(exportButton).toBeEnabled();
    expect(downloads).toEqual([]);
  });

  test("a 5,000-note map exports as an SVG with no long task, its text as text", async ({ app, page }) => {
    test.setTimeout(240_000);
    const url = await app.createBoard();
    await manyNotes(url, 5000);
    await openBoard(page, url, { fit: false });
    await choose(page, { format: "svg" });
    await watchLongTasks(page);
    const started = Date.now();
    const { bytes } = await exported(page, { format: "svg" }, 200_000);
    const tasks = await longTasks(page);
    console.log(
      `5,000 notes: SVG of ${(bytes.length / 1e6).toFixed(1)} MB in ${Date.now() - started} ms; ` +
        `${tasks.length} long tasks, longest ${Math.max(0, ...tasks)} ms`,
    );
    expect(bytes.toString("utf8").match(/<text/g)?.length ?? 0).toBeGreaterThan(5000);
    expect(Math.max(0, ...tasks)).toBeLessThan(200);
  });
});
