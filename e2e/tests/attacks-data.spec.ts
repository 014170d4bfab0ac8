import { randomBytes } from "node:crypto";
import { readdir, readFile, truncate, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AppProcess, expect, test } from "./app.js";
import { addNotes, boardIdOf, filesUnder, logLines } from "./data-dir.js";
import { storedNotes } from "./reader.js";

/**
 * Damage to the data directory, done to the real process's files between two starts: the server must
 * refuse what it cannot open, say why and how to recover, and report every record it could not read.
 * Each test prints what happened.
 */

/** Starts a copy of `app` (same port and data) with extra environment: "started", or why it did not. */
async function startWith(app: AppProcess, env: Record<string, string> = {}): Promise<string> {
  const other = new AppProcess(app.port, app.dataDir, env);
  return other.start().then(
    async () => {
      await other.stop();
      return "started";
    },
    (error: Error) => error.message,
  );
}

/** The status the board's own endpoint answers a link with: 200, or 403/404 when the link or board is gone. */
async function linkStatus(app: AppProcess, boardUrl: string): Promise<number> {
  const token = new URL(boardUrl).searchParams.get("token");
  const response = await fetch(`${app.url}/api/boards/${boardIdOf(boardUrl)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.status;
}

/** The newest LevelDB log file of the app's store. */
async function newestLog(app: AppProcess): Promise<string> {
  const logs = (await readdir(join(app.dataDir, "boards"))).filter((f) => f.endsWith(".log")).sort();
  const newest = logs.at(-1);
  if (!newest) throw new Error("the store has no log file");
  return join(app.dataDir, "boards", newest);
}

/** What the app logged about lost records since it started: board, document and how many. */
function losses(app: AppProcess): { board: unknown; doc: unknown; records: unknown }[] {
  return logLines(app)
    .filter((line) => line.event === "stored updates lost")
    .map(({ board, doc, records }) => ({ board, doc, records }));
}

test("a store that lost its CURRENT file is refused and left untouched; REPAIR_DATA=1 brings every board back", async ({
  app,
}) => {
  const board = await app.createBoard();
  await addNotes(board, ["Need", "Shop", "Buy"]);
  // Started once more: LevelDB turns its log into a table, the files it would delete as obsolete.
  expect(await app.stop()).toBe(0);
  await app.start();
  expect(await app.stop()).toBe(0);
  const store = join(app.dataDir, "boards");
  await unlink(join(store, "CURRENT"));
  const before = await filesUnder(store);
  expect(before.some((file) => file.endsWith(".ldb"))).toBe(true);

  const outcome = await app.start().then(
    () => "started",
    (error: Error) => error.message,
  );
  const after = await filesUnder(store);
  const board404 = outcome === "started" ? await linkStatus(app, board) : "not started";
  await app.stop();
  console.log(
    `missing CURRENT: ${outcome.trim().split("\n").at(-1)}; store files ${before.length} → ${after.length}` +
      ` (${before.filter((f) => !after.includes(f)).join(", ") || "none"} deleted); the board's link answers ${board404}`,
  );
  expect(outcome).toMatch(/no CURRENT file/);
  expect(outcome).toMatch(/REPAIR_DATA=1/);
  expect(after).toEqual(before);

  const repaired = await startWith(app, { REPAIR_DATA: "1" });
  expect(repaired).toBe("started");
  await app.start();
  const notes = (await storedNotes(board)).map((n) => n.text).sort();
  console.log(`missing CURRENT: after REPAIR_DATA=1 the board holds ${JSON.stringify(notes)}`);
  expect(notes).toEqual(["Buy", "Need", "Shop"]);
});

