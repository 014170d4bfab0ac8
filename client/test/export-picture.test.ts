import { addNote, journeyOf, listLanes, listSegments, listStages, setEmotion } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { composePicture, type Picture, scopedJourney } from "../src/export/compose.js";
import { FRAME, layoutFrame } from "../src/export/frame.js";
import { type Box, boxOf, overlaps } from "../src/export/shapes.js";
import { pictureSvg, svgTextParts } from "../src/export/svg.js";
import { fitBox, type Measure, wrapText } from "../src/export/text-layout.js";
import { planTiles, TILE_LIMITS } from "../src/export/tiles.js";
import { localBoard } from "./board.js";

/** A font whose every character is 0.6 of the font size wide (0.65 in bold). */
const mono: Measure = (text, bold) => text.length * (bold ? 0.65 : 0.6);

/** Narrow enough that the hostile note below stays on one line. */
const narrow: Measure = (text) => text.length * 0.3;

function finished<T>(generator: Generator<number, T>): T {
  for (;;) {
    const step = generator.next();
    if (step.done) return step.value;
  }
}

function texts(picture: Picture): string[] {
  return picture.shapes.flatMap((s) => (s.kind === "text" ? [s.lines.join(" ")] : []));
}

describe("the tiling plan", () => {
  it("covers every pixel once, with no tile past the limits, for pictures past a canvas's caps", () => {
    // Wider than Chromium's 65,535 px side; larger than its 268 million px area; small; one pixel.
    for (const [width, height] of [
      [72_720, 1_437],
      [20_000, 16_000],
      [3_480, 1_879],
      [1, 1],
    ] as const) {
      const bands = planTiles(width, height);
      let covered = 0;
      let y = 0;
      for (const band of bands) {
        expect(band.y).toBe(y);
        let x = 0;
        for (const tile of band.tiles) {
          expect([tile.x, tile.y, tile.h]).toEqual([x, band.y, band.h]);
          expect(Math.max(tile.w, tile.h)).toBeLessThanOrEqual(TILE_LIMITS.maxTileSide);
          covered += tile.w * tile.h;
          x += tile.w;
        }
        expect(x).toBe(width);
        // A band's pixels are held at once: within the budget (a band is at least one row).
        expect(band.h === 1 || width * band.h * 4 <= TILE_LIMITS.bandBytes).toBe(true);
        y += band.h;
      }
      expect(y).toBe(height);
      expect(covered).toBe(width * height);
    }
  });

  it("refuses a picture with no pixels, rather than writing an empty file", () => {
    expect(() => planTiles(0, 10)).toThrow(/cannot be drawn/);
  });
});

describe("text in a picture", () => {
  it("wraps between words, and cuts a word wider than the line", () => {
    expect(wrapText("one two three", 6 * 0.6 * 10 + 1, 10, false, mono)).toEqual(["one", "two", "three"]);
    expect(wrapText("one two", 100, 10, false, mono)).toEqual(["one two"]);
    const long = wrapText("x".repeat(40), 60, 10, false, mono);
    expect(long.join("")).toBe("x".repeat(40));
    for (const line of long) expect(mono(line, false) * 10).toBeLessThanOrEqual(60);
  });

  it("fits a note's text at the largest size that fits, and cuts it with … at the smallest", () => {
    expect(fitBox("short", { w: 140, h: 80 }, { max: 15, min: 11 }, 1.25, mono)).toMatchObject({
      size: 15,
      cut: false,
    });
    const long = fitBox("word ".repeat(200), { w: 140, h: 80 }, { max: 15, min: 11 }, 1.25, mono);
    expect(long).toMatchObject({ size: 11, cut: true });
    expect(long.lines.length * 11 * 1.25).toBeLessThanOrEqual(80);
    expect(long.lines.at(-1)).toMatch(/…$/);
  });
});

describe("the frame", () => {
  const input = {
    boardTitle: "Customer journey",
    subtitle: "Current state",
    map: { w: 3416, h: 1664 },
    legend: Array.from({ length: 12 }, (_, i) => ({ label: `Entry ${i}`, color: "#FFE066", swatch: "note" as const })),
    marks: "On the emotion curves: ▲ peak",
  };

  it("puts the titles above the map and the legend under it, inside the margins, nothing overlapping", () => {
    const frame = layoutFrame(input, mono);
    const map: Box = { ...frame.map, w: input.map.w, h: input.map.h };
    expect(overlaps(frame.titles, map)).toBe(false);
    expect(overlaps(frame.legend, map)).toBe(false);
    expect(frame.titles.y + frame.titles.h).toBeLessThanOrEqual(map.y);
    expect(frame.legend.y).toBeGreaterThanOrEqual(map.y + map.h);
    expect(frame.width).toBe(input.map.w + 2 * FRAME.margin);
    for (const shape of frame.shapes) {
      const box = boxOf(shape);
      expect(box.x).toBeGreaterThanOrEqual(FRAME.margin - 1);
      expect(box.x + box.w).toBeLessThanOrEqual(frame.width - FRAME.margin + 1);
      expect(box.y + box.h).toBeLessThanOrEqual(frame.height - FRAME.margin + 1);
    }
  });

  it("keeps a narrow map's picture wide enough for its titles, and wraps the legend into rows", () => {
    const frame = layoutFrame({ ...input, map: { w: 300, h: 200 } }, mono);
    expect(frame.width).toBe(FRAME.minWidth);
    const rows = new Set(frame.shapes.filter((s) => s.kind === "rect").map((s) => boxOf(s).y));
    expect(rows.size).toBeGreaterThan(1);
  });
});

