import { writeFile } from "node:fs/promises";
import { addNote, createBoard, listLanes, listStages } from "@journeyboard/shared";
import {
  type BoardFile,
  boardFileJson,
  boardFromPng,
  exportBoard,
  type MapFile,
  notesCsv,
  withBoardInPng,
} from "@journeyboard/shared/file";
import { PNG } from "pngjs";
import * as Y from "yjs";
import { expect, test } from "./app.js";
import { joinAs, openBoard } from "./board.js";
import { exported } from "./export-files.js";
import { byPlace, dropFile, exportedData, heavilyTagged, openImport, seedMap, stored } from "./files.js";
import { firstMap } from "./reader.js";

/**
 * Journeyboard files through the page: a map exported as JSON from the Export panel comes back through
 * the Import panel equal, as a new map (one undo step) and as a new board (ids kept); a broken file or
 * picture is refused with the field or the reason, and nothing changes; the PNG the Export panel makes,
 * dropped on the board page or the landing page, re-creates the same map. Boards are read back through a
 * stock y-websocket client.
 */

test("a map exported as JSON through the page comes back equal as a new map (one undo step) and as a new board", async ({
  app,
  page,
}, testInfo) => {
  const url = await app.createBoard();
  await seedMap(url);
  await openBoard(page, url);
  const json = await exportedData(page, "json");
  const before = await stored(url);
  const original = before.maps[0] as MapFile;
  expect(json.name).toBe(`${before.board.title} - ${original.title}.journeyboard.json`);
  expect((JSON.parse(json.text) as BoardFile).maps).toEqual([original]);
  const path = testInfo.outputPath(json.name);
  await writeFile(path, json.text);
  const every = await exportedData(page, "json", "maps");
  expect(every.name).toBe(`${before.board.title}.journeyboard.json`);
  expect((JSON.parse(every.text) as BoardFile).maps).toEqual(before.maps);
  const notes = await exportedData(page, "notes");
  expect(notes.name).toBe(`${before.board.title} - ${original.title} notes.csv`);
  expect(notes.text).toBe(notesCsv({ ...before, maps: [original] }));
  expect(notes.text).toMatch(/^\uFEFFmap,stage,phase,lane,kind,channel,text,/);
  expect(notes.text).toContain(`,"Compares ""plans"", prices",`);
  expect(notes.text).toContain(",'=SUM(A1),");
  const crowd = await exportedData(page, "crowd");
  expect(crowd.name).toBe(`${before.board.title} - ${original.title} crowd results.csv`);
  expect(crowd.text).toBe("\uFEFFmap,segment,stage,phase,mean,sd,scores,participants,closed\r\n");

  await openImport(page);
  await page.getByLabel("File to import").setInputFiles(path);
  await page.getByRole("button", { name: "Add as a new map" }).click();
  await expect(page.getByRole("status").filter({ hasText: "as a new map" })).toBeVisible();
  const added = await stored(url);
  expect(added.maps).toHaveLength(2);
  expect(added.maps[1]?.title).not.toBe(original.title);
  expect(byPlace(added.maps[1] as MapFile)).toEqual(byPlace(original));

  // The whole import is one step of this participant's undo history.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await stored(url)).maps.length, { timeout: 15_000 }).toBe(1);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect.poll(async () => (await stored(url)).maps.length, { timeout: 15_000 }).toBe(2);

  await page.getByLabel("File to import").setInputFiles(path);
  await page.getByRole("button", { name: "Open as a new board" }).click();
  await expect(page).not.toHaveURL(url);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  // A new board keeps the file's ids: its map is the original, exactly.
  await expect.poll(async () => (await stored(page.url())).maps, { timeout: 15_000 }).toEqual([original]);
  const fresh = await stored(page.url());
  expect(fresh.board).toEqual(before.board);
  // The original board is untouched by the new one.
  expect((await stored(url)).maps).toHaveLength(2);
});