test("a damaged or cut log is reported with each board and how many of its records were lost", async ({ app }) => {
  const first = await app.createBoard();
  const second = await app.createBoard();
  await addNotes(first, ["one", "two", "Damaged-three", "four"]);
  await addNotes(second, ["later-1", "later-2"]);
  // Killed: the log still holds every update (a graceful stop would compact the boards).
  await app.stop("SIGKILL");
  const log = await newestLog(app);
  const bytes = await readFile(log);
  const at = bytes.indexOf("Damaged-three");
  expect(at).toBeGreaterThan(0);
  bytes[at + 3] = (bytes[at + 3] ?? 0) ^ 0xff;
  await writeFile(log, bytes);
  await app.start();
  const damaged = losses(app);
  const firstHolds = (await storedNotes(first)).map((n) => n.text).sort();
  const secondHolds = (await storedNotes(second)).map((n) => n.text).sort();
  console.log(
    `damaged log: the first board holds ${JSON.stringify(firstHolds)}, the second ${JSON.stringify(secondHolds)};` +
      ` logged: ${JSON.stringify(damaged)}`,
  );
  // LevelDB drops the damaged record and the rest of its block: both boards lost records.
  expect(firstHolds).toEqual(["one", "two"]);
  expect(secondHolds).toEqual([]);
  const lostBy = (url: string) => damaged.find((l) => l.board === boardIdOf(url) && l.doc === "board")?.records;
  expect(lostBy(first)).toBeGreaterThanOrEqual(2);
  expect(lostBy(second)).toBeGreaterThanOrEqual(2);

  const third = await app.createBoard();
  await addNotes(third, ["kept", "cut-off"]);
  await app.stop("SIGKILL");
  const cut = await newestLog(app);
  await truncate(cut, (await readFile(cut)).length - 5);
  await app.start();
  const thirdHolds = (await storedNotes(third)).map((n) => n.text).sort();
  const cutLosses = losses(app).filter((l) => l.board === boardIdOf(third));
  console.log(`cut log: the board holds ${JSON.stringify(thirdHolds)}; logged: ${JSON.stringify(cutLosses)}`);
  expect(thirdHolds).toEqual(["kept"]);
  expect(cutLosses).toEqual([{ board: boardIdOf(third), doc: "board", records: 1 }]);
});

test("a store that cannot be opened says why, with LevelDB's own reason", async ({ app }) => {
  await app.createBoard();
  expect(await app.stop()).toBe(0);
  await writeFile(join(app.dataDir, "boards", "CURRENT"), "MANIFEST-999999\n");
  const failure = await app.start().then(
    () => "started",
    (error: Error) => error.message,
  );
  const logged = JSON.stringify(logLines(app).find((line) => line.event === "start failed") ?? null);
  console.log(`unopenable store: ${failure.trim().split("\n").at(-1)}; logged ${logged}`);
  expect(failure).toMatch(/could not start: .*MANIFEST-999999: No such file or directory/);
  expect(logged).toContain("MANIFEST-999999: No such file or directory");
});

test("a lost or changed link key is refused while boards exist; ROTATE_SECRET=1 rotates it", async ({ app }) => {
  const board = await app.createBoard();
  expect(await app.stop()).toBe(0);
  const keyFile = join(app.dataDir, "secret.key");
  const original = await readFile(keyFile);
  const otherKey = randomBytes(32).toString("base64");

  await unlink(keyFile);
  const deleted = await startWith(app);
  const recreated = await readFile(keyFile).then(
    () => true,
    () => false,
  );
  await writeFile(keyFile, otherKey, { mode: 0o600 });
  const changed = await startWith(app);
  await writeFile(keyFile, original, { mode: 0o600 });
  const otherSecret = await startWith(app, { SECRET: randomBytes(32).toString("hex") });
  console.log(
    `link key: deleted → ${deleted.trim().split("\n").at(-1)} (a new key written: ${recreated}); ` +
      `changed → ${changed.trim().split("\n").at(-1)}; other SECRET → ${otherSecret.trim().split("\n").at(-1)}`,
  );
  for (const outcome of [deleted, changed, otherSecret]) {
    expect(outcome).toMatch(/not the key these boards were made with|secret\.key is missing/);
    expect(outcome).toMatch(/ROTATE_SECRET=1/);
  }

  // The original key back: everything works as before.
  await app.start();
  expect(await linkStatus(app, board)).toBe(200);
  await app.stop();

  await writeFile(keyFile, otherKey, { mode: 0o600 });
  expect(await startWith(app, { ROTATE_SECRET: "1" })).toBe("started");
  await app.start();
  const oldLink = await linkStatus(app, board);
  const newBoard = await app.createBoard();
  const newLink = await linkStatus(app, newBoard);
  console.log(`link key: after ROTATE_SECRET=1 an old link answers ${oldLink}, a new board's ${newLink}`);
  expect(oldLink).toBe(403);
  expect(newLink).toBe(200);
});
