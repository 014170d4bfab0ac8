import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * What LevelDB will drop from its logs when it opens the store, found before it does. On open LevelDB
 * replays its log files and skips every record it cannot read (a damaged record and the rest of its
 * 32 KiB block; a record cut off at the end of the file) with a word only in its own LOG file, then
 * deletes the log. This reads the logs as LevelDB's reader does (leveldb/db/log_reader.cc; the format
 * is in log_format.h, a record's content in write_batch.cc) and names the keys the dropped bytes held.
 */

const BLOCK_BYTES = 32 * 1024;
const HEADER_BYTES = 7;
/** A write batch starts with its sequence number (8 bytes) and operation count (4). */
const BATCH_HEADER_BYTES = 12;
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;
const PUT = 1;
const DELETE = 0;

/** Why the bytes at the end of a log are dropped: the file ends inside a record. */
export const CUT_SHORT = "the log ends inside a record (the server stopped while writing it, or the file was cut)";

export interface LogDamage {
  file: string;
  /** Where the dropped bytes start in the file, and how many there are. */
  offset: number;
  bytes: number;
  reason: string;
}

/** A key whose last write is in dropped bytes: LevelDB will open the store without it. */
export interface LostKey {
  key: string;
  file: string;
  reason: string;
}

export interface LogReport {
  damage: LogDamage[];
  lost: LostKey[];
}

interface Operation {
  key: string;
  put: boolean;
  file: string;
  /** Why it is dropped; undefined when LevelDB will replay it. */
  dropped: string | undefined;
}

/** Reads every log of the store in `dir` (oldest first, as LevelDB replays them). */
export async function inspectLogs(dir: string): Promise<LogReport> {
  const logs = (await readdir(dir))
    .filter((name) => /^\d+\.log$/.test(name))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const damage: LogDamage[] = [];
  const operations: Operation[] = [];
  for (const file of logs) {
    const bytes = new Uint8Array(await readFile(join(dir, file)));
    const { batches, dropped } = readLog(bytes);
    const found = [
      ...batches.map((batch) => ({ offset: batch.offset, ops: batchOperations(batch.bytes), dropped: undefined })),
      ...dropped.map((d) => ({ offset: d.offset, ops: keysIn(bytes.subarray(d.offset, d.end)), dropped: d.reason })),
    ].sort((a, b) => a.offset - b.offset);
    for (const { ops, dropped: reason } of found) {
      for (const op of ops) operations.push({ ...op, file, dropped: reason });
    }
    for (const d of dropped) damage.push({ file, offset: d.offset, bytes: d.end - d.offset, reason: d.reason });
  }
  // A dropped put is lost unless a later write that LevelDB replays replaces or deletes it; a dropped
  // delete changes nothing.
  const lost = new Map<string, LostKey>();
  for (const op of operations) {
    if (op.dropped === undefined) lost.delete(op.key);
    else if (op.put) lost.set(op.key, { key: op.key, file: op.file, reason: op.dropped });
  }
  return { damage, lost: [...lost.values()] };
}

interface Dropped {
  offset: number;
  end: number;
  reason: string;
}

type Physical =
  | { kind: "record"; type: number; offset: number; end: number; payload: Uint8Array }
  | { kind: "bad"; offset: number; end: number; reason: string };

/** The log's whole records (write batches) and the byte ranges LevelDB's reader drops. */
function readLog(file: Uint8Array): { batches: { offset: number; bytes: Uint8Array }[]; dropped: Dropped[] } {
  const batches: { offset: number; bytes: Uint8Array }[] = [];
  const dropped: Dropped[] = [];
  let fragments: { offset: number; parts: Uint8Array[] } | undefined;
  const drop = (offset: number, end: number, reason: string) => {
    if (end > offset) dropped.push({ offset, end, reason });
  };
  const abandon = (at: number, reason: string) => {
    if (fragments?.parts.some((part) => part.length > 0)) drop(fragments.offset, at, reason);
    fragments = undefined;
  };
  const accept = (offset: number, end: number, bytes: Uint8Array) => {
    if (bytes.length < BATCH_HEADER_BYTES) drop(offset, end, "log record too small");
    else batches.push({ offset, bytes });
  };
  for (const record of physicalRecords(file)) {
    if (record.kind === "bad") {
      abandon(record.offset, record.reason === CUT_SHORT ? CUT_SHORT : "error in middle of record");
      drop(record.offset, record.end, record.reason);
    } else if (record.type === FULL) {
      abandon(record.offset, "partial record without end");
      accept(record.offset, record.end, record.payload);
    } else if (record.type === FIRST) {
      abandon(record.offset, "partial record without end");
      fragments = { offset: record.offset, parts: [record.payload] };
    } else if ((record.type === MIDDLE || record.type === LAST) && fragments) {
      fragments.parts.push(record.payload);
      if (record.type === LAST) {
        accept(fragments.offset, record.end, Buffer.concat(fragments.parts));
        fragments = undefined;
      }
    } else if (record.type === MIDDLE || record.type === LAST) {
      drop(record.offset, record.end, "missing start of fragmented record");
    } else {
      drop(fragments?.offset ?? record.offset, record.end, `unknown record type ${record.type}`);
      fragments = undefined;
    }
  }
  abandon(file.length, CUT_SHORT);
  return { batches, dropped };
}

