import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { MAX_PAGE_SIDE, PdfDrawing, parseColor, pdfText } from "../src/export/pdf-draw.js";
import type { Shape } from "../src/export/shapes.js";

/** A PDF's content streams, inflated, as text. */
function contents(bytes: ArrayBuffer): string {
  const raw = Buffer.from(bytes);
  const text = raw.toString("latin1");
  return Array.from(text.matchAll(/stream\r?\n/g), (match) => {
    const start = (match.index ?? 0) + match[0].length;
    const body = raw.subarray(start, text.indexOf("endstream", start));
    try {
      return inflateSync(body).toString("latin1");
    } catch {
      return body.toString("latin1");
    }
  }).join("\n");
}

const note: Shape[] = [
  {
    kind: "rect",
    x: 10,
    y: 10,
    w: 160,
    h: 112,
    fill: "#FFE066",
    stroke: "rgba(0, 0, 0, 0.18)",
    strokeWidth: 1,
    radius: 4,
  },
  { kind: "circle", x: 30, y: 100, r: 5, fill: "#1971C2" },
  {
    kind: "line",
    points: [0, 0, 10, 10, 20, 0, 30, 10],
    stroke: "#868E96",
    strokeWidth: 3,
    dash: [10, 6],
    bezier: true,
  },
  { kind: "line", points: [0, 0, 50, 0, 50, 50], fill: "#2F9E44", opacity: 0.14 },
  {
    kind: "text",
    x: 20,
    y: 20,
    lines: ["A (quoted) note", "★ moment"],
    size: 15,
    lineHeight: 1.25,
    bold: false,
    fill: "#1F1F1F",
    width: 120,
  },
];

describe("the PDF drawn from a picture's shapes", () => {
  it("writes text as text, a line each, in the standard fonts' characters", () => {
    const drawing = new PdfDrawing();
    drawing.page(400, 300);
    drawing.draw(note);
    const bytes = drawing.finish();
    const pdf = contents(bytes);
    expect(pdf).toContain("(A \\(quoted\\) note) Tj");
    expect(pdf).toContain("(* moment) Tj");
    // The dashed curve (3 units wide) and the band at 14 % opacity.
    expect(pdf).toMatch(/\[10\.? 6\.?\] 0\.? d/);
    expect(pdf).toMatch(/ c\n/);
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/\/ca 0?\.14\b/);
  });

  it("gives each picture its page, scaled down to the largest side readers show", () => {
    const drawing = new PdfDrawing();
    drawing.page(400, 300);
    drawing.page(2 * MAX_PAGE_SIDE, 1000);
    drawing.draw(note);
    const raw = Buffer.from(drawing.finish()).toString("latin1");
    const boxes = Array.from(raw.matchAll(/\/MediaBox \[([^\]]*)\]/g), (m) => m[1]?.trim().split(/\s+/).map(Number));
    expect(boxes).toEqual([
      [0, 0, 400, 300],
      [0, 0, MAX_PAGE_SIDE, 500],
    ]);
  });

  it("refuses shapes before a page, and a file without one", () => {
    const drawing = new PdfDrawing();
    expect(() => drawing.draw(note)).toThrow("after its page");
    expect(() => drawing.finish()).toThrow("no map");
  });

  it("reads the pictures' colors", () => {
    expect(parseColor("#1971C2")).toEqual({ r: 0x19, g: 0x71, b: 0xc2, a: 1 });
    expect(parseColor("#abc")).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc, a: 1 });
    expect(parseColor("rgba(0, 0, 0, 0.18)")).toEqual({ r: 0, g: 0, b: 0, a: 0.18 });
    expect(parseColor("rgb(10, 20, 30)")).toEqual({ r: 10, g: 20, b: 30, a: 1 });
    expect(parseColor("tomato")).toEqual({ r: 0, g: 0, b: 0, a: 1 });
  });

  it("maps text to the standard fonts' characters", () => {
    expect(pdfText("▲ peak ⚡ €5 café 日本")).toBe("^ peak ! €5 café ??");
  });
});
