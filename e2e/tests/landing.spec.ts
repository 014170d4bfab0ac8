import { expect, test } from "./app.js";
import { drawnNotes, openBoard } from "./board.js";

test("the landing page creates a board, shows its link, and lists it as recent", async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole("button", { name: "New journey board" }).click();
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9]{16}\?token=v1\.[\w-]+\.[\w-]+$/);
  const link = page.getByRole("textbox", { name: "Your link" });
  await expect(link).toHaveValue(page.url());
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  expect(await drawnNotes(page)).toEqual([]);
  await page.getByRole("link", { name: "Journeyboard" }).click();
  await expect(page.getByRole("link", { name: "Customer journey" })).toBeVisible();
});

test("a link without its access key, or with a damaged one, says so", async ({ app, page }) => {
  await page.goto(`${app.url}/b/NoSuchBoard00000`);
  await expect(page.getByRole("alert")).toContainText("This link is incomplete");
  const url = await app.createBoard();
  await page.goto(`${url.slice(0, -6)}AAAAAA`);
  await expect(page.getByRole("alert")).toContainText("access key is not valid");
});

test("the health endpoint answers", async ({ app, request }) => {
  const response = await request.get(`${app.url}/healthz`);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("a joined board starts with the method's nine stages", async ({ app, page }) => {
  await openBoard(page, await app.createBoard());
  const titles = await page.evaluate(() =>
    (window.Konva.stages[0]?.find("Text") ?? []).map((t) => (t as unknown as { text(): string }).text()),
  );
  for (const stage of ["I have a job to do / pain point", "I buy", "I receive", "I get help", "Backstage / owner"]) {
    expect(titles).toContain(stage);
  }
});

test("the landing page loads no canvas code, and the built app serves no source maps", async ({ app, page }) => {
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.url());
  });
  await page.goto(app.url);
  await expect(page.getByRole("button", { name: "New journey board" })).toBeVisible();
  const loaded = await Promise.all(scripts.map(async (url) => (await fetch(url)).text()));
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.filter((source) => source.includes("Konva"))).toEqual([]);
  for (const url of scripts) expect((await fetch(`${url}.map`)).status).toBe(404);

  await page.getByRole("button", { name: "New journey board" }).click();
  await expect(page.getByTestId("board-canvas")).toBeVisible();
  expect(scripts.some((url) => url.includes("board-page"))).toBe(true);
});
