import type * as Y from "yjs";
import { MAX_NOTE_TEXT } from "./protocol.js";

/** One contiguous replacement that turns one string into another. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The smallest single replacement from `before` to `after` (common prefix and suffix kept), so that an
 * edit in a plain textarea becomes a small Y.Text change that merges with other people's typing.
 */
export function diffText(before: string, after: string): TextChange {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair (an emoji): a lone half would reach everyone as U+FFFD.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < shortest - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Applies a change to a Y.Text, cutting the insertion so the text never exceeds the note limit. */
export function applyTextChange(text: Y.Text, change: TextChange, origin: unknown): void {
  const room = Math.max(0, MAX_NOTE_TEXT - (text.length - change.remove));
  let insert = change.insert.slice(0, room);
  if (insert.length < change.insert.length && isHighSurrogate(insert.charCodeAt(insert.length - 1))) {
    insert = insert.slice(0, -1);
  }
  if (change.remove === 0 && insert.length === 0) return;
  text.doc?.transact(() => {
    if (change.remove > 0) text.delete(change.index, change.remove);
    if (insert.length > 0) text.insert(change.index, insert);
  }, origin);
}
