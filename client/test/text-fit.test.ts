import { NOTE_SIZE } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { fitLabel, fitText } from "../src/canvas/text-fit.js";
import { NOTE_FONT_SIZE, NOTE_LINE_HEIGHT, NOTE_MIN_FONT_SIZE, NOTE_PADDING } from "../src/canvas/theme.js";
import { noteBadgeForms } from "../src/labels.js";

/** A stand-in for the browser's text layout: every character is 0.6 em wide, words wrap greedily. */
function wrappedHeight(text: string, width: number) {
  return (fontSize: number) => {
    const perLine = Math.max(1, Math.floor(width / (0.6 * fontSize)));
    let lines = 0;
    for (const paragraph of text.split("\n")) {
      let line = 0;
      lines++;
      for (const word of paragraph.split(" ")) {
        if (line > 0 && line + 1 + word.length > perLine) {
          lines++;
          line = word.length;
        } else line += (line > 0 ? 1 : 0) + word.length;
      }
    }
    return lines * fontSize * NOTE_LINE_HEIGHT;
  };
}

const sizes = { max: NOTE_FONT_SIZE, min: NOTE_MIN_FONT_SIZE };
const box = { w: NOTE_SIZE.w - 2 * NOTE_PADDING, h: NOTE_SIZE.h - 2 * NOTE_PADDING };

describe("fitting a note's text", () => {
  it("keeps the default size for text that fits", () => {
    expect(fitText(box.h, sizes, wrappedHeight("Hold music for 20 minutes", box.w))).toEqual({
      fontSize: NOTE_FONT_SIZE,
      hidden: false,
    });
    expect(fitText(box.h, sizes, wrappedHeight("", box.w))).toEqual({ fontSize: NOTE_FONT_SIZE, hidden: false });
  });

  it("shrinks longer text step by step to the largest size at which it fits", () => {
    const text = "The installer never called back and nobody could tell me when the engineer would come";
    const measure = wrappedHeight(text, box.w);
    const fit = fitText(box.h, sizes, measure);
    expect(fit.hidden).toBe(false);
    expect(fit.fontSize).toBeLessThan(NOTE_FONT_SIZE);
    expect(fit.fontSize).toBeGreaterThanOrEqual(NOTE_MIN_FONT_SIZE);
    expect(measure(fit.fontSize)).toBeLessThanOrEqual(box.h);
    expect(measure(fit.fontSize + 1)).toBeGreaterThan(box.h);
  });

  it("never goes below the readable minimum: beyond it the text's end is hidden", () => {
    const text = "word ".repeat(200);
    expect(fitText(box.h, sizes, wrappedHeight(text, box.w))).toEqual({ fontSize: NOTE_MIN_FONT_SIZE, hidden: true });
  });

  it("a larger note shows more text at the default size", () => {
    const text = "The installer never called back and nobody could tell me when the engineer would come";
    expect(fitText(box.h * 2, sizes, wrappedHeight(text, box.w * 2))).toEqual({
      fontSize: NOTE_FONT_SIZE,
      hidden: false,
    });
  });
});

describe("a note's badge on a narrow note", () => {
  /** Bold capitals at 10 px, about 7.5 px each. */
  const badgeWidth = (text: string) => [...text].length * 7.5;

  it("a moment of truth keeps its ★ or ⚡ at every note width, shortening its words first", () => {
    for (const polarity of ["positive", "negative"] as const) {
      const symbol = polarity === "positive" ? "★" : "⚡";
      const forms = noteBadgeForms({ kind: "moment-of-truth", channel: null, polarity, source: null });
      for (let w = NOTE_SIZE.min; w <= NOTE_SIZE.w * 2; w++) {
        const badge = fitLabel(forms, w - 2 * NOTE_PADDING, badgeWidth);
        expect(badge).toContain(symbol);
        expect(badgeWidth(badge)).toBeLessThanOrEqual(w - 2 * NOTE_PADDING);
      }
      expect(fitLabel(forms, 1000, badgeWidth)).toBe(`MOMENT OF TRUTH · ${symbol} ${polarity.toUpperCase()}`);
      expect(fitLabel(forms, badgeWidth(`${symbol} POS…`), badgeWidth)).toBe(
        `${symbol} ${polarity.slice(0, 3).toUpperCase()}…`,
      );
    }
  });

  it("other badges have one form, cut by the canvas when too long; a plain note has none", () => {
    expect(noteBadgeForms({ kind: "touchpoint", channel: "web", polarity: null, source: null })).toEqual([
      "TOUCHPOINT · WEB",
    ]);
    expect(noteBadgeForms({ kind: "note", channel: null, polarity: null, source: null })).toEqual([]);
    expect(fitLabel(["TOUCHPOINT · WEB"], 10, badgeWidth)).toBe("TOUCHPOINT · WEB");
  });
});
