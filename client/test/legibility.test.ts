import { STAGE_HEADER_HEIGHT } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import {
  activityBadgeSize,
  activityBadgeText,
  axisLabelShown,
  axisLabelSize,
  curveNameSize,
  fittedTitleSize,
  noteFaceSize,
  pointLabelSize,
  stageTitleWidth,
  titleSize,
} from "../src/canvas/legibility.js";

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

describe("zoomed-out faces and emotion labels", () => {
  it("draw a note face's first words at 12 px on screen, smaller (not below 7 px) so none is broken", () => {
    // A note's face is 140 board units wide; at 31 % 12 px on screen is a font of 38.7 board units.
    expect(noteFaceSize("Buy now", 140, 0.31, mono) * 0.31).toBeCloseTo(12);
    const size = noteFaceSize("Notices the router", 140, 0.31, mono);
    expect(mono("Notices") * size).toBeLessThanOrEqual(140);
    expect(size * 0.31).toBeLessThan(12);
    expect(size * 0.31).toBeGreaterThanOrEqual(7);
    expect(noteFaceSize("Supercalifragilistic", 140, 0.31, mono) * 0.31).toBeCloseTo(7);
  });

  it("keep curve names at 10 px and point labels at 9 px on screen when zoomed out, their own size when near", () => {
    expect(curveNameSize(1)).toBe(12);
    expect(curveNameSize(0.31) * 0.31).toBeCloseTo(10);
    expect(pointLabelSize(0.31) * 0.31).toBeCloseTo(9);
  });

  it("show every scale label near, only the ends and neutral when zoomed out, each at 9 px or more", () => {
    expect([3, 2, 1, 0, -1, -2, -3].filter((score) => axisLabelShown(score, 1))).toHaveLength(7);
    expect([3, 2, 1, 0, -1, -2, -3].filter((score) => axisLabelShown(score, 0.31))).toEqual([3, 0, -3]);
    expect(axisLabelSize(0.31) * 0.31).toBeCloseTo(9);
    expect(axisLabelSize(1)).toBe(11);
  });
});

describe("the activity badge of a stage header", () => {
  it("reads at 10 px on screen or more, up to the stage title's largest size", () => {
    for (const scale of [0.2, 0.25, 0.33, 0.5, 1, 2]) {
      expect(activityBadgeSize(scale) * scale).toBeGreaterThanOrEqual(10);
      expect(activityBadgeSize(scale)).toBeLessThanOrEqual(STAGE_HEADER_HEIGHT - 8);
    }
  });

  it("says its count in words beside a title at its own size, and in short beside an enlarged one", () => {
    expect(activityBadgeText(1, 1)).toBe("1 activity");
    expect(activityBadgeText(3, 1)).toBe("3 activities");
    expect(activityBadgeText(3, 0.3)).toBe("▦ 3");
  });

  it("takes its room from an enlarged stage title only, and leaves it most of its header", () => {
    expect(stageTitleWidth(240, "3 activities", 1, mono)).toBe(216);
    expect(stageTitleWidth(240, null, 0.25, mono)).toBe(216);
    const badge = activityBadgeText(12, 0.3);
    const narrowed = stageTitleWidth(360, badge, 0.3, mono);
    expect(narrowed).toBeCloseTo(336 - mono(badge) * activityBadgeSize(0.3) - 8);
    expect(narrowed).toBeGreaterThan(336 / 2);
  });
});
