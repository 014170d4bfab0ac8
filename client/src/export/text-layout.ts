/**
 * Text laid out for a picture, pure: wrapped into lines by a measure the caller gives (the canvas's own
 * in the browser), so the PNG, the SVG and the PDF break lines at the same words.
 */

/** A text's width at font size 1, regular or bold. */
export type Measure = (text: string, bold: boolean) => number;

/** Words wrapped into lines no wider than `width` at `size`; a word wider than a line is broken. */
export function wrapText(text: string, width: number, size: number, bold: boolean, measure: Measure): string[] {
  const lines: string[] = [];
  const limit = width / size;
  const space = measure(" ", bold);
  for (const paragraph of text.split("\n")) {
    let line = "";
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wide = measure(word, bold);
      if (line && used + space + wide <= limit) {
        line = `${line} ${word}`;
        used += space + wide;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the line is cut where it no longer fits, as the board's note text is.
      let rest = word;
      while (rest.length > 1 && measure(rest, bold) > limit) {
        // The longest start of the word that fits: found by halving, a 4,000-letter word takes a dozen measures.
        let [low, high] = [1, rest.length - 1];
        while (low < high) {
          const middle = Math.ceil((low + high) / 2);
          if (measure(rest.slice(0, middle), bold) <= limit) low = middle;
          else high = middle - 1;
        }
        const end = low;
        lines.push(rest.slice(0, end));
        rest = rest.slice(end);
      }
      line = rest;
      used = measure(rest, bold);
    }
    lines.push(line);
  }
  return lines;
}

/** Lines cut to `max`, the last one ending in "…" when text was left out. */
export function cutLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  const kept = lines.slice(0, Math.max(1, max));
  const last = kept.length - 1;
  kept[last] = `${(kept[last] ?? "").replace(/.?$/u, "")}…`;
  return kept;
}

export interface FittedText {
  lines: string[];
  size: number;
  /** Some of the text does not fit even at the smallest size. */
  cut: boolean;
}

/**
 * Text in a box at the largest size from `max` down to `min` (1 px steps) at which its lines fit the
 * box's height, as a note's text is fitted on the board; at `min`, cut to the lines that fit.
 */
export function fitBox(
  text: string,
  box: { w: number; h: number },
  sizes: { max: number; min: number },
  lineHeight: number,
  measure: Measure,
): FittedText {
  for (let size = sizes.max; size >= sizes.min; size--) {
    const lines = wrapText(text, box.w, size, false, measure);
    if (lines.length * size * lineHeight <= box.h) return { lines, size, cut: false };
  }
  const lines = wrapText(text, box.w, sizes.min, false, measure);
  const room = Math.max(1, Math.floor(box.h / (sizes.min * lineHeight)));
  return { lines: cutLines(lines, room), size: sizes.min, cut: true };
}

/** A measure that remembers each text's width: a map repeats the same words many times. */
export function remembered(measure: Measure): Measure {
  const widths = new Map<string, number>();
  return (text, bold) => {
    const key = `${bold ? "b" : "r"}${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = measure(text, bold);
      widths.set(key, width);
    }
    return width;
  };
}

/** One line no wider than `width`: cut with "…" when it does not fit. */
export function fitLine(text: string, width: number, size: number, bold: boolean, measure: Measure): string {
  if (measure(text, bold) * size <= width) return text;
  let end = text.length;
  while (end > 0 && measure(`${text.slice(0, end)}…`, bold) * size > width) end--;
  return end > 0 ? `${text.slice(0, end)}…` : "";
}
