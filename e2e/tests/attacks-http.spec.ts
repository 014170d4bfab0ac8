import { createServer } from "node:http";
import { connect, type Socket } from "node:net";
import { addNote, listNotes } from "@journeyboard/shared";
import type WebSocket from "ws";
import { AppProcess, expect, test } from "./app.js";
import {
  agentFrom,
  Bystander,
  describeMemory,
  MiB,
  openBoardFrom,
  openFiles,
  post,
  snapshot,
} from "./attack-probes.js";
import { firstMap, peer, storedNotes, withBoard } from "./reader.js";

/**
 * Attacks on the HTTP side of the running relay: idle and slow sockets, board creation in a loop, boards
 * created from another site's page, and many large boards loaded from one address. Each prints what it
 * measured: descriptors and memory before and after, and another board's latency during the attack.
 */

const JSON_HEADERS = { "Content-Type": "application/json" };

/** A socket that connects and then never finishes a request: silent, or stuck in the middle of its headers. */
function halfOpen(app: AppProcess, localAddress: string, slow: boolean, sockets: Socket[]): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: app.port, localAddress }, () => {
      if (slow) socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
      resolve();
    });
    sockets.push(socket);
    // Read whatever the server answers, so that its close is seen here.
    socket.resume();
    socket.on("error", () => resolve());
    socket.on("close", () => resolve());
  });
}

const stillOpen = (sockets: Socket[]) => sockets.filter((s) => !s.destroyed && !s.readableEnded).length;

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) return -1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

test("idle sockets: thousands of half-open connections neither exhaust descriptors nor shut others out", async () => {
  test.setTimeout(240_000);
  const app = await AppProcess.started({ NODE_OPTIONS: "--expose-gc", HEADERS_TIMEOUT_SECONDS: "5" }, 1024);
  const attack: Socket[] = [];
  try {
    const bystander = await Bystander.on(app);
    const writer = peer(bystander.boardUrl);
    await writer.synced();
    const before = await snapshot(app);
    bystander.start();

    // 2,000 sockets from one address, then 2,000 more from 40 addresses that each stay under any per-address limit.
    const sources = [
      ...Array.from({ length: 2000 }, () => "127.0.0.2"),
      ...Array.from({ length: 2000 }, (_, i) => `127.0.1.${(i % 40) + 1}`),
    ];
    for (let i = 0; i < sources.length; i += 200) {
      await Promise.all(sources.slice(i, i + 200).map((from, j) => halfOpen(app, from, (i + j) % 2 === 1, attack)));
    }
    const filesDuring = openFiles(app);

    // While the attack holds: someone joins another board, and a participant writes enough (8 MB) for
    // LevelDB to need new files.
    const newcomer = peer(bystander.boardUrl);
    const joinMs = await until(() => newcomer.provider.synced, 10_000);
    const big = "x".repeat(3900);
    for (let batch = 0; batch < 20; batch++) {
      writer.doc.transact(() => {
        for (let i = 0; i < 100; i++) {
          addNote(firstMap(writer.doc), { cell: null, x: i, y: batch, author: "w", text: `${batch}/${i} ${big}` });
        }
      });
    }
    const bigWriteMs = await until(() => listNotes(firstMap(bystander.reader.doc)).length >= 2000, 30_000);
    const openAtServer = stillOpen(attack);
    const during = await snapshot(app).catch(() => undefined);
    await bystander.stop();
    const crashed = app.exited ? app.output.join("").match(/Error: .*/)?.[0] : undefined;

    // The server drops what never completes a request by itself.
    const droppedMs = crashed ? -1 : await until(() => openFiles(app) < before.files + 100, 20_000);
    const after = crashed ? undefined : await snapshot(app);
    for (const socket of attack) socket.destroy();
    newcomer.leave();
    writer.leave();
    bystander.leave();
    await app.stop();
    await app.start();
    const stored = (await storedNotes(bystander.boardUrl)).map((n) => n.text);
    const lostProbes = bystander.written.filter((text) => !stored.includes(text));
    const storedBig = stored.filter((text) => /^\d+\/\d+ /.test(text)).length;
    console.log(
      `idle sockets: ${attack.length} opened from 41 addresses, ${openAtServer} still open after the attack; ` +
        `app fds ${before.files} → ${filesDuring} during (limit 1024) → ${after?.files} ${droppedMs < 0 ? "(never dropped within 20 s)" : `${droppedMs} ms after`}; ` +
        `newcomer joined ${joinMs < 0 ? "never (10 s)" : `in ${joinMs} ms`}; 8 MB write relayed ${bigWriteMs < 0 ? "never (30 s)" : `in ${bigWriteMs} ms`}, ` +
        `${storedBig} of 2000 big notes and ${bystander.written.length - lostProbes.length} of ${bystander.written.length} probes stored; ` +
        `${during ? describeMemory(before, during) : `/metrics failed during the attack${crashed ? `, the app crashed: ${crashed}` : ""}`}; ` +
        `closes ${JSON.stringify(after?.metrics.closes)}; ${bystander.summary()}`,
    );
    expect(crashed).toBeUndefined();
    expect(filesDuring).toBeLessThan(1024 - 64);
    expect(joinMs).toBeGreaterThanOrEqual(0);
    expect(bigWriteMs).toBeGreaterThanOrEqual(0);
    expect(after?.metrics.closes["4500"]).toBeUndefined();
    expect(storedBig).toBe(2000);
    expect(lostProbes).toEqual([]);
    expect(bystander.failures).toBe(0);
    expect(droppedMs).toBeGreaterThanOrEqual(0);
  } finally {
    for (const socket of attack) socket.destroy();
    await app.dispose();
  }
});

