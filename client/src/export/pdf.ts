import type { Picture } from "./compose.js";
import type { Pacing } from "./pacing.js";
import type { PdfAnswer, PdfOrder } from "./pdf-worker.js";

/**
 * Pictures as one PDF, a page each, drawn in a worker (pdf-worker.ts) so that the page stays responsive
 * however many notes the maps hold. The shapes go to it in batches, with the page's turns between (one
 * message of 5,000 notes' shapes would take the page a long task to copy). Its progress is the export's
 * last 70 %; cancelling the export ends the worker.
 */

/** Shapes a message: a few milliseconds to copy. */
const SHAPES_PER_MESSAGE = 1000;

export async function encodePdf(pictures: readonly Picture[], pacing: Pacing): Promise<Blob> {
  const { signal } = pacing;
  signal.throwIfAborted();
  if (pictures.length === 0) throw new Error("There is no map to export.");
  const total = Math.max(
    1,
    pictures.reduce((sum, picture) => sum + picture.shapes.length, 0),
  );
  const worker = new Worker(new URL("./pdf-worker.ts", import.meta.url), { type: "module" });
  const order = (message: PdfOrder) => worker.postMessage(message);
  let cancel = () => {};
  const finished = new Promise<Blob>((resolve, reject) => {
    cancel = () => reject(signal.reason);
    worker.addEventListener("message", (event: MessageEvent<PdfAnswer>) => {
      const answer = event.data;
      if (answer.kind === "drawn") pacing.progress(0.3 + (0.7 * answer.shapes) / total);
      else if (answer.kind === "done") resolve(new Blob([answer.bytes], { type: "application/pdf" }));
      else reject(new Error(answer.message));
    });
    worker.addEventListener("error", (event) => reject(new Error(event.message || "The PDF could not be drawn.")));
  });
  signal.addEventListener("abort", cancel);
  const send = async () => {
    for (const picture of pictures) {
      order({ kind: "page", width: picture.width, height: picture.height });
      for (let start = 0; start < picture.shapes.length; start += SHAPES_PER_MESSAGE) {
        order({ kind: "shapes", shapes: picture.shapes.slice(start, start + SHAPES_PER_MESSAGE) });
        await pacing.turn();
      }
    }
    order({ kind: "end" });
  };
  try {
    const [blob] = await Promise.all([finished, send()]);
    return blob;
  } finally {
    worker.terminate();
    signal.removeEventListener("abort", cancel);
  }
}
