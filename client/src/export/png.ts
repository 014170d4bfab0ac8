import { pngChunk } from "@journeyboard/shared";
import { Zlib } from "fflate";
import Konva from "konva";
import { SceneCanvas } from "konva/lib/Canvas.js";
import { BOARD, FONT_FAMILY } from "../canvas/theme.js";
import type { Picture } from "./compose.js";
import type { Pacing } from "./pacing.js";
import { type Box, baselineOf, boxOf, overlaps, type Shape } from "./shapes.js";
import { planTiles } from "./tiles.js";

/**
 * A picture as a PNG file: drawn with Konva tile by tile (never one canvas larger than a tile), its rows
 * streamed band by band into one zlib stream (fflate), and framed as PNG chunks here, so a map of any
 * size is encoded without ever holding all its pixels.
 */

export const PNG_SCALES = [1, 2, 3] as const;
export type PngScale = (typeof PNG_SCALES)[number];

/** Shapes drawn onto a tile per turn: a tile of a 5,000-note map holds tens of thousands. */
const SHAPES_PER_DRAW = 120;
/** Rows of pixels handed to the compressor at once. */
const DEFLATE_BYTES = 512 * 1024;

export function fontOf(size: number, bold: boolean): string {
  return `${bold ? "bold " : ""}${size}px ${FONT_FAMILY}`;
}

function konvaNode(shape: Shape): Konva.Shape {
  const common = { listening: false, perfectDrawEnabled: false } as const;
  switch (shape.kind) {
    case "rect":
      return new Konva.Rect({
        ...common,
        x: shape.x,
        y: shape.y,
        width: shape.w,
        height: shape.h,
        fill: shape.fill,
        stroke: shape.stroke,
        strokeWidth: shape.strokeWidth ?? 0,
        cornerRadius: shape.radius ?? 0,
      });
    case "circle":
      return new Konva.Circle({
        ...common,
        x: shape.x,
        y: shape.y,
        radius: shape.r,
        fill: shape.fill,
        stroke: shape.stroke,
        strokeWidth: shape.strokeWidth ?? 0,
      });
    case "line":
      return new Konva.Line({
        ...common,
        points: shape.points,
        stroke: shape.stroke,
        strokeWidth: shape.strokeWidth ?? 0,
        dash: shape.dash,
        bezier: shape.bezier ?? false,
        closed: shape.fill !== undefined,
        fill: shape.fill,
        opacity: shape.opacity ?? 1,
        lineCap: "round",
      });
    case "text":
      // Drawn line by line on the alphabetic baseline, where the SVG puts each line too.
      return new Konva.Shape({
        ...common,
        sceneFunc: (context) => {
          context.setAttr("font", fontOf(shape.size, shape.bold));
          context.setAttr("fillStyle", shape.fill);
          context.setAttr("textBaseline", "alphabetic");
          for (const [index, line] of shape.lines.entries()) context.fillText(line, shape.x, baselineOf(shape, index));
        },
      });
  }
}

interface Placed {
  shape: Shape;
  box: Box;
}

/** One tile's pixels: the shapes that reach into it, drawn a batch per turn at the picture's scale. */
async function drawTile(placed: readonly Placed[], tile: Box, scale: number, pacing: Pacing): Promise<ImageData> {
  const canvas = new SceneCanvas({ width: tile.w, height: tile.h, pixelRatio: 1 });
  const context = canvas.getContext();
  const view = { x: tile.x / scale, y: tile.y / scale, w: tile.w / scale, h: tile.h / scale };
  context.setAttr("fillStyle", BOARD.background);
  context.fillRect(0, 0, tile.w, tile.h);
  const inside = placed.filter((p) => overlaps(p.box, view));
  for (let start = 0; start < inside.length; start += SHAPES_PER_DRAW) {
    const group = new Konva.Group();
    for (const { shape } of inside.slice(start, start + SHAPES_PER_DRAW)) group.add(konvaNode(shape));
    context.save();
    context.scale(scale, scale);
    context.translate(-view.x, -view.y);
    group.drawScene(canvas);
    context.restore();
    group.destroy();
    await pacing.turn();
  }
  const pixels = context.getImageData(0, 0, tile.w, tile.h);
  Konva.Util.releaseCanvas(canvas._canvas);
  return pixels;
}

/**
 * The picture as a PNG at 1x, 2x or 3x. The one place a PNG is written: what a PNG carries besides its
 * pixels (`carried`: framed chunks, the board's file) goes in here, before IEND.
 */
export async function encodeMapPng(
  picture: Picture,
  scale: PngScale,
  pacing: Pacing,
  carried: readonly Uint8Array<ArrayBuffer>[] = [],
): Promise<Blob> {
  const width = picture.width * scale;
  const height = picture.height * scale;
  const placed = picture.shapes.map((shape) => ({ shape, box: boxOf(shape) }));
  // Each compressed piece is framed as it comes, so no step at the end goes over all of them.
  const idat: Uint8Array<ArrayBuffer>[] = [];
  const zlib = new Zlib({ level: 6 }, (chunk) => idat.push(pngChunk("IDAT", chunk)));
  const stride = width * 4 + 1;
  const bands = planTiles(width, height);
  // One buffer for every band (each band's rows overwrite the last one's): no garbage of tens of MB a band.
  // Each row starts with its filter byte: 0, none (flat colors compress well as they are).
  const buffer = new Uint8Array(Math.max(...bands.map((b) => b.h)) * stride);
  let rowsDone = 0;
  for (const band of bands) {
    const rows = buffer.subarray(0, band.h * stride);
    for (const tile of band.tiles) {
      const pixels = await drawTile(placed, tile, scale, pacing);
      const tileRow = tile.w * 4;
      for (let row = 0; row < tile.h; row++)
        rows.set(pixels.data.subarray(row * tileRow, (row + 1) * tileRow), row * stride + 1 + tile.x * 4);
      await pacing.turn();
    }
    for (let start = 0; start < rows.length; start += DEFLATE_BYTES) {
      const end = Math.min(rows.length, start + DEFLATE_BYTES);
      zlib.push(rows.subarray(start, end), end === rows.length && band.y + band.h === height);
      await pacing.turn();
    }
    rowsDone += band.h;
    pacing.progress(0.3 + (0.7 * rowsDone) / height);
  }
  return new Blob(
    [PNG_SIGNATURE, pngChunk("IHDR", header(width, height)), ...idat, ...carried, pngChunk("IEND", new Uint8Array())],
    { type: "image/png" },
  );
}

const PNG_SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** IHDR: the size, 8 bits per channel, RGBA (color type 6), deflate, no interlace. */
function header(width: number, height: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([8, 6, 0, 0, 0], 8);
  return data;
}
