import * as Y from "yjs";
import { change, cleanTitle, containerOf, type JourneyMap, record } from "./doc.js";
import { readChild, readString, records } from "./fields.js";
import { newId } from "./ids.js";
import { byOrder, orderKeyAt } from "./order.js";
import { MAX_TITLE } from "./protocol.js";
import { isValueTier, type Segment, type ValueTier } from "./schema.js";
import { DEFAULT_SEGMENT } from "./template.js";

/** Customer segments (personas) of a map, each with its own emotion curve (see emotion.ts). */

export interface SegmentFields {
  name: string;
  color: string;
  description: string;
  valueTier: ValueTier;
}

const COLOR = /^#[0-9A-Fa-f]{6}$/;

export function listSegments(map: JourneyMap): Segment[] {
  return [...records(containerOf(map, "segments"))]
    .map(([id, y]) => {
      const tier = y.get("valueTier");
      const color = readString(y, "color", DEFAULT_SEGMENT.color);
      return {
        id,
        name: readString(y, "name", DEFAULT_SEGMENT.name),
        color: COLOR.test(color) ? color : DEFAULT_SEGMENT.color,
        description: readString(y, "description", ""),
        valueTier: isValueTier(tier) ? tier : "mid",
        order: readString(y, "order", ""),
      };
    })
    .sort(byOrder);
}

/** Adds a segment after the others; returns its id. */
export function addSegment(map: JourneyMap, fields: SegmentFields = DEFAULT_SEGMENT, id: string = newId()): string {
  change(map.board, () => {
    const segments = listSegments(map);
    const y = record({ ...clean(fields), order: orderKeyAt(segments, segments.length).key });
    // The curve's containers are made with the segment, never later by whoever sets a point first.
    y.set("emotion", new Y.Map<unknown>());
    y.set("labels", new Y.Map<unknown>());
    containerOf(map, "segments").set(id, y);
  });
  return id;
}

export function updateSegment(map: JourneyMap, segmentId: string, patch: Partial<SegmentFields>): void {
  change(map.board, () => {
    const y = readChild(containerOf(map, "segments"), segmentId);
    if (!y) return;
    const current = listSegments(map).find((s) => s.id === segmentId);
    if (!current) return;
    for (const [key, value] of Object.entries(clean({ ...current, ...patch }))) {
      if (y.get(key) !== value) y.set(key, value);
    }
  });
}

/** Deletes a segment and its curve; notes tagged with it lose the tag, nothing else. */
export function deleteSegment(map: JourneyMap, segmentId: string): void {
  change(map.board, () => {
    containerOf(map, "segments").delete(segmentId);
    for (const [, note] of records(containerOf(map, "notes"))) readChild(note, "segments")?.delete(segmentId);
  });
}

function clean(fields: SegmentFields): SegmentFields {
  return {
    name: cleanTitle(fields.name, DEFAULT_SEGMENT.name),
    color: COLOR.test(fields.color) ? fields.color : DEFAULT_SEGMENT.color,
    description: fields.description.trim().slice(0, MAX_TITLE * 4),
    valueTier: isValueTier(fields.valueTier) ? fields.valueTier : "mid",
  };
}
