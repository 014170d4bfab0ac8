import {
  addActivity,
  addNote,
  addRole,
  addSegment,
  listLanes,
  listStages,
  setEmotion,
  setEmotionLabel,
  tagNotes,
  toggleLetter,
} from "@journeyboard/shared";
import { type BoardFile, exportBoard, type MapFile } from "@journeyboard/shared/file";
import type { Page } from "@playwright/test";
import { expect } from "./app.js";
import { exported } from "./export-files.js";
import { firstMap, withBoard } from "./reader.js";

/** Helpers of the Journeyboard file specs: a seeded map, boards read back as files, the Files panel, a drop. */

/** A map with notes in several cells (text that CSV and JSON must quote), a segment with its curve, a RACI row. */
export function seedMap(url: string): Promise<void> {
  return withBoard(url, (doc) => {
    const map = firstMap(doc);
    const [s0, s1, s2] = listStages(map);
    const [l0, l1] = listLanes(map);
    if (!s0 || !s1 || !s2 || !l0 || !l1) throw new Error("the default map has stages and lanes");
    const segment = addSegment(map, {
      name: "Small firms",
      color: "#3366cc",
      description: "",
      valueTier: "high",
    });
    const texts = ['Compares "plans", prices', "été: 日本語\nsecond line", "=SUM(A1)", "Calls support"];
    const ids = [s0, s1, s2, s1].map((stage, i) =>
      addNote(map, {
        cell: { stageId: stage.id, laneId: (i % 2 ? l1 : l0).id },
        x: 16 + i * 8,
        y: 16,
        author: "Seed",
        text: texts[i],
        kind: i === 3 ? "pain-point" : "note",
        channel: i === 0 ? "web" : null,
      }),
    );
    tagNotes(map, ids.slice(0, 2), segment, true);
    setEmotion(map, segment, s0.id, 2);
    setEmotion(map, segment, s2.id, -1);
    setEmotionLabel(map, segment, s2.id, "waits on hold");
    const role = addRole(map, "Support");
    const activity = addActivity(map, { title: "Answer the call", stageId: s1.id, noteIds: [ids[3] ?? ""] });
    if (role && activity) toggleLetter(map, activity, role, "R");
  });
}

export function stored(url: string): Promise<BoardFile> {
  return withBoard(url, (doc) => exportBoard(doc));
}

/** A map with every id replaced by its kind and place, to compare a map imported with fresh ids. */
export function byPlace(map: MapFile): unknown {
  const names = new Map<string, string>([[map.id, "map"]]);
  const name = (kind: string, items: readonly { id: string }[]) => {
    items.forEach((item, i) => {
      names.set(item.id, `${kind}-${i}`);
    });
  };
  name("stage", map.stages);
  name("lane", map.lanes);
  name("note", map.notes);
  name("segment", map.segments);
  name("role", map.raci.roles);
  name("activity", map.raci.activities);
  const { title: _title, ...rest } = map;
  return JSON.parse(
    JSON.stringify(rest).replace(/"([A-Za-z0-9_-]{1,64})"/g, (all, id) => {
      const known = names.get(id);
      return known ? `"${known}"` : all;
    }),
  );
}

export async function openImport(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Import a file/ }).click();
  await expect(page.getByRole("complementary", { name: "Import" })).toBeVisible();
}

/** The map (or every map) as a file of that kind, exported through the Export panel. */
export async function exportedData(
  page: Page,
  format: "json" | "notes" | "crowd",
  what: "map" | "maps" = "map",
): Promise<{ name: string; text: string }> {
  const { name, bytes } = await exported(page, { format, what });
  return { name, text: bytes.toString("utf8") };
}

/** Drops a file onto the page as a person dragging it from their desktop would. */
export async function dropFile(page: Page, bytes: Uint8Array, name: string, type: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { base64: Buffer.from(bytes).toString("base64"), name, type },
  );
  const target = (await page.getByTestId("board-canvas").count()) > 0 ? "[data-testid=board-canvas]" : "main";
  await page.dispatchEvent(target, "dragover", { dataTransfer: transfer });
  await page.dispatchEvent(target, "drop", { dataTransfer: transfer });
}

/** The board's file with its first map holding `notes` notes, each tagged with every one of `tags` segments. */
export function heavilyTagged(file: BoardFile, notes: number, tags: number): BoardFile {
  const map = file.maps[0] as MapFile;
  const [stage, lane] = [map.stages[0], map.lanes[0]];
  const segments = Array.from({ length: tags }, (_, i) => ({
    id: `segment-${i}`,
    name: `Segment ${i + 1}`,
    color: "#1971C2",
    description: "",
    valueTier: "mid" as const,
    curve: [],
  }));
  const tagged = Array.from({ length: notes }, (_, i) => ({
    id: `note-${i}`,
    text: `Note ${i}`,
    kind: "note" as const,
    cell: { stageId: stage?.id ?? "", laneId: lane?.id ?? "" },
    position: { x: 8 + (i % 10) * 18, y: 8 + (Math.floor(i / 10) % 10) },
    size: { w: 160, h: 112 },
    color: "yellow" as const,
    author: "Ana",
    authorColor: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    channel: null,
    polarity: null,
    source: null,
    segmentIds: segments.map((s) => s.id),
  }));
  return { ...file, maps: [{ ...map, segments, notes: tagged, crowd: [], vote: null }] };
}
