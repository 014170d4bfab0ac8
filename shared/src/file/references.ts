import type { BoardFile, MapFile } from "./format.js";

/**
 * What the schema alone cannot say: ids unique where they must be, and every reference naming something
 * the file holds (a note's stage and lane, its segments, a curve's stages, an activity's stage, notes and
 * roles, crowd and vote results' segments, stages and notes). Each problem names its field's path.
 */
export interface FileIssue {
  path: string;
  message: string;
}

export function checkReferences(file: BoardFile): FileIssue[] {
  const issues: FileIssue[] = [];
  const mapIds = new Set<string>();
  file.maps.forEach((map, m) => {
    const at = `maps[${m}]`;
    if (mapIds.has(map.id)) issues.push({ path: `${at}.id`, message: `another map has the id "${map.id}"` });
    mapIds.add(map.id);
    checkMap(map, at, issues);
  });
  return issues;
}

function unique(items: readonly { id: string }[], at: string, what: string, issues: FileIssue[]): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) issues.push({ path: `${at}[${i}].id`, message: `another ${what} has the id "${item.id}"` });
    ids.add(item.id);
  });
  return ids;
}

function checkMap(map: MapFile, at: string, issues: FileIssue[]): void {
  const stages = unique(map.stages, `${at}.stages`, "stage", issues);
  const lanes = unique(map.lanes, `${at}.lanes`, "lane", issues);
  const notes = unique(map.notes, `${at}.notes`, "note", issues);
  const segments = unique(map.segments, `${at}.segments`, "segment", issues);
  const roles = unique(map.raci.roles, `${at}.raci.roles`, "role", issues);
  unique(map.raci.activities, `${at}.raci.activities`, "activity", issues);
  const known = (ids: Set<string>, what: string) => (id: string | null, path: string) => {
    if (id !== null && !ids.has(id)) issues.push({ path, message: `no ${what} "${id}" in this map` });
  };
  const stage = known(stages, "stage");
  const segment = known(segments, "segment");
  const note = known(notes, "note");
  map.notes.forEach((n, i) => {
    if (n.cell) {
      stage(n.cell.stageId, `${at}.notes[${i}].cell.stageId`);
      known(lanes, "lane")(n.cell.laneId, `${at}.notes[${i}].cell.laneId`);
    }
    n.segmentIds.forEach((id, j) => {
      segment(id, `${at}.notes[${i}].segmentIds[${j}]`);
    });
  });
  map.segments.forEach((s, i) => {
    s.curve.forEach((p, j) => {
      stage(p.stageId, `${at}.segments[${i}].curve[${j}].stageId`);
    });
  });
  map.raci.activities.forEach((a, i) => {
    const path = `${at}.raci.activities[${i}]`;
    stage(a.stageId, `${path}.stageId`);
    a.noteIds.forEach((id, j) => {
      note(id, `${path}.noteIds[${j}]`);
    });
    for (const roleId of Object.keys(a.cells)) known(roles, "role")(roleId, `${path}.cells.${roleId}`);
  });
  const scored = new Set<string>();
  map.crowd.forEach((c, i) => {
    const path = `${at}.crowd[${i}]`;
    segment(c.segmentId, `${path}.segmentId`);
    if (scored.has(c.segmentId))
      issues.push({ path: `${path}.segmentId`, message: "another result is for this segment" });
    scored.add(c.segmentId);
    c.stages.forEach((s, j) => {
      stage(s.stageId, `${path}.stages[${j}].stageId`);
    });
    c.shared.forEach((s, j) => {
      s.scores.forEach((p, k) => {
        stage(p.stageId, `${path}.shared[${j}].scores[${k}].stageId`);
      });
    });
  });
  map.vote?.dots.forEach((d, i) => {
    note(d.noteId, `${at}.vote.dots[${i}].noteId`);
  });
}
