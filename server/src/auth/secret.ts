import { randomBytes } from "node:crypto";
import { link, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The least key length we sign with: anything shorter (an empty or cut file) is refused. */
const MIN_KEY_BYTES = 32;

/**
 * The key that signs share links: given by configuration, or generated on first start and kept in the
 * data directory (readable by the server's user only), so links survive restarts.
 */
export async function loadSecret(dataDir: string, configured: string | undefined): Promise<Buffer> {
  if (configured !== undefined) {
    if (configured.length < MIN_KEY_BYTES) throw new Error(`SECRET must be at least ${MIN_KEY_BYTES} characters`);
    return Buffer.from(configured, "utf8");
  }
  const file = join(dataDir, "secret.key");
  const existing = await readKey(file);
  if (existing) return existing;
  // Written whole to a file of our own, then linked into place: a reader never sees a half-written
  // key, and when two servers start at once the first link wins and the other reads it.
  const secret = randomBytes(MIN_KEY_BYTES);
  const draft = `${file}.${randomBytes(8).toString("hex")}`;
  await writeFile(draft, secret.toString("base64"), { mode: 0o600 });
  try {
    await link(draft, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = await readKey(file);
    if (!theirs) throw new Error(`${file} holds no valid key: remove it to make a new one (old links stop working)`);
    return theirs;
  } finally {
    await unlink(draft);
  }
}

async function readKey(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const key = Buffer.from(text.trim(), "base64");
  if (key.length < MIN_KEY_BYTES) {
    throw new Error(`${file} holds no valid key: remove it to make a new one (old links stop working)`);
  }
  return key;
}
