import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPostgres } from "../../server/test/services/postgres.js";
import { AppProcess, expect, freePort, test } from "./app.js";

/**
 * `pnpm journeyboard` as people run it: the root package.json's script, as a child process, on a data
 * directory of its own, with the server stopped, and then while a real server holds the directory.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
const command: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.journeyboard;
const FIXTURE = join(root, "shared/test/fixtures/board-file-v1.json");

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function journeyboard(dataDir: string, ...args: string[]): Promise<Ran> {
  return journeyboardWith({ DATA_DIR: dataDir }, ...args);
}

function journeyboardWith(env: Record<string, string>, ...args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", `exec ${command} "$@"`, "journeyboard", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let dir = "";
test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "journeyboard-cli-"));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("imports, lists and exports boards with the server stopped; the link it prints opens the board", async () => {
  const data = join(dir, "data");
  const imported = await journeyboard(data, "import", FIXTURE);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  const [, id, link] = /Created board (\w+) from .* \(2 maps, 7 notes\)\.\n.*: (\/b\/\w+\?token=\S+)\n$/.exec(
    imported.stdout,
  ) ?? ["", "", ""];
  expect(id).toMatch(/^\w{16}$/);

  const listed = await journeyboard(data, "list");
  expect(listed.code).toBe(0);
  expect(listed.stdout.split("\n")[0]).toMatch(/^id\s+created\s+maps\s+notes\s+title$/);
  expect(listed.stdout).toMatch(
    new RegExp(`^${id}\\s+2026-11-20T09:00:00.000Z\\s+2\\s+7\\s+Bikes & Co: service journey$`, "m"),
  );

  const out = join(dir, "board.journeyboard.json");
  const exported = await journeyboard(data, "export", id ?? "", "--format", "json", "--out", out);
  expect(exported).toEqual({ code: 0, stdout: `Wrote board ${id} to ${out}\n`, stderr: "" });
  const fixture = JSON.parse(await readFile(FIXTURE, "utf8"));
  const file = JSON.parse(await readFile(out, "utf8"));
  // The same board, but for the vote, which a file records and an import does not re-open.
  const withoutVotes = (f: { maps: object[] }) => f.maps.map((map) => ({ ...map, vote: null }));
  expect(withoutVotes(file)).toEqual(withoutVotes(fixture));
  expect(file.board).toEqual(fixture.board);
  const csv = await journeyboard(data, "export", id ?? "", "--format", "csv");
  expect(csv.stdout.split("\r\n")[0]).toBe(
    "\uFEFFmap,stage,phase,lane,kind,channel,text,segments,votes,author,created",
  );
  expect(csv.stdout).toContain('"Compares bikes on the website, ""price"" first"');
  const crowd = await journeyboard(data, "export", id ?? "", "--format", "csv", "--table", "crowd");
  expect(crowd.stdout.split("\r\n")[0]).toBe("\uFEFFmap,segment,stage,phase,mean,sd,scores,participants,closed");

  // The server started on that directory takes the link the command printed: the link key is the same.
  const app = new AppProcess(await freePort(), data);
  await app.start();
  try {
    const board = await fetch(`${app.url}/api/boards/${id}`, {
      headers: { Authorization: `Bearer ${new URL(link ?? "", app.url).searchParams.get("token")}` },
    });
    expect(board.status).toBe(200);
    expect(await board.json()).toMatchObject({ id, role: "facilitator" });
  } finally {
    await app.stop();
  }
});

test("says to stop the server, or which API route to use, while a server holds the data directory", async () => {
  const data = join(dir, "data");
  const app = new AppProcess(await freePort(), data);
  await app.start();
  try {
    const url = await app.createBoard();
    const id = new URL(url).pathname.split("/").pop() ?? "";
    const held = `the data directory ${data} is in use by a running Journeyboard server: stop the server first`;
    const exported = await journeyboard(data, "export", id, "--out", join(dir, "x.json"));
    expect(exported.code).toBe(1);
    expect(exported.stderr).toBe(`journeyboard: ${held}, or use the API: GET /api/boards/${id}/export.json\n`);
    const imported = await journeyboard(data, "import", FIXTURE);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`${held}, or use the API: POST /api/boards`);
    const listed = await journeyboard(data, "list");
    expect(listed).toEqual({ code: 1, stdout: "", stderr: `journeyboard: ${held}\n` });
    // The server was not disturbed: it still answers and serves the board.
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  } finally {
    await app.stop();
  }
  expect((await journeyboard(data, "list")).code).toBe(0);
});

test("refuses a broken file naming the field, and stores nothing", async () => {
  const data = join(dir, "data");
  const fixture = JSON.parse(await readFile(FIXTURE, "utf8"));
  fixture.maps[0].notes[2].text = 42;
  const broken = join(dir, "broken.json");
  await writeFile(broken, JSON.stringify(fixture));
  const imported = await journeyboard(data, "import", broken);
  expect(imported).toEqual({
    code: 1,
    stdout: "",
    stderr: `journeyboard: ${broken} cannot be imported: maps[0].notes[2].text: expected string\n`,
  });
  const listed = await journeyboard(data, "list");
  expect(listed.stderr).toMatch(/no boards are stored in .*: set DATA_DIR to the server's data directory/);
  expect(listed.code).toBe(1);
  const unknown = await journeyboard(data, "export", "NoSuchBoard00000", "--format", "xml");
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe("journeyboard: --format must be json or csv\n");
  const usage = await journeyboard(data, "remove", "x");
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain("Usage: pnpm journeyboard <command>");
});

test("migrate-to-postgres copies the boards; a relay on PostgreSQL opens them with the same links; a second run skips them", async () => {
  const data = join(dir, "data");
  // The default set-up: the server made its key, and SECRET_FILE hands it to the command and the new relay.
  const onDisk = new AppProcess(await freePort(), data);
  await onDisk.start();
  const link = await onDisk.createBoard().finally(() => onDisk.stop());
  const id = new URL(link).pathname.split("/").pop() ?? "";
  const postgres = await startPostgres();
  try {
    const env = { DATA_DIR: data, DATABASE_URL: await postgres.database(), SECRET_FILE: join(data, "secret.key") };
    const first = await journeyboardWith(env, "migrate-to-postgres");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        `^Copied board ${id} \\(\\d+ stored updates\\)\nCopied 1 boards from ${data} to PostgreSQL; skipped 0 it held already\\.\n$`,
      ),
    );
    const second = await journeyboardWith(env, "migrate-to-postgres");
    expect(second).toEqual({
      code: 0,
      stdout: `Skipped board ${id}: already in PostgreSQL\nCopied 0 boards from ${data} to PostgreSQL; skipped 1 it held already.\n`,
      stderr: "",
    });
    const listed = await journeyboardWith(env, "list");
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain("unset DATABASE_URL");

    const onPostgres = new AppProcess(await freePort(), join(dir, "unused"), env);
    await onPostgres.start();
    try {
      const board = await fetch(`${onPostgres.url}/api/boards/${id}`, {
        headers: { Authorization: `Bearer ${new URL(link).searchParams.get("token")}` },
      });
      expect(board.status).toBe(200);
      expect(await board.json()).toMatchObject({ id, role: "facilitator" });
    } finally {
      await onPostgres.stop();
    }
  } finally {
    await postgres.remove();
  }
});
