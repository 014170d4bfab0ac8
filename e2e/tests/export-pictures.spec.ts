import { readFile } from "node:fs/promises";
import {
  addNote,
  addStage,
  computeGrid,
  deleteLane,
  deleteNotes,
  listLanes,
  listNotes,
  listStages,
  moveNotes,
  Phase,
  placeAt,
  resizeStage,
} from "@journeyboard/shared";
import { PNG } from "pngjs";
import { expect, test } from "./app.js";
import { noteCenter, openBoard } from "./board.js";
import {
  choose,
  countPixels,
  exported,
  longTasks,
  manyNotes,
  notesInEveryStage,
  savedPath,
  watchLongTasks,
} from "./export-files.js";
import { firstMap, withBoard } from "./reader.js";

test.describe("exporting pictures and documents", () => {
  test("a PNG of the whole map at 1x and 2x: sized by its scale, with the notes, their text and the legend", async ({
    app,
    page,
  }) => {
    const url = await app.createBoard();
    await notesInEveryStage(url);
    await openBoard(page, url);
    const one = await exported(page, { format: "png", scale: 1 });
    const two = await exported(page, { format: "png", scale: 2 });
    expect(one.name).toMatch(/@1x\.png$/);
    const [small, large] = [PNG.sync.read(one.bytes), PNG.sync.read(two.bytes)];
    // The whole map (9 stages of 360 after the lane headers' 176) and a margin of 32 either side.
    expect(small.width).toBe(176 + 9 * 360 + 64);
    expect([large.width, large.height]).toEqual([2 * small.width, 2 * small.height]);
    const [counts, counts2] = [countPixels(small), countPixels(large)];
    console.log(
      `PNG 1x ${small.width}×${small.height}: ${counts.colors} colors, ${counts.dark} text pixels; ` +
        `2x ${large.width}×${large.height}: ${counts2.colors} colors, ${counts2.dark} text pixels`,
    );
    expect(counts.colors).toBeGreaterThan(20);
    expect(counts.yellow).toBeGreaterThan(8 * 160 * 112);
    expect(counts.dark).toBeGreaterThan(2000);
    // At 2x the text is drawn at twice the resolution, not scaled up: about four times the text pixels.
    expect(counts2.dark).toBeGreaterThan(3 * counts.dark);
  });

  test("a PNG of the selection and of one stage shows just that part", async ({ app, page }) => {
    const url = await app.createBoard();
    await notesInEveryStage(url);
    await openBoard(page, url, { fit: false });
    const first = await withBoard(url, (doc) => listNotes(firstMap(doc)).find((n) => n.text === "Stage 1 note"));
    if (!first) throw new Error("no note");
    const at = await noteCenter(page, first.id);
    await page.mouse.click(at.x, at.y);
    const selection = PNG.sync.read((await exported(page, { format: "png", what: "selection", scale: 1 })).bytes);
    const stage = PNG.sync.read(
      (await exported(page, { format: "png", what: "stage", stage: "I am aware", scale: 1 })).bytes,
    );
    const whole = PNG.sync.read((await exported(page, { format: "png", scale: 1 })).bytes);
    console.log(`selection ${selection.width}×${selection.height}, stage ${stage.width}×${stage.height}`);
    // One note's stage and lane, or one stage's column, is narrower than the picture's least width.
    expect(selection.width).toBe(720);
    expect(stage.width).toBe(720);
    expect(selection.height).toBeLessThan(whole.height);
    // The stage has every lane of the map; its narrower legend may take more rows.
    expect(stage.height).toBeGreaterThanOrEqual(whole.height);
    expect(countPixels(selection).yellow).toBeGreaterThanOrEqual(150 * 100);
    expect(countPixels(selection).yellow).toBeLessThan(2 * 160 * 112);
    expect(countPixels(stage).yellow).toBeGreaterThanOrEqual(150 * 100);
  });

  test("an SVG holds the notes' text as text, with what people wrote escaped", async ({ app, page }) => {
    const url = await app.createBoard();
    const texts = await notesInEveryStage(url);
    await openBoard(page, url);
    const { name, bytes } = await exported(page, { format: "svg" });
    expect(name).toMatch(/\.svg$/);
    const svg = bytes.toString("utf8");
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "image/svg+xml");
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        scripts: doc.querySelectorAll("script").length,
        texts: Array.from(doc.querySelectorAll("text"), (t) => t.textContent ?? ""),
      };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.scripts).toBe(0);
    for (const text of texts) expect(parsed.texts).toContain(text);
    expect(svg).toContain("&lt;script&gt; &amp; co");
    expect(parsed.texts).toContain("Customer journey");
    expect(parsed.texts).toContain("Pain point");
  });

  test("a map wider than a canvas can be is exported in tiles: every pixel drawn, none blank", async ({
    app,
    page,
  }) => {
    test.setTimeout(240_000);
    const url = await app.createBoard();
    // 15 stages 1,600 wide on one short lane: 24,176 board units, 72,720 px at 3x, past Chromium's 65,535.
    await withBoard(url, (doc) => {
      const map = firstMap(doc);
      for (const lane of listLanes(map).slice(1)) deleteLane(map, lane.id);
      while (listStages(map).length < 15)
        addStage(
          map,
          { title: `Extra ${listStages(map).length + 1}`, phase: Phase.postSale },
          listStages(map).at(-1)?.id ?? null,
        );
      for (const stage of listStages(map)) resizeStage(map, stage.id, 1600);
      const grid = computeGrid(listStages(map), listLanes(map));
      for (const column of grid.columns)
        addNote(map, {
          ...placeAt(grid, { x: column.x + 700, y: 70 }, { w: 160, h: 112 }),
          author: "Ana",
          text: `Far ${column.stage.title}`,
        });
    });
    await openBoard(page, url);
    const started = Date.now();
    const { bytes } = await exported(page, { format: "png", scale: 3 }, 200_000);
    const png = PNG.sync.read(bytes);
    console.log(`tiled PNG: ${png.width}×${png.height} px at 3x, ${bytes.length} bytes, ${Date.now() - started} ms`);
    expect(png.width).toBe((176 + 15 * 1600 + 64) * 3);
    expect(png.width).toBeGreaterThan(65_535);
    // Each tile's column of the picture shows its part of the map: several colors, note yellow, text.
    for (let x = 0; x < png.width; x += 2040) {
      const counts = countPixels(png, x, Math.min(png.width, x + 2040));
      expect(counts.colors, `tile column at x ${x}`).toBeGreaterThan(3);
    }
    for (let stage = 0; stage < 15; stage++) {
      const left = (32 + 176 + stage * 1600 + 700) * 3;
      expect(countPixels(png, left, left + 160 * 3).yellow, `the note of stage ${stage + 1}`).toBeGreaterThan(
        100 * 300,
      );
    }
  });

  test("a 5,000-note map exports with progress and no long task; cancelling stops it and downloads nothing", async ({
    app,
    page,
  }) => {
    test.setTimeout(240_000);
    const url = await app.createBoard();
    await manyNotes(url, 5000);
    await openBoard(page, url, { fit: false });
    const progress = page.getByRole("status", { name: "Export progress" });
    // At 3x, the 5,000 notes take some seconds: long enough to show progress, and to cancel.
    await choose(page, { format: "png", scale: 3 });
    // Watched from here: the panel is open and the canvas has settled beside it.
    await watchLongTasks(page);
    const exportButton = page
      .getByRole("complementary", { name: "Export" })
      .getByRole("button", { name: "Export", exact: true });
    const started = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 200_000 }),
      exportButton.click(),
      expect(progress).toBeVisible(),
    ]);
    const took = Date.now() - started;
    const tasks = await longTasks(page);
    const png = PNG.sync.read(await readFile(await savedPath(download)));
    console.log(
      `5,000 notes: PNG ${png.width}×${png.height} in ${took} ms; ${tasks.length} long tasks, ` +
        `longest ${Math.max(0, ...tasks)} ms (${tasks.join(", ")})`,
    );
    expect(countPixels(png).yellow).toBeGreaterThan(100_000);
    expect(Math.max(0, ...tasks)).toBeLessThan(200);

    // Cancelled: the export stops, says so, and nothing is downloaded.
    const downloads: string[] = [];
    page.on("download", (d) => downloads.push(d.suggestedFilename()));
    await exportButton.click();
    await expect(progress).toBeVisible();
    await progress.getByRole("button", { name: "Cancel" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Export cancelled: nothing was downloaded." }),
    ).toBeVisible();
    await expect(progress).toBeHidden();
    await expect(exportButton).toBeEnabled();
    expect(downloads).toEqual([]);
  });

  test("someone edits the map while it exports: the export finishes, each note drawn whole", async ({ app, page }) => {
    test.setTimeout(240_000);
    const url = await app.createBoard();
    await manyNotes(url, 3000);
    await openBoard(page, url, { fit: false });
    await choose(page, { format: "png", scale: 3 });
    const progress = page.getByRole("status", { name: "Export progress" });
    const downloaded = page.waitForEvent("download", { timeout: 200_000 });
    await page
      .getByRole("complementary", { name: "Export" })
      .getByRole("button", { name: "Export", exact: true })
      .click();
    await expect(progress).toBeVisible();
    // While it runs, another participant deletes 300 notes, moves 300 to another stage and adds 300.
    const deleted = await withBoard(url, (doc) => {
      const map = firstMap(doc);
      const notes = listNotes(map);
      const [, second] = listStages(map);
      deleteNotes(
        map,
        notes.slice(0, 300).map((n) => n.id),
      );
      moveNotes(
        map,
        notes
          .slice(300, 600)
          .map((n) => ({ id: n.id, cell: n.cell && { ...n.cell, stageId: second?.id ?? "" }, x: 20, y: 20 })),
      );
      const [lane] = listLanes(map);
      for (let i = 0; i < 300; i++)
        addNote(map, {
          cell: { stageId: second?.id ?? "", laneId: lane?.id ?? "" },
          x: 30,
          y: 30,
          author: "Bo",
          text: `Late ${i}`,
        });
      return { gone: notes[0]?.text ?? "", kept: notes[600]?.text ?? "" };
    });
    const collided = await progress.isVisible();
    const png = PNG.sync.read(await readFile(await savedPath(await downloaded)));
    console.log(`export during edits: ${png.width}×${png.height}, the edits landed mid-export: ${collided}`);
    expect(collided).toBe(true);
    expect(png.width).toBe((176 + 9 * 360 + 64) * 3);
    expect(countPixels(png).yellow).toBeGreaterThan(100_000);
    await expect(page.getByRole("status").filter({ hasText: /^Exported / })).toBeVisible();
    // The next export shows the map as the peer left it: the late notes in, the deleted ones out.
    const again = await exported(page, { format: "svg" }, 120_000);
    const texts = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "image/svg+xml");
      return Array.from(doc.querySelectorAll("text"), (t) =>
        Array.from(t.children, (line) => line.textContent).join(" "),
      );
    }, again.bytes.toString("utf8"));
    expect(texts).toContain("Late 299");
    expect(texts).toContain(deleted.kept);
    expect(texts).not.toContain(deleted.gone);
  });
});