test("board creation: a loop from one address is throttled, others still create, and text/plain is refused", async () => {
  test.setTimeout(120_000);
  const app = await AppProcess.started({ NODE_OPTIONS: "--expose-gc" });
  const attacker = agentFrom("127.0.0.2");
  try {
    const bystander = await Bystander.on(app);
    const before = await snapshot(app);
    bystander.start();
    const statuses = new Map<number, number>();
    let retryAfter: string | undefined;
    const started = Date.now();
    let sent = 0;
    // Eight at once for five seconds, at most 20,000 requests.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() - started < 5000 && sent < 20_000) {
          sent++;
          const answer = await post(app, "/api/boards", "{}", JSON_HEADERS, attacker);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 429) retryAfter ??= String(answer.headers["retry-after"]);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const other = await post(app, "/api/boards", "{}", JSON_HEADERS, agentFrom("127.0.0.3"));
    const plain = await post(app, "/api/boards", "{}", { "Content-Type": "text/plain" }, agentFrom("127.0.0.4"));
    await bystander.stop();
    const after = await snapshot(app);
    const created = statuses.get(201) ?? 0;
    console.log(
      `board creation: ${sent} requests in ${seconds.toFixed(1)} s from one address, ${created} created ` +
        `(${(created / seconds).toFixed(0)} a second), answers ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `Retry-After ${retryAfter}; another address then got ${other.status}; a text/plain create got ${plain.status}; ` +
        `${describeMemory(before, after)}; ${bystander.summary()}`,
    );
    bystander.leave();
    expect(created).toBeLessThanOrEqual(60);
    expect(statuses.get(429)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(other.status).toBe(201);
    expect(plain.status).toBe(415);
    expect(bystander.failures).toBe(0);
  } finally {
    attacker.destroy();
    await app.dispose();
  }
});

test("board creation: boards created and looked up leave nothing in memory", async () => {
  test.setTimeout(180_000);
  const app = await AppProcess.started({
    NODE_OPTIONS: "--expose-gc",
    MAX_BOARDS_CREATED_PER_MINUTE: "1000000",
    MAX_BOARDS_CREATED_PER_MINUTE_PER_ADDRESS: "1000000",
  });
  const agent = agentFrom("127.0.0.2");
  try {
    const round = async (count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next++ < count) {
            const answer = await post(app, "/api/boards", "{}", JSON_HEADERS, agent);
            const { id, link } = JSON.parse(answer.body) as { id: string; link: { token: string } };
            const info = await fetch(`${app.url}/api/boards/${id}`, {
              headers: { Authorization: `Bearer ${link.token}` },
            });
            expect(info.status).toBe(200);
          }
        }),
      );
      return snapshot(app);
    };
    // The first round warms every code path up; the second shows what each further board costs.
    const warm = await round(2000);
    const after = await round(5000);
    const perBoard = (after.metrics.heapUsedBytes - warm.metrics.heapUsedBytes) / 5000;
    console.log(
      `board creation: 5000 more boards created and looked up: ${describeMemory(warm, after)}, ` +
        `${perBoard.toFixed(0)} bytes of heap kept per board`,
    );
    expect(perBoard).toBeLessThan(60);
  } finally {
    agent.destroy();
    await app.dispose();
  }
});

test("board creation: a page on another site cannot make its visitors' browsers create boards", async ({
  app,
  page,
}) => {
  const site = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<!doctype html><title>elsewhere</title>
      <form id="f" method="POST" action="${app.url}/api/boards" enctype="text/plain" target="sink">
        <input name='{"title":"form","x":"' value='"}'></form>
      <iframe name="sink"></iframe>
      <script>
        fetch("${app.url}/api/boards", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: '{"title":"fetch"}' })
          .finally(() => { document.querySelector("iframe").onload = () => { document.title = "sent"; }; document.getElementById("f").submit(); });
      </script>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  try {
    const address = site.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page).toHaveTitle("sent");
    // The app's log is one ordered stream: once this board's line is in, every earlier one is too.
    const mine = new URL(await app.createBoard()).pathname.split("/").pop() ?? "";
    await expect.poll(() => app.output.join("").includes(mine)).toBe(true);
    const created = app.output.join("").match(/"event":"board created"/g)?.length ?? 0;
    console.log(`board creation from another site's page: ${created - 1} boards created by a visitor's browser`);
    expect(created - 1).toBe(0);
  } finally {
    site.close();
  }
});

test("memory: loading many large boards from one address stays within its budget", async () => {
  test.setTimeout(240_000);
  const app = await AppProcess.started({
    NODE_OPTIONS: "--expose-gc",
    MAX_LOADED_BYTES_PER_ADDRESS: String(24 * MiB),
    MAX_LOADED_BYTES: String(40 * MiB),
  });
  const sockets: WebSocket[] = [];
  try {
    const blob = (i: number) => `${i}`.padEnd(4 * MiB, "x");
    const boards: string[] = [];
    for (let i = 0; i < 14; i++) {
      const board = await app.createBoard();
      await withBoard(board, (doc) => doc.getMap("attack").set("blob", blob(i)));
      boards.push(board);
    }
    await until(async () => (await app.metrics()).documentsInMemory === 0, 20_000);
    const bystander = await Bystander.on(app);
    const before = await snapshot(app);
    bystander.start();
    const results: ("loaded" | number)[] = [];
    for (const board of boards.slice(0, 12)) results.push(await openBoardFrom(board, "127.0.0.2", sockets));
    const during = await snapshot(app);
    const otherAddress = await openBoardFrom(boards[12] as string, "127.0.0.3", sockets);
    await bystander.stop();
    const loaded = results.filter((r) => r === "loaded").length;
    const refusals = results.filter((r) => r !== "loaded");
    console.log(
      `memory: 12 boards of 4 MiB opened from one address: ${loaded} loaded, refused with ${JSON.stringify(refusals)}; ` +
        `another address then ${otherAddress === "loaded" ? "loaded one" : `was refused with ${otherAddress}`}; ` +
        `${describeMemory(before, during)}, documents in memory ${during.metrics.documentsInMemory}; ${bystander.summary()}`,
    );
    for (const ws of sockets) ws.close();
    bystander.leave();
    await until(async () => (await app.metrics()).documentsInMemory === 0, 20_000);
    for (const [i, board] of boards.entries()) {
      expect(await withBoard(board, (doc) => doc.getMap("attack").get("blob") === blob(i))).toBe(true);
    }
    expect(loaded).toBeLessThanOrEqual(7);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((code) => code === 4533)).toBe(true);
    expect(otherAddress).toBe("loaded");
    expect(during.metrics.heapUsedBytes - before.metrics.heapUsedBytes).toBeLessThan(24 * MiB * 3);
    expect(bystander.failures).toBe(0);
  } finally {
    for (const ws of sockets) ws.terminate();
    await app.dispose();
  }
});
