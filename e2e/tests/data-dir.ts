import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addNote } from "@journeyboard/shared";
import type { AppProcess } from "./app.js";
import { firstMap, withBoard } from "./reader.js";

/** Helpers for the data-directory attacks: what the app logged, what its files hold, a small disk. */

/** The app's JSON log lines so far (stdout and stderr), parsed; other output is left out. */
export function logLines(app: AppProcess): Record<string, unknown>[] {
  return app.output
    .join("")
    .split("\n")
    .flatMap((line) => {
      if (!line.startsWith("{")) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** Every file under a directory, as paths relative to it, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const files: string[] = [];
  for (const entry of entries) if ((await stat(join(dir, entry))).isFile()) files.push(entry);
  return files.sort();
}

/** Which of `needles` occur in the raw bytes of any file under `dir`, with the files they are in. */
export async function foundOnDisk(dir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(dir)) {
    const bytes = await readFile(join(dir, file));
    for (const needle of needles) if (bytes.includes(Buffer.from(needle))) found.push(`${needle} in ${file}`);
  }
  return found;
}

/**
 * Adds each note in its own change, each once the server holds the one before: one stored record each
 * (changes that arrive together are stored as one batch), and resolves once the server holds them all.
 */
export async function addNotes(boardUrl: string, texts: string[]): Promise<void> {
  for (const text of texts) {
    await withBoard(boardUrl, (doc) => {
      addNote(firstMap(doc), { cell: null, x: 0, y: 0, author: "test", text });
    });
  }
}

/** The board id of a board link. */
export function boardIdOf(boardUrl: string): string {
  return new URL(boardUrl).pathname.split("/").pop() ?? "";
}

/** A directory on a tmpfs of `megabytes`, unmounted and removed by the returned function. */
export async function smallDisk(megabytes: number): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "journeyboard-disk-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir]);
  return {
    dir,
    remove: async () => {
      execFileSync("umount", [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
