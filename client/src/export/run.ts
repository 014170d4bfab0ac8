import {
  type CrowdResult,
  getMap,
  type Journey,
  type JourneyMap,
  listLanes,
  listMaps,
  listSegments,
  listStages,
  type Note,
  noteIds,
  readCrowd,
  readCurve,
  readMeta,
  readNote,
} from "@journeyboard/shared";
import { mapPngChunk } from "../files/board-files.js";
import type { BoardConnection } from "../sync/connection.js";
import { composePicture, type ExportScope, type Picture } from "./compose.js";
import type { Pacing } from "./pacing.js";
import { encodeMapPng, fontOf, type PngScale } from "./png.js";
import { pictureSvg, svgTextParts } from "./svg.js";
import { type Measure, remembered } from "./text-layout.js";

/** One export, from the board's document to a file: what the Export dialog runs. */

export type ExportFormat = "png" | "svg" | "pdf";

export interface ExportRequest {
  mapId: string;
  format: ExportFormat;
  /** "maps": every map of the board, one PDF page each. */
  scope: ExportScope | { what: "maps" };
  scale: PngScale;
}

export interface ExportedFile {
  blob: Blob;
  name: string;
}

let measuring: CanvasRenderingContext2D | null = null;

/** Text widths at font size 1 as the canvas draws them (the PNG's own text, and the SVG's in Chromium). */
const canvasMeasure: Measure = (text, bold) => {
  measuring ??= document.createElement("canvas").getContext("2d");
  if (!measuring) throw new Error("This browser cannot measure text on a canvas.");
  measuring.font = fontOf(100, bold);
  return measuring.measureText(text).width / 100;
};

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "map"
  );
}

export async function exportPicture(
  connection: Pick<BoardConnection, "board" | "control">,
  request: ExportRequest,
  pacing: Pacing,
): Promise<ExportedFile> {
  const { board, control } = connection;
  const boardTitle = readMeta(board).title;
  const maps = listMaps(board);
  const shown = request.scope.what === "maps" ? maps : maps.filter((m) => m.id === request.mapId);
  if (shown.length === 0) throw new Error("That map is no longer on the board.");
  const scope: ExportScope = request.scope.what === "maps" ? { what: "map" } : request.scope;
  const measure = remembered(canvasMeasure);
  const pictures: Picture[] = [];
  for (const [index, summary] of shown.entries()) {
    const map = getMap(board, summary.id);
    if (!map) continue;
    const journey = await pacing.drive(readJourney(map));
    const total = Math.max(1, journey.notes.length);
    const crowd = new Map<string, CrowdResult>();
    for (const segment of journey.segments) {
      const result = readCrowd(control, map.id, segment.id);
      if (result) crowd.set(segment.id, result);
    }
    const drawing = composePicture({ boardTitle, mapTitle: summary.title, journey, scope, crowd }, measure);
    pictures.push(await pacing.drive(drawing, (done) => (0.3 * (index + done / total)) / shown.length));
  }
  const [first] = pictures;
  if (!first) throw new Error("That map is no longer on the board.");
  const what = request.scope.what === "stage" ? "-stage" : request.scope.what === "selection" ? "-selection" : "";
  const base = `${slug(boardTitle)}${request.scope.what === "maps" ? "" : `-${slug(shown[0]?.title ?? "")}`}${what}`;
  switch (request.format) {
    case "png":
      return {
        blob: await encodeMapPng(first, request.scale, pacing, [
          await mapPngChunk(connection, shown[0]?.id ?? "", pacing),
        ]),
        name: `${base}@${request.scale}x.png`,
      };
    case "svg": {
      const svg = await pacing.drive(pictureSvg(first));
      const parts = await pacing.drive(svgTextParts(svg));
      return { blob: new Blob(parts, { type: "image/svg+xml" }), name: `${base}.svg` };
    }
    case "pdf": {
      // jsPDF is most of the export's code: it loads when a PDF is asked for.
      const { encodePdf } = await import("./pdf.js");
      return { blob: await encodePdf(pictures, pacing), name: `${base}.pdf` };
    }
  }
}

/** What the picture shows of a map, read a batch of notes at a time: a map may hold thousands. */
function* readJourney(map: JourneyMap): Generator<number, Journey> {
  const notes: Note[] = [];
  for (const [index, id] of noteIds(map).entries()) {
    const note = readNote(map, id);
    if (note) notes.push(note);
    if (index % 250 === 249) yield 0;
  }
  const segments = listSegments(map);
  return {
    stages: listStages(map),
    lanes: listLanes(map),
    notes,
    segments,
    curves: new Map(segments.map((s) => [s.id, readCurve(map, s.id)])),
  };
}

/** Hands a file to the browser as a download. */
export function download(file: ExportedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  link.click();
  // The browser reads the file from the link after the click; a large one takes a moment.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
