import { RACI_LETTERS, type RaciLetter } from "./schema.js";

/**
 * What a click on a cell of the RACI grid sets: an empty cell becomes R, one letter becomes the next in
 * R A C I order, and I (or a cell holding several letters) becomes empty again. The keyboard toggles
 * letters one by one (toggleLetter), so a cell with several letters is made there; a click clears it, and
 * undo brings it back.
 */
export function nextCellLetters(letters: readonly RaciLetter[]): RaciLetter[] {
  if (letters.length === 0) return ["R"];
  if (letters.length > 1) return [];
  const next = RACI_LETTERS[RACI_LETTERS.indexOf(letters[0] as RaciLetter) + 1];
  return next ? [next] : [];
}
