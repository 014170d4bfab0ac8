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
 * `caret` is where the edit ended in `after` (the textarea's caret after typing): when the text around
 * the edit repeats (a letter typed next to the same letter) it says which side the edit was made on.
 */
export function diffText(before: string, after: string, caret?: number): TextChange {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Where prefix and suffix overlap, the change fits anywhere from `earliest` to `prefix`: the inserted
  // text must be attached to the neighbour it was typed next to, or the typist's next key (and anyone
  // else's) would land on the wrong side of it.
  const earliest = Math.min(prefix, shortest - suffix);
  const atCaret = caret === undefined ? prefix : caret - (after.length - shortest);
  let start = Math.max(earliest, Math.min(prefix, atCaret));
  // Never split a surrogate pair (an emoji): a lone half would reach everyone as U+FFFD.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = Math.min(suffix, shortest - start);
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Applies a change to a Y.Text, cutting the insertion so the text never exceeds `limit` (a note's by
 * default; an activity title passes its own).
 */
export function applyTextChange(
  text: Y.Text,
  change: TextChange,
  origin: unknown,
  limit: number = MAX_NOTE_TEXT,
): void {
  const room = Math.max(0, limit - (text.length - change.remove));
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