test("a broken file or picture shows what is wrong, naming the field, and changes nothing; a viewer cannot add a map", async ({
  app,
  browser,
  page,
}, testInfo) => {
  const url = await app.createBoard();
  await seedMap(url);
  await openBoard(page, url);
  const json = await exportedData(page, "json");
  const before = await stored(url);
  await openImport(page);

  const broken = JSON.parse(json.text) as { maps: { notes: { text: unknown }[] }[] };
  (broken.maps[0]?.notes[1] as { text: unknown }).text = 42;
  const path = testInfo.outputPath("broken.journeyboard.json");
  await writeFile(path, JSON.stringify(broken));
  await page.getByLabel("File to import").setInputFiles(path);
  await expect(page.getByRole("alert")).toHaveText(
    "broken.journeyboard.json cannot be imported: maps[0].notes[1].text: expected string",
  );
  await expect(page.getByRole("button", { name: "Add as a new map" })).toHaveCount(0);

  const screenshot = await page.screenshot();
  await dropFile(page, screenshot, "screenshot.png", "image/png");
  await expect(page.getByRole("alert")).toHaveText(
    "screenshot.png cannot be imported: this picture holds no Journeyboard board: only PNGs exported by Journeyboard carry one",
  );
  const withBoard = withBoardInPng(screenshot, json.text);
  await dropFile(page, withBoard.subarray(0, withBoard.length - 500), "cut.png", "image/png");
  await expect(page.getByRole("alert")).toHaveText(
    "cut.png cannot be imported: the picture is cut short inside its iTXt chunk: it may not have fully downloaded",
  );
  await expect(page.getByRole("button", { name: "Add as a new map" })).toHaveCount(0);

  // A viewer may read a file and open it as a board of their own, never add it to this one.
  const viewer = await joinAs(browser, await app.linkFor(url, "viewer"));
  await openImport(viewer);
  await viewer
    .getByLabel("File to import")
    .setInputFiles({ name: "map.json", mimeType: "application/json", buffer: Buffer.from(json.text) });
  await expect(viewer.getByRole("button", { name: "Open as a new board" })).toBeEnabled();
  await expect(viewer.getByRole("button", { name: "Add as a new map" })).toBeDisabled();
  const after = await stored(url);
  expect(after.maps).toEqual(before.maps);
  expect(after.board).toEqual(before.board);
});

test("the exported PNG carries its map: dropped on the board page or on the landing page, re-creates the same map", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await seedMap(url);
  await openBoard(page, url);
  const json = await exportedData(page, "json");
  const original = (await stored(url)).maps[0] as MapFile;
  const { name, bytes: png } = await exported(page, { format: "png", scale: 1 });
  // Still a picture any PNG reader decodes, carrying the map as the exported file has it.
  expect(PNG.sync.read(png).width).toBeGreaterThan(100);
  const carried = boardFromPng(png);
  expect(carried.ok && (JSON.parse(carried.text) as BoardFile).maps).toEqual((JSON.parse(json.text) as BoardFile).maps);

  await page.getByRole("button", { name: "Close" }).click();
  await dropFile(page, png, name, "image/png");
  await expect(page.getByRole("group", { name: "Import what" })).toContainText("Add it as a new map here");
  await page.getByRole("button", { name: "Add as a new map" }).click();
  await expect.poll(async () => (await stored(url)).maps.length, { timeout: 15_000 }).toBe(2);
  expect(byPlace((await stored(url)).maps[1] as MapFile)).toEqual(byPlace(original));

  await page.goto(app.url);
  await expect(page.getByRole("button", { name: "New journey board" })).toBeVisible();
  await dropFile(page, png.subarray(0, png.length - 500), "cut.png", "image/png");
  await expect(page.getByRole("alert")).toHaveText(
    "The board could not be made from this file: the picture is cut short inside its iTXt chunk: it may not have fully downloaded.",
  );
  await dropFile(page, png, name, "image/png");
  await expect(page).toHaveURL(/\/b\//);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect.poll(async () => (await stored(page.url())).maps, { timeout: 15_000 }).toEqual([original]);
});

