import { rm } from "node:fs/promises";
import { AppProcess, expect, freePort, test } from "./app.js";

test("a second server on the same data directory or port says plainly why it cannot start", async ({ app }) => {
  const sameData = new AppProcess(await freePort(), app.dataDir);
  await expect(sameData.start()).rejects.toThrow(/data directory .* is in use by another running Journeyboard/);
  const samePort = await AppProcess.started().then(async (other) => {
    const clash = new AppProcess(other.port, `${other.dataDir}-2`);
    const failure = await clash.start().then(
      () => "started",
      (error: Error) => error.message,
    );
    await other.dispose();
    await rm(`${other.dataDir}-2`, { recursive: true, force: true });
    return failure;
  });
  expect(samePort).toMatch(/port \d+ is in use/);
});
