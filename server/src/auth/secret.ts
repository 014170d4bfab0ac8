import { createHmac, randomBytes } from "node:crypto";
import { link, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../log.js";
import type { BoardStore } from "../store/store.js";

/** The least key length we sign with: anything shorter (an empty or cut file) is refused. */
const MIN_KEY_BYTES = 32;

/** What a key's fingerprint is the HMAC of: it tells keys apart and gives nothing of the key away. */
const FINGERPRINT_OF = "journeyboard link key";

const ROTATE = "start once with ROTATE_SECRET=1 to rotate it (every existing link stops working, facilitators' too)";

/**
 * The key that signs share links: given by configuration, or generated on first start and kept in the
 * data directory (readable by the server's user only), so links survive restarts. A missing key file is
 * made anew only when `create` (no boards yet, or a rotation): otherwise every link would stop working.
 */
export async function loadSecret(dataDir: string, configured: string | undefined, create = true): Promise<Buffer> {
  if (configured !== undefined) {
    if (configured.length < MIN_KEY_BYTES) throw new Error(`SECRET must be at least ${MIN_KEY_BYTES} characters`);
    return Buffer.from(configured, "utf8");
  }
  const file = join(dataDir, "secret.key");
  const existing = await readKey(file);
  if (existing) return existing;
  if (!create) {
    throw new Error(
      `${file} is missing, and the boards in ${dataDir} were made with it: every link would stop working. ` +
        `Put it back from a backup, or ${ROTATE}`,
    );
  }
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

/** The key in a file written as secret.key is (SECRET_FILE: a copy of a data directory's), which must exist. */
export async function keyFile(file: string): Promise<Buffer> {
  const key = await readKey(file);
  if (!key) throw new Error(`${file} (SECRET_FILE) is missing`);
  return key;
}

/**
 * Refuses a key that is not the one the stored boards' links were signed with, unless `rotate`; records
 * the key's fingerprint in the store when it has none yet (a new store, or one from before fingerprints).
 */
export async function checkSecret(
  store: BoardStore,
  secret: Buffer,
  options: { rotate: boolean; source: string },
  log: Logger,
): Promise<void> {
  const fingerprint = fingerprintOf(secret);
  const recorded = await store.keyFingerprint();
  if (recorded === fingerprint) return;
  if (recorded !== undefined && !options.rotate) {
    throw new Error(
      `${options.source} is not the key these boards were made with: every existing link would stop working. ` +
        `Put the old key back, or ${ROTATE}`,
    );
  }
  if (recorded !== undefined)
    log.warn("link key rotated", { reason: "ROTATE_SECRET is set: every earlier link stops working" });
  await store.setKeyFingerprint(fingerprint);
}

/** What the store records of a key: tells keys apart and gives nothing of the key away. */
export function fingerprintOf(secret: Buffer): string {
  return createHmac("sha256", secret).update(FINGERPRINT_OF).digest("base64url");
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
