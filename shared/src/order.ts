import { generateJitteredKeyBetween, generateNJitteredKeysBetween } from "fractional-indexing-jittered";

/**
 * Order keys: the fractional keys that put stages, lanes, segments and maps in order. Keys are jittered,
 * so two people inserting at the same place at once practically never get equal keys; boards written
 * before jitter can still hold equal keys, which sort by id and are re-keyed when something lands
 * between them.
 */
export interface Ordered {
  id: string;
  order: string;
}

/** Sorts by order key; equal keys (two concurrent inserts) fall back to the id. */
export function byOrder<T extends Ordered>(a: T, b: T): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface OrderPlacement {
  /** The key of the record placed. */
  key: string;
  /** Neighbours that need a new key for the record to land exactly at its index. */
  rekeyed: Ordered[];
}

/**
 * The key that puts a record at `index` among `others` (sorted with `byOrder`, the record itself left
 * out). Between two neighbours with equal keys there is no key, so the tied records after the index are
 * given new keys too, keeping their order. Keys that are not valid fractional keys (a damaged board)
 * make every record get a new key, in today's order.
 */
export function orderKeyAt(others: readonly Ordered[], index: number): OrderPlacement {
  const at = Math.max(0, Math.min(others.length, Math.round(index)));
  try {
    const before = others[at - 1]?.order ?? null;
    const after = others[at]?.order ?? null;
    if (before === null || after === null || before < after) {
      return { key: generateJitteredKeyBetween(before, after), rekeyed: [] };
    }
    let end = at;
    while (end < others.length && others[end]?.order === before) end++;
    const keys = generateNJitteredKeysBetween(before, others[end]?.order ?? null, end - at + 1);
    return {
      key: keys[0] as string,
      rekeyed: others.slice(at, end).map((o, i) => ({ id: o.id, order: keys[i + 1] as string })),
    };
  } catch {
    const keys = generateNJitteredKeysBetween(null, null, others.length + 1);
    const rekeyed = others.map((o, i) => ({ id: o.id, order: keys[i < at ? i : i + 1] as string }));
    return { key: keys[at] as string, rekeyed };
  }
}

/** `count` keys in order, for records laid out together (a new map's stages). */
export function keysInOrder(count: number): string[] {
  return count > 0 ? generateNJitteredKeysBetween(null, null, count) : [];
}
