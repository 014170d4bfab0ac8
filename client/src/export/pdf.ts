import { jsPDF } from "jspdf";
import { svg2pdf } from "svg2pdf.js";
import type { Picture } from "./compose.js";
import type { Pacing } from "./pacing.js";
import { pictureSvg } from "./svg.js";

/**
 * Pictures as one PDF, a page each, with text as text: each picture's SVG drawn onto its page by
 * svg2pdf.js into a jsPDF document, in the PDF's standard fonts.
 */

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
    const svg = await pacing.drive(pictureSvg(picture, window.document, pdfText));
    await svg2pdf(svg, document, { x: 0, y: 0, width: size[0], height: size[1] });
    pacing.progress((index + 1) / pictures.length);
    await pacing.turn();
  }
  if (!document) throw new Error("There is no map to export.");
  return document.output("blob");
}