/** The physical records of a log, block by block, as LevelDB's reader checks them. */
function* physicalRecords(file: Uint8Array): Generator<Physical> {
  for (let block = 0; block < file.length; block += BLOCK_BYTES) {
    const end = Math.min(block + BLOCK_BYTES, file.length);
    // LevelDB knows it is at the end of the file only after a short read.
    const lastRead = end - block < BLOCK_BYTES;
    let at = block;
    while (end - at >= HEADER_BYTES) {
      const length = (file[at + 4] ?? 0) | ((file[at + 5] ?? 0) << 8);
      const type = file[at + 6] ?? 0;
      const recordEnd = at + HEADER_BYTES + length;
      if (recordEnd > end) {
        yield { kind: "bad", offset: at, end, reason: lastRead ? CUT_SHORT : "bad record length" };
        at = end;
      } else if (type === 0 && length === 0) {
        // Space LevelDB preallocated: the rest of the block is skipped, without a loss.
        at = end;
      } else if (unmask(readUint32(file, at)) !== crc32c(file.subarray(at + 6, recordEnd))) {
        // As LevelDB does: the length may be the damaged part, so nothing more of this block is trusted.
        yield { kind: "bad", offset: at, end, reason: "checksum mismatch" };
        at = end;
      } else {
        yield {
          kind: "record",
          type,
          offset: at,
          end: recordEnd,
          payload: file.subarray(at + HEADER_BYTES, recordEnd),
        };
        at = recordEnd;
      }
    }
    // Fewer bytes than a header: a block's zero trailer, or at the end of the file a header cut short.
    if (lastRead && at < end) yield { kind: "bad", offset: at, end, reason: CUT_SHORT };
  }
}

/** The keys a whole write batch puts or deletes, in order. */
function batchOperations(batch: Uint8Array): { key: string; put: boolean }[] {
  const operations: { key: string; put: boolean }[] = [];
  let at = BATCH_HEADER_BYTES;
  while (at < batch.length) {
    const tag = batch[at++];
    if (tag !== PUT && tag !== DELETE) break;
    const [keyLength, keyStart] = readVarint(batch, at);
    const key = Buffer.from(batch.subarray(keyStart, keyStart + keyLength)).toString("utf8");
    at = keyStart + keyLength;
    if (tag === PUT) {
      const [valueLength, valueStart] = readVarint(batch, at);
      at = valueStart + valueLength;
    }
    operations.push({ key, put: tag === PUT });
  }
  return operations;
}

/**
 * The store's keys that dropped bytes hold, found by their shape since the bytes may be damaged: an
 * operation tag, the key's length (one byte: keys are short) and a key of a document update or a board
 * record (level-store.ts). The length byte may itself look like part of a key, so each start is tried.
 */
function keysIn(bytes: Uint8Array): { key: string; put: boolean }[] {
  const text = Buffer.from(bytes).toString("latin1");
  const keys: { key: string; put: boolean }[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9_.-]{8,}!(?:u!\d{12}|m)/g)) {
    const end = match.index + match[0].length;
    for (let start = match.index; start < end; start++) {
      const tag = bytes[start - 2];
      if (bytes[start - 1] === end - start && (tag === PUT || tag === DELETE)) {
        keys.push({ key: text.slice(start, end), put: tag === PUT });
        break;
      }
    }
  }
  return keys;
}

function readVarint(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  let at = offset;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[at++] ?? 0;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  return [value, at];
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16)) +
    (bytes[offset + 3] ?? 0) * 2 ** 24
  );
}

/** LevelDB stores a record's CRC rotated and offset ("masked", util/crc32c.h), so that a CRC of CRCs differs. */
function unmask(masked: number): number {
  const rotated = (masked - 0xa282ead8) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}

const CRC32C_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32C (Castagnoli), LevelDB's checksum; Node's zlib has only the other CRC-32. */
function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
