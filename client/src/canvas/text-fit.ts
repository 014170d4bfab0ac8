/**
 * Fitting text into a note, pure: the caller measures (Konva's own text layout in the browser), so the
 * choice is made exactly as the text will be drawn.
 */

export interface TextFit {
  fontSize: number;
  /** The text does not fit even at the smallest size: its end is hidden. */
  hidden: boolean;
}

/**
 * The largest size, from `max` down to `min` in 1 px steps, at which the text's height (as measured,
 * wrapped at the box's width) fits the box; at `min` with `hidden` when none does.
 */
export function fitText(
  height: number,
  sizes: { max: number; min: number },
  measuredHeight: (fontSize: number) => number,
): TextFit {
  for (let fontSize = sizes.max; fontSize >= sizes.min; fontSize--) {
    if (measuredHeight(fontSize) <= height) return { fontSize, hidden: false };
  }
  return { fontSize: sizes.min, hidden: true };
}

/** The first (longest) of a label's forms that fits the width; the last (shortest) when none does. */
export function fitLabel(forms: readonly string[], width: number, measuredWidth: (text: string) => number): string {
  return forms.find((form) => measuredWidth(form) <= width) ?? forms.at(-1) ?? "";
}
