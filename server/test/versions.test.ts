import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CloseCode,
  containerOf,
  listSegments,
  metaOf,
  readCurve,
  readNote,
  SCHEMA_VERSION,
  schemaVersionOf,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadSecret } from "../src/auth/secret.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import {
  closeCodeOf,
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  relaysStartedPerTest,
  signedToken,
  socketUrl,
  synced,
} from "./helpers.js";

const started = relaysStartedPerTest();

describe("schema versions", () => {
  it("turns away a page built for another schema version with its own final code; a stock client is served", async () => {
    const app = await started();
    const board = await createBoardOn(app);
    const url = socketUrl(app, board);
    expect(await closeCodeOf(`${url}&schema=${SCHEMA_VERSION - 1}`)).toEqual({
      code: CloseCode.pageOutdated,
      reason: "this page is out of date: reload",
    });
    expect((await closeCodeOf(`${url}&schema=${SCHEMA_VERSION + 1}`)).code).toBe(CloseCode.pageNewer);
    expect((await closeCodeOf(`${url}&schema=nonsense`)).code).toBe(CloseCode.pageOutdated);
    // A page built before pages declared their version (a tab left open through this update).
    const origin = app.url;
    expect((await closeCodeOf(url, { origin })).code).toBe(CloseCode.pageOutdated);
    const current = connect(app, board, new Y.Doc(), board.id, undefined, { schema: String(SCHEMA_VERSION) });
    const stock = connect(app, board);
    await Promise.all([synced(current), synced(stock)]);
    expect(schemaVersionOf(current.doc)).toBe(SCHEMA_VERSION);
    leave(current, stock);
  });

  it("an editor who writes the schema version cannot lock the board: nobody else ever sees it, the store keeps the relay's", async () => {
    const app = await started();
    const board = await createBoardOn(app);
    const forger = connect(app, board);
    const witness = connect(app, board);
    await Promise.all([synced(forger), synced(witness)]);
    const seen: unknown[] = [];
    metaOf(witness.doc).observe(() => seen.push(metaOf(witness.doc).get("schemaVersion")));
    metaOf(forger.doc).set("title", "Renamed");
    metaOf(forger.doc).set("schemaVersion", 999);
    await eventually(() => expect(schemaVersionOf(forger.doc)).toBe(SCHEMA_VERSION), 15_000);
    await eventually(() => expect(metaOf(witness.doc).get("title")).toBe("Renamed"), 15_000);
    expect(seen.every((version) => version === SCHEMA_VERSION)).toBe(true);
    leave(forger, witness);
    await app.close();

    const again = await started({ dataDir: app.dataDir });
    const reader = connect(again, board);
    await synced(reader);
    expect(schemaVersionOf(reader.doc)).toBe(SCHEMA_VERSION);
    expect(metaOf(reader.doc).get("title")).toBe("Renamed");
    leave(reader);
  });

  it("a note a stock client writes without its structure reaches everyone repaired, the writer included", async () => {
    const app = await started();
    const board = await createBoardOn(app);
    const stock = connect(app, board);
    const other = connect(app, board);
    await Promise.all([synced(stock), synced(other)]);
    const bare = new Y.Map<unknown>();
    bare.set("text", "from a script");
    containerOf(firstMap(stock.doc), "notes").set("scripted", bare);
    for (const participant of [other, stock]) {
      await eventually(() => {
        const note = containerOf(firstMap(participant.doc), "notes").get("scripted") as Y.Map<unknown>;
        expect(note.get("segments")).toBeInstanceOf(Y.Map);
        expect(note.get("text")).toBeInstanceOf(Y.Text);
      }, 15_000);
    }
    expect(readNote(firstMap(other.doc), "scripted")?.text).toBe("from a script");
    expect(app.logs.some((l) => l.event === "update repaired" && l.board === board.id)).toBe(true);
    leave(stock, other);
  });

  it("a board stored at version 2 is served migrated, its curves and notes intact", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
    const level = await LevelBoardStore.open(dataDir);
    const fixture = readFileSync(new URL("../../shared/test/fixtures/board-v2.bin", import.meta.url));
    await level.create("StoredAtV2abcdef", new Uint8Array(fixture));
    // The key its links were signed with: without one, a store holding boards is refused.
    await loadSecret(dataDir, undefined);
    await level.close();
    const app = await started({ dataDir });
    const token = await signedToken(app, { boardId: "StoredAtV2abcdef" });
    const reader = connect(app, { id: "StoredAtV2abcdef", token });
    await synced(reader);
    expect(schemaVersionOf(reader.doc)).toBe(SCHEMA_VERSION);
    const map = firstMap(reader.doc);
    const [typical] = listSegments(map);
    expect(
      readCurve(map, typical?.id ?? "")
        .map((p) => p.label)
        .sort(),
    ).toEqual(["", "Label only", "Waiting at home"]);
    expect(app.logs.find((l) => l.event === "board migrated")).toMatchObject({ from: 2, to: SCHEMA_VERSION });
    leave(reader);
  });
});