test("a 5,000-note file shows its progress while it is read, checked and imported", async ({ app, page }, testInfo) => {
  test.slow();
  const url = await app.createBoard();
  const big = new Y.Doc();
  createBoard(big, { title: "Large workshop" });
  const map = firstMap(big);
  const stages = listStages(map);
  const lanes = listLanes(map);
  big.transact(() => {
    for (let i = 0; i < 5000; i++) {
      const stage = stages[i % stages.length];
      const lane = lanes[i % lanes.length];
      if (!stage || !lane) throw new Error("the default map has stages and lanes");
      const at = { x: 8 + (i % 7) * 24, y: 8 + (i % 13) * 24 };
      addNote(map, { cell: { stageId: stage.id, laneId: lane.id }, ...at, author: "Seed", text: `Note ${i}` });
    }
  });
  const text = boardFileJson(exportBoard(big));
  const path = testInfo.outputPath("big.journeyboard.json");
  await writeFile(path, text);

  await openBoard(page, url);
  await openImport(page);
  // Every text the progress shows, as the page draws it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const shown = document.querySelector("[aria-label='Import progress']")?.textContent;
      if (shown && seen.at(-1) !== shown) seen.push(shown);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const started = Date.now();
  await page.getByLabel("File to import").setInputFiles(path);
  // A large file on a busy machine: reading, checking, importing and drawing 5,000 notes take their time.
  const large = { timeout: 60_000 };
  await expect(page.getByRole("button", { name: "Add as a new map" })).toBeVisible(large);
  const checked = Date.now();
  await page.getByRole("button", { name: "Add as a new map" }).click();
  await expect(page.getByRole("status").filter({ hasText: "as a new map" })).toBeVisible(large);
  const written = Date.now();
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  console.log(
    `5,000-note file (${(text.length / 1e6).toFixed(1)} M characters): read and checked in ${checked - started} ms, ` +
      `imported in ${written - checked} ms; progress shown: ${seen.join(" | ")}`,
  );
  expect(seen.some((s) => /^Reading the file… \d+ %$/.test(s))).toBe(true);
  expect(seen).toContain("Checking the file…");
  expect(seen).toContain("Importing…");
  await expect
    .poll(async () => (await stored(url)).maps.map((m) => m.notes.length), { timeout: 20_000 })
    .toEqual([0, 5000]);
});

test("two participants import the same file at the same instant: both maps land whole, and each undoes only their own", async ({
  app,
  browser,
  page,
}, testInfo) => {
  const url = await app.createBoard();
  await seedMap(url);
  await openBoard(page, url);
  const editor = await joinAs(browser, await app.linkFor(url, "editor"));
  const json = await exportedData(page, "json");
  const original = (await stored(url)).maps[0] as MapFile;
  const path = testInfo.outputPath("shared.journeyboard.json");
  await writeFile(path, json.text);
  await openImport(page);
  await openImport(editor);
  for (const someone of [page, editor]) await someone.getByLabel("File to import").setInputFiles(path);
  await Promise.all([page, editor].map((someone) => someone.getByRole("button", { name: "Add as a new map" }).click()));
  await expect.poll(async () => (await stored(url)).maps.length, { timeout: 15_000 }).toBe(3);
  const both = await stored(url);
  expect(new Set(both.maps.map((m) => m.id)).size).toBe(3);
  for (const imported of both.maps.slice(1)) expect(byPlace(imported)).toEqual(byPlace(original));

  await editor.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await stored(url)).maps.length, { timeout: 15_000 }).toBe(2);
  expect(byPlace((await stored(url)).maps[1] as MapFile)).toEqual(byPlace(original));
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await stored(url)).maps.map((m) => m.id), { timeout: 15_000 }).toEqual([original.id]);
});

test("a file whose map is too large to add in one step says so and changes nothing; it opens as a new board", async ({
  app,
  page,
}, testInfo) => {
  const url = await app.createBoard();
  await openBoard(page, url);
  const before = await stored(url);
  // 5,000 notes tagged with 30 segments each: 225,000 items, past the 200,000 the relay takes in one update.
  const path = testInfo.outputPath("tagged.journeyboard.json");
  await writeFile(path, boardFileJson(heavilyTagged(before, 5000, 30)));
  await openImport(page);
  await page.getByLabel("File to import").setInputFiles(path);
  const refusal = page.getByRole("alert");
  await expect(refusal).toContainText("has 5,000 notes (");
  await expect(refusal).toContainText(
    "more than the 200,000 the board takes at once): too many to add as a map in one step. Open it as a new board instead.",
  );
  console.log(`too large to add: ${await refusal.textContent()}`);
  await expect(page.getByRole("button", { name: "Add as a new map" })).toBeDisabled();
  expect((await stored(url)).maps).toEqual(before.maps);

  await page.getByRole("button", { name: "Open as a new board" }).click();
  await expect(page).not.toHaveURL(url);
  await expect.poll(async () => (await stored(page.url())).maps[0]?.notes.length, { timeout: 60_000 }).toBe(5000);
  expect((await stored(url)).maps).toEqual(before.maps);
});
