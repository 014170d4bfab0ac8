import { PdfDrawing } from "./pdf-draw.js";
import type { Shape } from "./shapes.js";

/**
 * Draws a PDF off the page's thread: jsPDF writes a 5,000-note page in a few hundred milliseconds at a
 * time, which would hold the page. It is told each page, then its shapes a batch at a time (each batch
 * copied to it in a few milliseconds), then the end; it answers how many shapes it has drawn, then the file.
 */

export type PdfOrder =
  | { kind: "page"; width: number; height: number }
  | { kind: "shapes"; shapes: Shape[] }
  | { kind: "end" };

export type PdfAnswer =
  | { kind: "drawn"; shapes: number }
  | { kind: "done"; bytes: ArrayBuffer }
  | { kind: "failed"; message: string };

function answer(message: PdfAnswer, transfer: Transferable[] = []): void {
  postMessage(message, { transfer });
}

const drawing = new PdfDrawing();
let drawn = 0;

addEventListener("message", (event: MessageEvent<PdfOrder>) => {
  const order = event.data;
  try {
    if (order.kind === "page") drawing.page(order.width, order.height);
    else if (order.kind === "shapes") {
      drawing.draw(order.shapes);
      drawn += order.shapes.length;
      answer({ kind: "drawn", shapes: drawn });
    } else {
      const bytes = drawing.finish();
      answer({ kind: "done", bytes }, [bytes]);
    }
  } catch (error) {
    answer({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
  }
});
