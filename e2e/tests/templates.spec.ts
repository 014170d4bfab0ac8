import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";

/** Boards made on the landing page from each template, and from a Journeyboard file someone exported. */

const FIXTURE = fileURLToPath(new URL("../../shared/test/fixtures/board-file-v1.json", import.meta.url));

interface ExportedMap {
  title: string;
  state: string;
  stages: { title: string; phase: string }[];
  notes: { text: string }[];
  segments: { name: string }[];
  raci: { roles: unknown[]; activities: { title: string; stageId: string | null }[] };
}

/** The board the page opened, as the server exports it with the page's own link. */
async function boardOf(page: Page): Promise<{ board: { title: string }; maps: ExportedMap[] }> {
  const url = new URL(page.url());
  const response = await fetch(`${url.origin}/api/boards/${url.pathname.split("/").pop()}/export.json`, {
    headers: { Authorization: `Bearer ${url.searchParams.get("token")}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** The texts the canvas draws. */
function drawnTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.Konva.stages[0]?.find("Text") ?? []).map((t) => (t as unknown as { text(): string }).text()),
  );
}

async function createFrom(page: Page, appUrl: string, template: RegExp): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole("radio", { name: template }).check();
  await page.getByRole("button", { name: "New journey board" }).click();
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9]{16}\?token=/);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

test("each template makes a board with its stages, maps and grid", async ({ app, page }) => {
  await page.goto(app.url);
  await expect(page.getByRole("radio", { name: /The method's journey/ })).toBeChecked();

  await createFrom(page, app.url, /The method's journey/);
  const journey = await boardOf(page);
  expect(journey.maps.map((m) => m.stages.length)).toEqual([9]);
  await expect.poll(() => drawnTexts(page)).toContain("I have a job to do / pain point");

  await createFrom(page, app.url, /Blank board/);
  const blank = await boardOf(page);
  expect(blank.board.title).toBe("Blank board");
  expect(blank.maps[0]?.stages.map((s) => s.title)).toEqual(["Stage 1"]);
  await expect.poll(() => drawnTexts(page)).toContain("Stage 1");

  await createFrom(page, app.url, /Post-sale service journey/);
  const service = await boardOf(page);
  expect(service.maps[0]?.stages.map((s) => s.title)).toEqual([
    "I receive the order",
    "I unpack and check it",
    "I install and set it up",
    "I learn to use it",
    "I use it day to day",
    "Something goes wrong",
    "I ask for help",
    "My problem is solved",
    "I get the bill",
    "I continue or renew",
  ]);
  expect(new Set(service.maps[0]?.stages.map((s) => s.phase))).toEqual(new Set(["post-sale"]));
  await expect.poll(() => drawnTexts(page)).toContain("I receive the order");

  await createFrom(page, app.url, /Workshop-ready board/);
  const workshop = await boardOf(page);
  expect(workshop.maps.map((m) => [m.title, m.state])).toEqual([
    ["Current state", "current"],
    ["Future state", "future"],
  ]);
  for (const map of workshop.maps) {
    expect(map.segments.map((s) => s.name)).toEqual(["New customers", "Loyal customers", "Customers at risk"]);
    expect(map.raci.activities).toHaveLength(9);
    expect(map.raci.roles).toHaveLength(6);
  }
  const maps = page.getByRole("navigation", { name: "Maps" });
  await expect(maps.getByRole("button", { name: "Future state" })).toBeVisible();
  await expect(maps.getByRole("button", { name: "Current state" })).toBeVisible();
});

test("starts a board from a Journeyboard file, and says which field a broken one gets wrong", async ({ app, page }) => {
  await page.goto(app.url);
  const fixture = JSON.parse(readFileSync(FIXTURE, "utf8"));
  const broken = structuredClone(fixture);
  broken.maps[0].notes[2].text = 42;
  await page.getByLabel("Start from a file").setInputFiles({
    name: "broken.journeyboard.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect(page.getByRole("alert")).toHaveText(
    "The board could not be made from this file: the file cannot be imported: maps[0].notes[2].text: expected string.",
  );
  expect(new URL(page.url()).pathname).toBe("/");

  await page.getByLabel("Start from a file").setInputFiles(FIXTURE);
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9]{16}\?token=/);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const board = await boardOf(page);
  expect(board.board.title).toBe(fixture.board.title);
  expect(board.maps.map((m) => m.notes.map((n) => n.text))).toEqual(
    fixture.maps.map((m: ExportedMap) => m.notes.map((n) => n.text)),
  );
  await expect.poll(() => drawnTexts(page)).toContain(fixture.maps[0].notes[0].text);
  await page.getByRole("link", { name: "Journeyboard" }).click();
  await expect(page.getByRole("link", { name: fixture.board.title })).toBeVisible();
});
