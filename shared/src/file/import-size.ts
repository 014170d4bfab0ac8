import type { MapFile } from "./format.js";

/**
 * How many items (Yjs structs) `importMap` writes for a map of a file, at most: the map is added in one
 * transaction, so in one update, and the relay refuses an update of more than MAX_UPDATE_ITEMS. Each
 * key set on a shared map is an item, each shared type another, a text's characters one more.
 */

/** A note: its entry, 11 fields (the text's type among them), the text's characters, its tags' map. */
const NOTE_ITEMS = 1 + 11 + 1 + 1;

function noteItems(note: MapFile["notes"][number]): number {
  const optional = [note.authorColor, note.channel, note.polarity, note.source].filter((v) => v !== null).length;
  return NOTE_ITEMS + optional + note.segmentIds.length;
}

function raciItems(raci: MapFile["raci"]): number {
  // roles, activities, systems, accountableShare; a role: its entry, name and order.
  let items = 4 + raci.roles.length * 3;
  for (const activity of raci.activities) {
    const letters = Object.values(activity.cells).reduce((sum, cell) => sum + cell.length, 0);
    // Its entry, title (and its characters), stageId, order, its notes', systems' and cells' maps.
    items += 8 + activity.noteIds.length + activity.systems.length + letters;
  }
  return items + Object.values(raci.systemStatus).filter((status) => status !== "unknown").length;
}

export function mapImportItems(map: MapFile): number {
  // The map's entry, title, state, order, and its stages', lanes', notes', segments' and RACI maps.
  let items = 9 + map.stages.length * 5 + map.lanes.length * 5;
  for (const note of map.notes) items += noteItems(note);
  for (const segment of map.segments) {
    // Its entry, five fields, its scores' and labels' maps; a score per point, a label where written.
    items += 8 + segment.curve.length + segment.curve.filter((point) => point.label).length;
  }
  return items + raciItems(map.raci);
}
