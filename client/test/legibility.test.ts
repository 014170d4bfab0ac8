import { describe, expect, it } from "vitest";
import { fittedTitleSize, titleSize } from "../src/canvas/legibility.js";

/** A font whose every character is 0.6 of the font size wide. */
const mono = (text: string) => text.length * 0.6;
const LANE_BOX = { w: 152, h: 176 };

describe("lane titles", () => {
  it("keep their readable size when their words fit the header", () => {
    expect(fittedTitleSize("How it feels", LANE_BOX, titleSize("lane", 1), mono)).toBe(titleSize("lane", 1));
    expect(fittedTitleSize("Pain points", LANE_BOX, 20, mono)).toBe(20);
  });

  it("shrink until their longest word fits the header's width, at 33 % zoom", () => {
    const wanted = titleSize("lane", 0.33);
    const size = fittedTitleSize("Opportunities", LANE_BOX, wanted, mono);
    expect(size).toBeLessThan(wanted);
    expect(mono("Opportunities") * size).toBeLessThanOrEqual(LANE_BOX.w);
    // As large as fits, not smaller.
    expect(mono("Opportunities") * size).toBeGreaterThan(LANE_BOX.w * 0.9);
  });

  it("shrink until all their lines fit the header's height", () => {
    const box = { w: 152, h: 40 };
    const size = fittedTitleSize("Thoughts and feelings of the customer", box, 30, mono);
    const perLine = Math.floor(box.w / (0.6 * size) + 1e-9);
    // Greedy wrapping between words, as Konva does, with lines of at most `perLine` characters.
    const lines = "Thoughts and feelings of the customer".split(" ").reduce<string[]>((all, word) => {
      const last = all.at(-1);
      if (last !== undefined && `${last} ${word}`.length <= perLine) all[all.length - 1] = `${last} ${word}`;
      else all.push(word);
      return all;
    }, []);
    expect(lines.length * size).toBeLessThanOrEqual(box.h);
    expect(size).toBeGreaterThan(5);
  });

  it("leave an empty title at the size asked", () => {
    expect(fittedTitleSize("  ", LANE_BOX, 18, mono)).toBe(18);
  });
});
