import { cp, mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClassicLevel } from "classic-level";
import { afterEach, describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import { inspectLogs } from "../src/store/log-damage.js";
import { createBoardOn, disposeApps, eventually, startTestApp, type TestApp } from "./helpers.js";

const dirs: string[] = [];
const apps: TestApp[] = [];
afterEach(async () => {
  await disposeApps(apps);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "journeyboard-"));
  dirs.push(dir);
  return dir;
}

/** Bytes that never look like a key (all above ASCII), the same every run. */
function filler(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = 0x80 | (state >>> 24);
  }
  return bytes;
}

function level(path: string): ClassicLevel<string, Uint8Array> {
  return new ClassicLevel<string, Uint8Array>(path, { keyEncoding: "utf8", valueEncoding: "view" });
}

describe("a damaged store log", () => {
  it("names the keys LevelDB drops, wherever a byte of the log is damaged or the log is cut", async () => {
    const pristine = join(await tempDir(), "boards");
    const db = level(pristine);
    await db.open();
    const keys: string[] = [];
    // Records of every shape: small ones, and updates bigger than a 32 KiB block, which span blocks.
    for (let i = 0; i < 60; i++) {
      const key = `Board${i % 3}abcdefgh${i % 2 ? ".control" : ""}!u!${String(i).padStart(12, "0")}`;
      await db.put(key, filler(i % 10 === 7 ? 40_000 + i : 100 + i * 37, i));
      keys.push(key);
    }
    await db.close();
    const logName = (await readdir(pristine)).find((name) => name.endsWith(".log")) ?? "";
    const original = await readFile(join(pristine, logName));
    const size = original.length;
    // Where each key's own bytes are in the log: its operation tag and length byte, then the key. A key
    // that a block boundary splits (a record header inside it) is found nowhere whole.
    const span = (key: string) => {
      const at = original.indexOf(key);
      return at < 0 ? undefined : { from: at - 2, to: at + key.length };
    };

    const damages = [
      ...Array.from({ length: 60 }, (_, k) => ({ flip: Math.floor((size * k) / 60) + 11 })),
      ...Array.from({ length: 12 }, (_, k) => ({ cut: size - 1 - Math.floor((size * k) / 12) })),
    ];
    let dropped = 0;
    let named = 0;
    let unreadable = 0;
    for (const damage of damages) {
      const path = join(await tempDir(), "boards");
      await cp(pristine, path, { recursive: true });
      const log = join(path, logName);
      if ("flip" in damage) {
        const bytes = Buffer.from(original);
        bytes[damage.flip] = (bytes[damage.flip] ?? 0) ^ 0xff;
        await writeFile(log, bytes);
      } else {
        await truncate(log, damage.cut);
      }
      const report = await inspectLogs(path);
      const opened = level(path);
      await opened.open();
      const present = new Set(await opened.keys().all());
      await opened.close();
      const missing = keys.filter((key) => !present.has(key));
      // What can be named: every dropped key whose own bytes are still there, undamaged.
      const readable = missing.filter((key) => {
        const bytes = span(key);
        if (!bytes) return false;
        return "flip" in damage ? damage.flip < bytes.from || damage.flip >= bytes.to : bytes.to <= damage.cut;
      });
      dropped += missing.length;
      named += report.lost.length;
      unreadable += missing.length - readable.length;
      expect(report.lost.map((lost) => lost.key).sort(), JSON.stringify(damage)).toEqual(readable.sort());
      expect(report.damage.length > 0, JSON.stringify(damage)).toBe(missing.length > 0);
    }
    console.log(
      `damaged log: ${damages.length} damages of a ${size}-byte log, ${dropped} keys dropped by LevelDB, ${named} named, ` +
        `${unreadable} not (cut off the file, hit by the damage, or split by a block boundary)`,
    );
    expect(dropped).toBeGreaterThan(200);
  });

  it("a log untouched since the last write reports nothing", async () => {
    const path = join(await tempDir(), "boards");
    const db = level(path);
    await db.open();
    for (let i = 0; i < 20; i++) await db.put(`Boardabcdefgh!u!${String(i).padStart(12, "0")}`, filler(5000, i));
    await db.del("Boardabcdefgh!u!000000000003");
    await db.close();
    expect(await inspectLogs(path)).toEqual({ damage: [], lost: [] });
  });
});

