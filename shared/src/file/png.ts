import { strFromU8, strToU8, Unzlib, Zlib } from "fflate";
import { pngChunk, pngCrc32 } from "../png-chunk.js";
import { FILE_LIMITS } from "./format.js";

/**
 * A Journeyboard file inside a PNG picture, as Excalidraw carries its scene: one text chunk before IEND,
 * so every viewer shows the picture and Journeyboard opens the board again from it. The chunk is iTXt
 * (UTF-8, where tEXt is Latin-1 only) with its text zlib-compressed, named by a media type as keyword.
 * Writing: `boardPngChunk(json)` for an encoder that frames its own chunks (`boardPngChunkSteps`, the same
 * a slice at a time, for a page that must stay responsive), or `withBoardInPng(png, json)` for a finished PNG. Reading: `boardFromPng(bytes)` gives the text for `parseBoardFile`, or a message
 * saying what is wrong with the picture. Every chunk's length and checksum are checked on the way, and
 * the text is inflated no further than the file format's own limit (a small PNG cannot unpack to gigabytes).
 */
export const PNG_BOARD_KEYWORD = "application/vnd.journeyboard+json";

export type PngBoardText = { ok: true; text: string } | { ok: false; message: string };

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Bytes of UTF-8 a board's text may inflate to: the file's own character limit, at one byte each. */
const MAX_TEXT_BYTES = FILE_LIMITS.chars;
/** Bytes of text compressed per step (a few milliseconds' work). */
const DEFLATE_STEP = 256 * 1024;
/** Compressed bytes inflated per step (deflate packs at most about 1,000 to 1), so the limit is checked every few MB. */
const INFLATE_STEP = 4 * 1024;

interface Chunk {
  type: string;
  /** Where the chunk starts (its length field) and ends (after its checksum) in the PNG. */
  start: number;
  end: number;
  data: Uint8Array;
}

/** The framed iTXt chunk carrying a board's JSON, to place before a PNG's IEND. */
export function boardPngChunk(json: string): Uint8Array<ArrayBuffer> {
  const steps = boardPngChunkSteps(json);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `boardPngChunk`, yielding (the share done) after each slice of text it compresses. */
export function* boardPngChunkSteps(json: string): Generator<number, Uint8Array<ArrayBuffer>> {
  // keyword, 0, compressed (1), zlib (0), no language tag, 0, no translated keyword, 0, then the text.
  const parts: Uint8Array[] = [strToU8(`${PNG_BOARD_KEYWORD}\0\x01\x00\0\0`, true)];
  const deflate = new Zlib({ level: 6 }, (data) => parts.push(data));
  const text = strToU8(json);
  for (let at = 0; ; at += DEFLATE_STEP) {
    const end = Math.min(text.length, at + DEFLATE_STEP);
    deflate.push(text.subarray(at, end), end === text.length);
    if (end === text.length) break;
    yield end / text.length;
  }
  return pngChunk("iTXt", joined(parts));
}

function joined(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A PNG's chunks up to IEND, each checked; a message when the bytes are not a whole, sound PNG. */
function readChunks(png: Uint8Array): { ok: true; chunks: Chunk[] } | { ok: false; message: string } {
  if (png.length < SIGNATURE.length || SIGNATURE.some((byte, i) => png[i] !== byte)) {
    return { ok: false, message: "this is not a PNG picture" };
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let at = SIGNATURE.length;
  for (;;) {
    if (at + 8 > png.length) return { ok: false, message: "the picture is cut short: it has no end (IEND)" };
    const length = view.getUint32(at);
    const type = strFromU8(png.subarray(at + 4, at + 8), true);
    const end = at + 12 + length;
    if (end > png.length) {
      return {
        ok: false,
        message: `the picture is cut short inside its ${type} chunk: it may not have fully downloaded`,
      };
    }
    if (pngCrc32(png.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) {
      return { ok: false, message: `the picture is damaged: its ${type} chunk fails its checksum` };
    }
    if (chunks.length === 0 && type !== "IHDR") return { ok: false, message: "this is not a PNG picture: no IHDR" };
    chunks.push({ type, start: at, end, data: png.subarray(at + 8, at + 8 + length) });
    if (type === "IEND") return { ok: true, chunks };
    at = end;
  }
}

function isBoardChunk(chunk: Chunk): boolean {
  if (chunk.type !== "iTXt") return false;
  const keyword = strToU8(`${PNG_BOARD_KEYWORD}\0`, true);
  return keyword.every((byte, i) => chunk.data[i] === byte);
}

/** The PNG with the board's JSON in it, before IEND; a board it carried before is replaced. Throws on a broken PNG. */
export function withBoardInPng(png: Uint8Array, json: string): Uint8Array<ArrayBuffer> {
  const read = readChunks(png);
  if (!read.ok) throw new Error(read.message);
  const kept = read.chunks.filter((chunk) => !isBoardChunk(chunk));
  const parts = [png.subarray(0, SIGNATURE.length), ...kept.slice(0, -1).map((c) => png.subarray(c.start, c.end))];
  parts.push(boardPngChunk(json));
  const iend = read.chunks[read.chunks.length - 1] as Chunk;
  parts.push(png.subarray(iend.start, iend.end));
  return joined(parts);
}

/** The board's JSON carried by a PNG, or why there is none to read. */
export function boardFromPng(png: Uint8Array): PngBoardText {
  const read = readChunks(png);
  if (!read.ok) return read;
  const chunk = read.chunks.find(isBoardChunk);
  if (!chunk) {
    return {
      ok: false,
      message: "this picture holds no Journeyboard board: only PNGs exported by Journeyboard carry one",
    };
  }
  const rest = chunk.data.subarray(PNG_BOARD_KEYWORD.length + 1);
  const [compressed, method] = rest;
  // The language tag and translated keyword end with a zero each; the text follows.
  const languageEnd = rest.indexOf(0, 2);
  const keywordEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1);
  if (keywordEnd < 0 || compressed !== 1 || method !== 0) {
    return {
      ok: false,
      message: "the board inside this picture is damaged: its text chunk is not as Journeyboard writes it",
    };
  }
  return inflateText(rest.subarray(keywordEnd + 1));
}

function inflateText(compressed: Uint8Array): PngBoardText {
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflate = new Unzlib((data, final) => {
    parts.push(data);
    size += data.length;
    ended ||= final;
  });
  try {
    for (let at = 0; at < compressed.length && size <= MAX_TEXT_BYTES; at += INFLATE_STEP) {
      const end = Math.min(compressed.length, at + INFLATE_STEP);
      inflate.push(compressed.subarray(at, end), end === compressed.length);
    }
  } catch (error) {
    return { ok: false, message: `the board inside this picture is damaged: ${(error as Error).message}` };
  }
  if (size > MAX_TEXT_BYTES) {
    return { ok: false, message: `the board inside this picture unpacks to more than ${MAX_TEXT_BYTES} bytes` };
  }
  if (!ended) return { ok: false, message: "the board inside this picture is damaged: its text is cut short" };
  return { ok: true, text: strFromU8(joined(parts)) };
}