describe("a map's picture and its SVG", () => {
  it("draws every note's text, the stage and lane titles, and the legend; a stage alone keeps its notes", () => {
    const { map } = localBoard();
    const [first, second] = listStages(map);
    const [lane] = listLanes(map);
    addNote(map, {
      cell: { stageId: first?.id ?? "", laneId: lane?.id ?? "" },
      x: 8,
      y: 8,
      author: "Ana",
      text: "Finds us",
    });
    addNote(map, {
      cell: { stageId: second?.id ?? "", laneId: lane?.id ?? "" },
      x: 8,
      y: 8,
      author: "Bo",
      text: "Compares",
    });
    const journey = journeyOf(map);
    const whole = finished(composePicture({ boardTitle: "B", mapTitle: "M", journey, scope: { what: "map" } }, mono));
    expect(texts(whole)).toEqual(
      expect.arrayContaining(["Finds us", "Compares", second?.title, lane?.title, "Pain point"]),
    );
    const stage = scopedJourney(journey, { what: "stage", stageId: second?.id ?? "" });
    expect(stage.notes.map((n) => n.text)).toEqual(["Compares"]);
    expect(() => scopedJourney(journey, { what: "selection", noteIds: [] })).toThrow(/Select the notes/);
  });

  it("draws each segment's curve, its points and name, and the group's crowd result as the canvas does", () => {
    const { map } = localBoard();
    const [segment] = listSegments(map);
    const stages = listStages(map);
    for (const [i, stage] of stages.slice(0, 3).entries()) setEmotion(map, segment?.id ?? "", stage.id, i - 1);
    const crowd = new Map([
      [
        segment?.id ?? "",
        {
          roundId: "r",
          closedAt: 0,
          participants: 5,
          shared: {},
          stages: Object.fromEntries(stages.slice(0, 3).map((s) => [s.id, { mean: 1, sd: 0.5, count: 5 }])),
        },
      ],
    ]);
    const journey = journeyOf(map);
    const picture = finished(
      composePicture({ boardTitle: "B", mapTitle: "M", journey, scope: { what: "map" }, crowd }, mono),
    );
    const color = segment?.color;
    expect(picture.shapes.filter((s) => s.kind === "circle" && s.fill === color)).toHaveLength(3);
    expect(picture.shapes.some((s) => s.kind === "line" && s.stroke === color && s.bezier)).toBe(true);
    expect(picture.shapes.some((s) => s.kind === "line" && s.fill === color && s.opacity === 0.14)).toBe(true);
    expect(texts(picture)).toEqual(expect.arrayContaining(["group (5)", segment?.name, "−3 · angry"]));
  });

  it("keeps what people wrote as text: markup in a note or a title is escaped, never parsed", () => {
    const { map } = localBoard();
    const [stage] = listStages(map);
    const [lane] = listLanes(map);
    const hostile = `<script>x</script> & <b>"b"</b>`;
    addNote(map, {
      cell: { stageId: stage?.id ?? "", laneId: lane?.id ?? "" },
      x: 8,
      y: 8,
      author: "Ana",
      text: hostile,
    });
    const picture = finished(
      composePicture(
        { boardTitle: "Tom & Jerry's <map>", mapTitle: "M", journey: journeyOf(map), scope: { what: "map" } },
        narrow,
      ),
    );
    const source = finished(svgTextParts(finished(pictureSvg(picture)))).join("");
    expect(source).not.toContain("<script");
    expect(source).not.toContain("<b>");
    expect(source).toContain("Tom &amp; Jerry's &lt;map&gt;");
    const parsed = new DOMParser().parseFromString(source, "image/svg+xml");
    expect(parsed.querySelector("parsererror")).toBeNull();
    expect(parsed.querySelectorAll("script, b")).toHaveLength(0);
    const drawn = Array.from(parsed.querySelectorAll("text"), (t) =>
      Array.from(t.querySelectorAll("tspan"), (s) => s.textContent).join(" "),
    );
    expect(drawn).toContain(hostile);
    expect(drawn).toContain("Tom & Jerry's <map>");
  });
});
