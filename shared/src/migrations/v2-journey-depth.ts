import { generateKeyBetween } from "fractional-indexing";
import * as Y from "yjs";

/**
 * Version 2, frozen: an emotion lane after "thoughts" (or last), a default segment, and a segment-tag
 * map on every note. Ids are derived from the map's, so a second run on another copy writes the same
 * records rather than new ones.
 */
const CONTAINERS = ["stages", "lanes", "notes", "segments", "raci"];

function sorted(container: Y.Map<unknown>): { id: string; order: string; y: Y.Map<unknown> }[] {
  const rows: { id: string; order: string; y: Y.Map<unknown> }[] = [];
  for (const [id, y] of container.entries()) {
    if (!(y instanceof Y.Map)) continue;
    const order = y.get("order");
    rows.push({ id, order: typeof order === "string" ? order : "", y });
  }
  return rows.sort((a, b) => (a.order !== b.order ? (a.order < b.order ? -1 : 1) : a.id < b.id ? -1 : 1));
}

/** The key version 2 gave a record placed at `index` (equal neighbours: just before the next greater). */
function keyAt(rows: readonly { order: string }[], index: number): string {
  const before = rows[index - 1]?.order ?? null;
  const after = rows[index]?.order ?? null;
  if (before === null || after === null || before < after) return generateKeyBetween(before, after);
  const next = rows.slice(index).find((r) => r.order > before)?.order ?? null;
  return generateKeyBetween(before, next);
}

function fields(values: Record<string, unknown>): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(values)) y.set(key, value);
  return y;
}

export function up(doc: Y.Doc): void {
  for (const [mapId, map] of doc.getMap("maps").entries()) {
    // A map without its containers (damaged) is left as it is rather than failing the whole board.
    if (!(map instanceof Y.Map) || CONTAINERS.some((name) => !(map.get(name) instanceof Y.Map))) continue;
    const lanes = map.get("lanes") as Y.Map<unknown>;
    const segments = map.get("segments") as Y.Map<unknown>;
    const rows = sorted(lanes);
    if (!rows.some((l) => l.y.get("kind") === "emotion")) {
      const thoughts = rows.findIndex((l) => l.y.get("kind") === "thoughts");
      const at = thoughts >= 0 ? thoughts + 1 : rows.length;
      lanes.set(
        `${mapId}-emotion`,
        fields({ title: "How it feels", kind: "emotion", height: 200, order: keyAt(rows, at) }),
      );
    }
    if (sorted(segments).length === 0) {
      const segment = fields({
        name: "Typical customer",
        color: "#1971C2",
        description: "",
        valueTier: "mid",
        order: generateKeyBetween(null, null),
      });
      segment.set("emotion", new Y.Map<unknown>());
      segments.set(`${mapId}-segment`, segment);
    }
    for (const [, note] of (map.get("notes") as Y.Map<unknown>).entries()) {
      if (note instanceof Y.Map && !(note.get("segments") instanceof Y.Map)) note.set("segments", new Y.Map<unknown>());
    }
  }
}
