import { jsPDF } from "jspdf";
import { svg2pdf } from "svg2pdf.js";
import type { Picture } from "./compose.js";
import type { Pacing } from "./pacing.js";
import { pictureSvg } from "./svg.js";

/**
 * Pictures as one PDF, a page each, with text as text: each picture's SVG drawn onto its page by
 * svg2pdf.js into a jsPDF document, in the PDF's standard fonts.
 */

/** Shapes drawn onto a page at once: svg2pdf draws an SVG in one go, about 75 µs a shape. */
const SHAPES_PER_DRAW = 600;

/** The largest page side PDF readers show (Acrobat's limit, 200 inches in points). */
const MAX_PAGE_SIDE = 14_400;

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

export async function encodePdf(pictures: readonly Picture[], pacing: Pacing): Promise<Blob> {
  let document: jsPDF | null = null;
  for (const [index, picture] of pictures.entries()) {
    const fit = Math.min(1, MAX_PAGE_SIDE / Math.max(picture.width, picture.height));
    const size: [number, number] = [picture.width * fit, picture.height * fit];
    const orientation = size[0] > size[1] ? "landscape" : "portrait";
    if (document) document.addPage(size, orientation);
    else document = new jsPDF({ unit: "pt", format: size, orientation, compress: true });
    // Drawn in parts, each an SVG of the whole page's size holding some of the shapes, with turns between.
    for (let start = 0; start < Math.max(1, picture.shapes.length); start += SHAPES_PER_DRAW) {
      const part = { ...picture, shapes: picture.shapes.slice(start, start + SHAPES_PER_DRAW) };
      const svg = await pacing.drive(pictureSvg(part, { textOf: pdfText, background: start === 0 }));
      await svg2pdf(svg, document, { x: 0, y: 0, width: size[0], height: size[1] });
      pacing.progress(
        0.3 + (0.7 * (index + (start + part.shapes.length) / Math.max(1, picture.shapes.length))) / pictures.length,
      );
      await pacing.turn();
    }
  }
  if (!document) throw new Error("There is no map to export.");
  return document.output("blob");
}
