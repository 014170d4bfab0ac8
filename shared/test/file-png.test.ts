import { crc32, deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  boardFileJson,
  boardFromPng,
  boardPngChunk,
  boardPngChunkSteps,
  exportBoard,
  FILE_LIMITS,
  PNG_BOARD_KEYWORD,
  parseBoardFile,
  withBoardInPng,
} from "../src/file/index.js";
import { renameBoard } from "../src/index.js";
import { newBoard } from "./helpers.js";

/**
 * A PNG made here with Node's own zlib and CRC-32, not with the module under test: a 3 x 2 RGBA picture
 * with a tEXt chunk of its own, so a test can tell the picture and its other chunks are kept as they were.
 */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PIXELS = Buffer.from([0, ...Array(12).fill(200), 0, ...Array(12).fill(40)]);

function picture(): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(3, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk("IHDR", header),
      chunk("tEXt", Buffer.from("Software\0a test", "latin1")),
      chunk("IDAT", deflateSync(PIXELS)),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** Every chunk of a PNG, read with Buffer's own methods. */
function chunksOf(png: Uint8Array): { type: string; data: Buffer }[] {
  const bytes = Buffer.from(png);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push({ type: bytes.toString("latin1", at + 4, at + 8), data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

function boardJson(title = 'Service journey: été, 日本, "quotes"') {
  const { doc, board } = newBoard();
  renameBoard(board, title);
  return boardFileJson(exportBoard(doc));
}

describe("a board inside a PNG", () => {
  it("is read back exactly as written, and the file it carries parses", () => {
    const json = boardJson();
    const png = withBoardInPng(picture(), json);
    const read = boardFromPng(png);
    expect(read).toEqual({ ok: true, text: json });
    const parsed = parseBoardFile(read.ok ? read.text : "");
    expect(parsed.ok && parsed.file.board.title).toBe('Service journey: été, 日本, "quotes"');
  });

  it("is an iTXt chunk before IEND that any zlib reads, leaving the picture and its other chunks as they were", () => {
    const json = boardJson();
    const chunks = chunksOf(withBoardInPng(picture(), json));
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "tEXt", "IDAT", "iTXt", "IEND"]);
    expect(inflateSync(chunks[2]?.data ?? Buffer.alloc(0))).toEqual(PIXELS);
    const data = chunks[3]?.data ?? Buffer.alloc(0);
    const head = `${PNG_BOARD_KEYWORD}\0\x01\x00\0\0`;
    expect(data.toString("latin1", 0, head.length)).toBe(head);
    expect(inflateSync(data.subarray(head.length)).toString("utf8")).toBe(json);
  });

  it("replaces the board a picture already carried instead of adding a second one", () => {
    const twice = withBoardInPng(withBoardInPng(picture(), boardJson("First")), boardJson("Second"));
    expect(chunksOf(twice).filter((c) => c.type === "iTXt")).toHaveLength(1);
    const read = boardFromPng(twice);
    expect(read.ok && JSON.parse(read.text).board.title).toBe("Second");
  });

  it("is made a slice at a time for a large board, the same chunk as made at once", () => {
    const json = JSON.stringify({ notes: Array.from({ length: 100_000 }, (_, i) => `note ${i}`) });
    const steps = boardPngChunkSteps(json);
    const shares: number[] = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) shares.push(step.value);
    expect(shares.length).toBeGreaterThan(1);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(step.value).toEqual(boardPngChunk(json));
  });

  it("frames a chunk that an encoder can place before IEND itself", () => {
    const png = picture();
    const iend = png.length - 12;
    const json = boardJson();
    const framed = new Uint8Array([...png.subarray(0, iend), ...boardPngChunk(json), ...png.subarray(iend)]);
    expect(boardFromPng(framed)).toEqual({ ok: true, text: json });
  });
});

describe("a PNG that cannot give a board", () => {
  it("says so when the picture has no board chunk", () => {
    expect(boardFromPng(picture())).toEqual({
      ok: false,
      message: "this picture holds no Journeyboard board: only PNGs exported by Journeyboard carry one",
    });
  });

  it("says the picture is cut short, wherever it is cut", () => {
    const png = withBoardInPng(picture(), boardJson());
    const iTXtAt = png.length - 12 - (chunksOf(png)[3]?.data.length ?? 0) - 12;
    expect(boardFromPng(png.subarray(0, iTXtAt + 100))).toEqual({
      ok: false,
      message: "the picture is cut short inside its iTXt chunk: it may not have fully downloaded",
    });
    expect(boardFromPng(png.subarray(0, png.length - 12))).toEqual({
      ok: false,
      message: "the picture is cut short: it has no end (IEND)",
    });
  });

  it("says which chunk is damaged when a byte changed", () => {
    const png = withBoardInPng(picture(), boardJson());
    png[png.length - 40] = (png[png.length - 40] ?? 0) ^ 0xff;
    expect(boardFromPng(png)).toEqual({
      ok: false,
      message: "the picture is damaged: its iTXt chunk fails its checksum",
    });
  });

  it("says a file that is not a PNG is not one", () => {
    expect(boardFromPng(new TextEncoder().encode('{"format":"journeyboard"}'))).toEqual({
      ok: false,
      message: "this is not a PNG picture",
    });
  });

  it("refuses a chunk whose text would unpack past the file's limit, without unpacking all of it", () => {
    const bomb = Buffer.concat([
      Buffer.from(`${PNG_BOARD_KEYWORD}\0\x01\x00\0\0`, "latin1"),
      deflateSync(Buffer.alloc(FILE_LIMITS.chars * 2, 0x20)),
    ]);
    const png = picture();
    const iend = png.length - 12;
    const hostile = new Uint8Array([...png.subarray(0, iend), ...chunk("iTXt", bomb), ...png.subarray(iend)]);
    const read = boardFromPng(hostile);
    // Checked field by field: a failure must not print 32 MB of text.
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.message).toBe(
      `the board inside this picture unpacks to more than ${FILE_LIMITS.chars} bytes`,
    );
  });

  it("says the board's text is cut short when the chunk ends before it", () => {
    const empty = Buffer.from(`${PNG_BOARD_KEYWORD}\0\x01\x00\0\0`, "latin1");
    const png = picture();
    const iend = png.length - 12;
    const hostile = new Uint8Array([...png.subarray(0, iend), ...chunk("iTXt", empty), ...png.subarray(iend)]);
    expect(boardFromPng(hostile)).toEqual({
      ok: false,
      message: "the board inside this picture is damaged: its text is cut short",
    });
  });

  it("says the board is damaged when its chunk is not as Journeyboard writes it (uncompressed text)", () => {
    const plain = Buffer.from(`${PNG_BOARD_KEYWORD}\0\x00\x00\0\0{"format":"journeyboard"}`, "latin1");
    const png = picture();
    const iend = png.length - 12;
    const hostile = new Uint8Array([...png.subarray(0, iend), ...chunk("iTXt", plain), ...png.subarray(iend)]);
    expect(boardFromPng(hostile)).toEqual({
      ok: false,
      message: "the board inside this picture is damaged: its text chunk is not as Journeyboard writes it",
    });
  });

  it("says the board is damaged when its compressed text is", () => {
    const broken = Buffer.concat([
      Buffer.from(`${PNG_BOARD_KEYWORD}\0\x01\x00\0\0`, "latin1"),
      deflateSync(Buffer.from(boardJson())).subarray(0, 60),
    ]);
    const png = picture();
    const iend = png.length - 12;
    const hostile = new Uint8Array([...png.subarray(0, iend), ...chunk("iTXt", broken), ...png.subarray(iend)]);
    const read = boardFromPng(hostile);
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.message).toMatch(/^the board inside this picture is damaged: /);
  });
});
