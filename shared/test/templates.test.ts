import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { exportBoard, type MapFile, parseBoardFile } from "../src/file/index.js";
import { BOARD_TEMPLATES, createBoard, DEFAULT_ROLES, DEFAULT_SEGMENT } from "../src/index.js";

const dir = fileURLToPath(new URL("../templates/", import.meta.url));

function template(id: string) {
  const parsed = parseBoardFile(readFileSync(`${dir}${id}.json`, "utf8"));
  if (!parsed.ok) throw new Error(`${id}.json: ${parsed.message}`);
  return parsed.file;
}

/** A map's structure without its ids: what a template promises. */
const shape = (map: MapFile) => ({
  title: map.title,
  state: map.state,
  stages: map.stages.map(({ title, phase, width }) => ({ title, phase, width })),
  lanes: map.lanes.map(({ title, kind, height }) => ({ title, kind, height })),
  segments: map.segments.map(({ name, color, description, valueTier }) => ({ name, color, description, valueTier })),
  roles: map.raci.roles.map((r) => r.name),
});

describe("board templates", () => {
  it("has a valid Journeyboard file for each template offered, and nothing else in the folder", () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(BOARD_TEMPLATES.map((t) => `${t.id}.json`).sort());
    for (const { id } of BOARD_TEMPLATES) expect(template(id).maps.length).toBeGreaterThan(0);
  });

  it("keeps the journey template in step with the method's journey a board is created with", () => {
    const doc = new Y.Doc();
    createBoard(doc);
    const created = exportBoard(doc);
    expect(template("journey").maps.map(shape)).toEqual(created.maps.map(shape));
    expect(created.maps[0]?.segments[0]?.name).toBe(DEFAULT_SEGMENT.name);
    expect(created.maps[0]?.raci.roles.map((r) => r.name)).toEqual(DEFAULT_ROLES);
  });

  it("prepares the workshop: segments, a future-state map, and RACI activities on every stage", () => {
    const workshop = template("workshop");
    expect(workshop.maps.map((m) => m.state)).toEqual(["current", "future"]);
    for (const map of workshop.maps) {
      expect(map.segments.length).toBeGreaterThanOrEqual(3);
      expect(map.raci.activities.map((a) => a.stageId)).toEqual(map.stages.map((s) => s.id));
    }
    const service = template("service").maps[0];
    expect(service?.stages.map((s) => s.title)).toEqual(
      expect.arrayContaining([
        "I receive the order",
        "I install and set it up",
        "I ask for help",
        "I continue or renew",
      ]),
    );
  });
});