describe("the link key", () => {
  it("a store from before key fingerprints records its key at the next start, then refuses another", async () => {
    const first = await startTestApp();
    apps.push(first);
    await createBoardOn(first);
    await first.close();
    // As a store written before fingerprints: boards and a key, no fingerprint.
    const store = level(join(first.dataDir, "boards"));
    await store.open();
    await store.del("!key");
    await store.close();
    const second = await startTestApp({ dataDir: first.dataDir });
    apps.push(second);
    await second.close();
    await unlink(join(first.dataDir, "secret.key"));
    await expect(startTestApp({ dataDir: first.dataDir })).rejects.toThrow(/secret\.key is missing/);
    await writeFile(join(first.dataDir, "secret.key"), Buffer.alloc(32, 7).toString("base64"));
    await expect(startTestApp({ dataDir: first.dataDir })).rejects.toThrow(/not the key these boards were made with/);
    const rotated = await startTestApp({ dataDir: first.dataDir, rotateSecret: true });
    apps.push(rotated);
    expect(rotated.logs.some((line) => line.event === "link key rotated")).toBe(true);
  });
});

describe("readiness", () => {
  it("GET /readyz answers 503 with the reason while a probe write fails, 200 once one succeeds; /healthz stays 200", async () => {
    const dataDir = await tempDir();
    const level = await LevelBoardStore.open(dataDir);
    let full = false;
    // A disk that fills while nobody writes: only the probe finds out.
    const store = Object.assign(Object.create(level) as LevelBoardStore, {
      probe: async () => {
        if (full) throw new Error("IO error: 000003.log: No space left on device");
        await level.probe();
      },
    });
    const app = await startTestApp({ dataDir }, { store });
    apps.push(app);
    const get = async (path: string) => {
      const response = await fetch(`${app.url}${path}`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await get("/readyz")).toEqual({ status: 200, body: { status: "ready" } });
    full = true;
    await eventually(async () => expect((await get("/readyz")).status).toBe(503));
    expect((await get("/readyz")).body).toEqual({
      status: "unavailable",
      reason: "the store takes no writes: IO error: 000003.log: No space left on device",
    });
    expect((await get("/healthz")).status).toBe(200);
    full = false;
    await eventually(async () => expect(await get("/readyz")).toEqual({ status: 200, body: { status: "ready" } }));
    expect((await fetch(`${app.url}/readyz`, { method: "POST" })).status).toBe(405);
  });
});

describe("data directory settings", () => {
  it("reads ROTATE_SECRET, REPAIR_DATA and STORE_RETRY_SECONDS, and refuses what they cannot be", () => {
    expect(readConfig({})).toMatchObject({ rotateSecret: false, repairData: false, storeRetrySeconds: 2 });
    expect(readConfig({ ROTATE_SECRET: "1", REPAIR_DATA: "1", STORE_RETRY_SECONDS: "5" })).toMatchObject({
      rotateSecret: true,
      repairData: true,
      storeRetrySeconds: 5,
    });
    expect(readConfig({ ROTATE_SECRET: "0" }).rotateSecret).toBe(false);
    expect(() => readConfig({ ROTATE_SECRET: "yes" })).toThrow('ROTATE_SECRET must be 1 or 0, not "yes"');
    expect(() => readConfig({ REPAIR_DATA: "true" })).toThrow('REPAIR_DATA must be 1 or 0, not "true"');
    expect(() => readConfig({ STORE_RETRY_SECONDS: "0" })).toThrow(
      "STORE_RETRY_SECONDS must be a whole number from 1 to 300",
    );
  });
});
