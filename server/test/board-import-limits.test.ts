import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";
import { exported, postFile } from "./board-file-helpers.js";
import { createBoardOn, eventually, relaysStartedPerTest, type TestApp } from "./helpers.js";
import { httpWith, rawSocket } from "./http-helpers.js";

const started = relaysStartedPerTest();

const created = (app: TestApp) => app.logs.filter((l) => l.event === "board created").length;

describe("what a file sent to POST /api/boards may cost", () => {
  it("reads only so many files at once: another file meanwhile is told to come back", async () => {
    const app = await started(httpWith({ maxImportsAtOnce: 1 }));
    const source = await createBoardOn(app);
    // Indented further (still the same file), so that it is well past the plain limit.
    const text = (await exported(app, source)).text.replaceAll("\n", `\n${" ".repeat(40)}`);
    expect(Buffer.byteLength(text)).toBeGreaterThan(8192);
    // One file arrives slowly, past the plain limit but for its last bytes: it holds the only slot until they come.
    const bytes = Buffer.byteLength(text);
    const head = `POST /api/boards HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${bytes}`;
    const slow = await rawSocket(app, "127.0.0.1", `${head}\r\n\r\n${text.slice(0, -10)}`);
    await eventually(() => expect(app.logs).toContainEqual(expect.objectContaining({ event: "board file reading" })));
    const busy = await postFile(app, text);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(await busy.json()).toEqual({ error: "the server is reading other files: try again in a moment" });
    slow.socket.write(text.slice(-10));
    await eventually(() => expect(slow.received).toMatch(/^HTTP\/1.1 201 Created/));
    expect((await postFile(app, text)).status).toBe(201);
  });

  it("counts a file as a board created, before reading past the plain limit", async () => {
    const app = await started(httpWith({ boardsPerMinutePerAddress: 1 }));
    const source = await createBoardOn(app);
    const throttled = await postFile(app, (await exported(app, source)).text.replaceAll("\n", `\n${" ".repeat(40)}`));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(created(app)).toBe(1);
  });

  it("counts a body's length in bytes, once: a long title of accented letters is no file, and no second creation", async () => {
    const app = await started(httpWith({ boardsPerMinutePerAddress: 2 }));
    await createBoardOn(app);
    const title = "é".repeat(2100);
    expect(title.length).toBeLessThan(4096);
    const answer = await postFile(app, JSON.stringify({ title }));
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toBe("the body is over 4096 bytes: only a Journeyboard file may be longer");
    // It took one creation (the one it would have made): the address has none left for a plain one.
    await createBoardOn(app).then(
      () => expect.unreachable("a third creation in the minute"),
      (error: Error) => expect(error.message).toBe("create board answered 429"),
    );
    expect(created(app)).toBe(1);
  });

  it("reads MAX_IMPORT_BYTES and MAX_IMPORTS_AT_ONCE from the environment, refusing values out of range", () => {
    expect(readConfig({}).http).toMatchObject({ maxImportBytes: 16 * 1024 * 1024, maxImportsAtOnce: 4 });
    expect(readConfig({ MAX_IMPORT_BYTES: "65536", MAX_IMPORTS_AT_ONCE: "2" }).http).toMatchObject({
      maxImportBytes: 65536,
      maxImportsAtOnce: 2,
    });
    expect(() => readConfig({ MAX_IMPORT_BYTES: "1000" })).toThrow(
      'MAX_IMPORT_BYTES must be a whole number from 4096 to 67108864, not "1000"',
    );
    expect(() => readConfig({ MAX_IMPORTS_AT_ONCE: "0" })).toThrow(
      'MAX_IMPORTS_AT_ONCE must be a whole number from 1 to 1000, not "0"',
    );
  });
});
