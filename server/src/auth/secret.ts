import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The key that signs share links: given by configuration, or generated on first start and kept in the
 * data directory (readable by the server's user only), so links survive restarts.
 */
export async function loadSecret(dataDir: string, configured: string | undefined): Promise<Buffer> {
  if (configured !== undefined) {
    if (configured.length < 32) throw new Error("SECRET must be at least 32 characters");
    return Buffer.from(configured, "utf8");
  }
  const file = join(dataDir, "secret.key");
  try {
    return Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(32);
  // "wx": never overwrite a key another process wrote meanwhile; read theirs instead.
  try {
    await writeFile(file, secret.toString("base64"), { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  }
}
