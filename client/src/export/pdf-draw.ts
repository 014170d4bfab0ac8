import { GState, jsPDF } from "jspdf";
import { BOARD } from "../canvas/theme.js";
import { baselineOf, type Shape } from "./shapes.js";

/**
 * Pictures as one PDF, a page each, with text as text: each picture's shapes drawn with jsPDF's own
 * primitives (rectangles, circles, paths, text in the PDF's standard fonts). Needs no DOM, so it runs in
 * a worker (pdf-worker.ts), off the page's thread.
 */

/** The largest page side PDF readers show (Acrobat's limit, 200 inches in points). */
export const MAX_PAGE_SIDE = 14_400;

/**
 * The standard fonts hold Latin-1 and a few more (WinAnsi): the marks on the curves are written as the
 * nearest signs they have, anything else outside them as "?".
 */
const PLAIN_MARKS: Record<string, string> = { "★": "*", "⚡": "!", "▲": "^", "▼": "v", "↘": "\\", "◆": "<>", "−": "-" };
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

export function pdfText(text: string): string {
  return Array.from(
    text,
    (c) => PLAIN_MARKS[c] ?? ((c.codePointAt(0) ?? 0) <= 0xff || WIN_ANSI_EXTRA.includes(c) ? c : "?"),
  ).join("");
}

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** The pictures' colors: #rgb, #rrggbb (the board's and the file format's) and rgb()/rgba(); else black. */
export function parseColor(css: string): Rgba {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim())?.[1];
  if (hex) {
    const full = hex.length === 3 ? Array.from(hex, (c) => c + c).join("") : hex;
    const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
    return { r: r ?? 0, g: g ?? 0, b: b ?? 0, a: 1 };
  }
  const parts = /^rgba?\(([^)]*)\)$/i
    .exec(css.trim())?.[1]
    ?.split(",")
    .map((part) => Number(part.trim()));
  if (parts && parts.length >= 3 && parts.every(Number.isFinite)) {
    const [r = 0, g = 0, b = 0, a = 1] = parts;
    return { r, g, b, a };
  }
  return { r: 0, g: 0, b: 0, a: 1 };
}

/** One page's pen: what is set in the PDF already, so each setting is written once while it holds. */
class Pen {
  private alpha = "";
  private dash = "";

  constructor(
    private readonly pdf: jsPDF,
    /** Picture units to points (below 1 when the page is scaled to fit). */
    readonly fit: number,
  ) {
    pdf.setLineCap("round");
    pdf.setLineJoin("round");
    pdf.setLineDashPattern([], 0);
  }

  fill(css: string | undefined, opacity: number): number {
    if (!css) return 1;
    const { r, g, b, a } = parseColor(css);
    this.pdf.setFillColor(r, g, b);
    this.pdf.setTextColor(r, g, b);
    return a * opacity;
  }

  stroke(css: string | undefined, width: number | undefined, dash: readonly number[] | undefined, opacity: number) {
    if (!css) return 1;
    const { r, g, b, a } = parseColor(css);
    this.pdf.setDrawColor(r, g, b);
    this.pdf.setLineWidth((width ?? 1) * this.fit);
    const pattern = (dash ?? []).map((d) => d * this.fit);
    if (pattern.join() !== this.dash) {
      this.pdf.setLineDashPattern(pattern, 0);
      this.dash = pattern.join();
    }
    return a * opacity;
  }

  opacity(fill: number, stroke: number): void {
    const key = `${fill}/${stroke}`;
    if (key === this.alpha) return;
    this.pdf.setGState(new GState({ opacity: fill, "stroke-opacity": stroke }));
    this.alpha = key;
  }
}

/** The PDF's painting style: fill, stroke or both. */
function style(fill: string | undefined, stroke: string | undefined): "F" | "S" | "FD" {
  return fill && stroke ? "FD" : stroke ? "S" : "F";
}

function drawShape(pdf: jsPDF, pen: Pen, shape: Shape): void {
  const f = pen.fit;
  switch (shape.kind) {
    case "rect":
    case "circle": {
      pen.opacity(pen.fill(shape.fill, 1), pen.stroke(shape.stroke, shape.strokeWidth, undefined, 1));
      const how = style(shape.fill, shape.stroke);
      if (shape.kind === "circle") pdf.circle(shape.x * f, shape.y * f, shape.r * f, how);
      else if (shape.radius)
        pdf.roundedRect(shape.x * f, shape.y * f, shape.w * f, shape.h * f, shape.radius * f, shape.radius * f, how);
      else pdf.rect(shape.x * f, shape.y * f, shape.w * f, shape.h * f, how);
      return;
    }
    case "line": {
      const opacity = shape.opacity ?? 1;
      pen.opacity(pen.fill(shape.fill, opacity), pen.stroke(shape.stroke, shape.strokeWidth, shape.dash, opacity));
      const at = (i: number) => [(shape.points[i] ?? 0) * f, (shape.points[i + 1] ?? 0) * f] as const;
      pdf.moveTo(...at(0));
      if (shape.bezier)
        for (let i = 2; i + 5 < shape.points.length; i += 6) pdf.curveTo(...at(i), ...at(i + 2), ...at(i + 4));
      else for (let i = 2; i + 1 < shape.points.length; i += 2) pdf.lineTo(...at(i));
      if (shape.fill) pdf.close();
      if (shape.fill && shape.stroke) pdf.fillStroke();
      else if (shape.fill) pdf.fill();
      else pdf.stroke();
      return;
    }
    case "text": {
      pen.opacity(pen.fill(shape.fill, 1), 1);
      pdf.setFont("helvetica", shape.bold ? "bold" : "normal");
      pdf.setFontSize(shape.size * f);
      for (const [index, line] of shape.lines.entries())
        if (line) pdf.text(pdfText(line), shape.x * f, baselineOf(shape, index) * f, { baseline: "alphabetic" });
      return;
    }
  }
}

/**
 * A PDF drawn a page and a batch of shapes at a time, as the worker receives them: each page the size of
 * its picture (scaled down to MAX_PAGE_SIDE when larger), on the board's light background.
 */
export class PdfDrawing {
  private pdf: jsPDF | null = null;
  private pen: Pen | null = null;

  page(width: number, height: number): void {
    const fit = Math.min(1, MAX_PAGE_SIDE / Math.max(width, height));
    const size: [number, number] = [width * fit, height * fit];
    const orientation = size[0] > size[1] ? "landscape" : "portrait";
    if (this.pdf) this.pdf.addPage(size, orientation);
    else this.pdf = new jsPDF({ unit: "pt", format: size, orientation, compress: true });
    this.pen = new Pen(this.pdf, fit);
    this.draw([{ kind: "rect", x: 0, y: 0, w: width, h: height, fill: BOARD.background }]);
  }

  draw(shapes: readonly Shape[]): void {
    const { pdf, pen } = this;
    if (!pdf || !pen) throw new Error("A PDF's shapes come after its page.");
    for (const shape of shapes) drawShape(pdf, pen, shape);
  }

  /** The file's bytes. */
  finish(): ArrayBuffer {
    if (!this.pdf) throw new Error("There is no map to export.");
    return this.pdf.output("arraybuffer");
  }
}
