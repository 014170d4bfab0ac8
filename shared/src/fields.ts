import * as Y from "yjs";

/** Typed reads of one field of a record stored as a Y.Map, with the fallback a reader needs when a peer wrote nonsense. */

export function readString(record: Y.Map<unknown>, key: string, fallback: string): string {
  const value = record.get(key);
  return typeof value === "string" ? value : fallback;
}

export function readNumber(record: Y.Map<unknown>, key: string, fallback: number): number {
  const value = record.get(key);
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

export function readChild(record: Y.Map<unknown>, key: string): Y.Map<unknown> | undefined {
  const value = record.get(key);
  return value instanceof Y.Map ? value : undefined;
}

/** Each entry of a map of records whose values are themselves Y.Maps. */
export function* records(parent: Y.Map<unknown> | undefined): Generator<[string, Y.Map<unknown>]> {
  if (!parent) return;
  for (const [id, value] of parent.entries()) {
    if (value instanceof Y.Map) yield [id, value];
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
