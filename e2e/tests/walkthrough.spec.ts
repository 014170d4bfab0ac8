import { listStages, readStageVisits } from "@journeyboard/shared";
import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { joinAs, measured, REACH } from "./board.js";
import { firstMap, peer, withBoard } from "./reader.js";
import { AWARE, walkBar as bar, dimmedStages, giveFeedback, NEED, SHOP, stageInView } from "./workshop.js";

interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of the board a participant's canvas shows, in board units. */
function shownArea(page: Page): Promise<Area> {
  return page.evaluate(() => {
    const stage = window.Konva.stages[0] as unknown as {
      x(): number;
      y(): number;
      scaleX(): number;
      width(): number;
      height(): number;
    };
    const scale = stage.scaleX();
    return { x: -stage.x() / scale, y: -stage.y() / scale, w: stage.width() / scale, h: stage.height() / scale };
  });
}

/**
 * How far `shown` is from showing `wanted` as "bring everyone to me" promises: the same middle, and the
 * whole of it fitted to the screen (one side as long as its, the other at least as long). As a fraction
 * of `wanted`'s size: 0 is exact.
 */
function offBy(shown: Area, wanted: Area): number {
  const middle = Math.max(
    Math.abs(shown.x + shown.w / 2 - (wanted.x + wanted.w / 2)) / wanted.w,
    Math.abs(shown.y + shown.h / 2 - (wanted.y + wanted.h / 2)) / wanted.h,
  );
  const [wide, tall] = [shown.w / wanted.w, shown.h / wanted.h];
  return Math.max(middle, Math.abs(Math.min(wide, tall) - 1));
}

/** Within a hundredth of the facilitator's view: a few pixels at most. */
const SAME_VIEW = 0.01;

test("participants follow a walk-through over three stages, give feedback in two rounds, and the rounds compare per stage", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const editorUrl = await app.linkFor(url, "editor");
  const facilitator = await joinAs(browser, url);
  const [ana, bo] = await Promise.all([joinAs(browser, editorUrl), joinAs(browser, editorUrl)]);
  if (!ana || !bo) throw new Error("two participants");
  const next = () => bar(facilitator).getByRole("button", { name: "Next stage" }).click();

  await facilitator.getByRole("button", { name: "Walk-through and feedback" }).click();
  const steering = facilitator.getByRole("complementary", { name: "Walk-through" });
  await steering.getByRole("button", { name: "Start the walk-through" }).click();
  await measured("the first stage reached both participants' views", () =>
    Promise.all([ana, bo].map((p) => expect.poll(() => stageInView(p), REACH).toBe(NEED))),
  );
  await expect(bar(ana)).toContainText("Internal experts");
  await expect(bar(bo)).toContainText("stage 1 of 9");
  // The other eight stages are dimmed: all eyes on the one being walked through.
  expect(await dimmedStages(ana)).toBe(8);
  // Participants cannot steer: the relay would refuse them, and their bar offers no steps.
  await expect(bar(ana).getByRole("button", { name: "Next stage" })).toHaveCount(0);

  await next();
  await Promise.all([ana, bo].map((p) => expect.poll(() => stageInView(p), REACH).toBe(AWARE)));

  // Bo stops following: the facilitator moves on without him, his view stays, nothing is dimmed for him.
  await bar(bo).getByRole("button", { name: "Stop following" }).click();
  expect(await dimmedStages(bo)).toBe(0);
  await next();
  await expect.poll(() => stageInView(ana), REACH).toBe(SHOP);
  await expect(bar(bo).getByTestId("walkthrough-stage")).toHaveText(SHOP);
  expect(await stageInView(bo)).toBe(AWARE);
  // One click takes him back to the facilitator's stage.
  await bar(bo).getByRole("button", { name: "Follow the facilitator" }).click();
  await expect.poll(() => stageInView(bo), REACH).toBe(SHOP);

  await giveFeedback(ana, "Prices are hard to find");
  await giveFeedback(bo, "Too many steps to pay");
  await expect(steering.getByRole("list", { name: "Feedback given" })).toContainText("Too many steps to pay", REACH);

  // The second round, with customers: everyone is taken back to the first stage.
  await steering.getByRole("button", { name: "End the round" }).click();
  await steering.getByRole("combobox", { name: "Round" }).selectOption("Customers");
  await steering.getByRole("button", { name: "Start the walk-through" }).click();
  await Promise.all([ana, bo].map((p) => expect.poll(() => stageInView(p), REACH).toBe(NEED)));
  await expect(bar(ana)).toContainText("Customers");
  await giveFeedback(ana, "Where do I even start?");
  await steering.getByRole("combobox", { name: "Go to stage" }).selectOption({ label: SHOP });
  await Promise.all([ana, bo].map((p) => expect.poll(() => stageInView(p), REACH).toBe(SHOP)));
  await giveFeedback(bo, "Paying was quick");

  await facilitator.getByRole("button", { name: "Compare rounds with customers' input" }).click();
  const compare = facilitator.getByRole("complementary", { name: "Compare rounds" });
  const at = (stage: string, column: string) =>
    compare.getByRole("region", { name: stage, exact: true }).getByRole("region", { name: column, exact: true });
  await expect(at(SHOP, "Internal experts")).toContainText("Prices are hard to find", REACH);
  await expect(at(SHOP, "Internal experts")).toContainText("Too many steps to pay");
  await expect(at(SHOP, "Customers")).toContainText("Paying was quick");
  await expect(at(NEED, "Customers")).toContainText("Where do I even start?");
  await expect(at(NEED, "Internal experts")).toContainText("Nothing said");
  await expect(at(SHOP, "Customers' input")).toContainText("Pain points: none");
});

test("bring everyone to me: every participant sees the facilitator's view, also one who stopped following, who stays free", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const editorUrl = await app.linkFor(url, "editor");
  const facilitator = await joinAs(browser, url);
  const [ana, bo] = await Promise.all([joinAs(browser, editorUrl), joinAs(browser, editorUrl)]);
  if (!ana || !bo) throw new Error("two participants");
  await facilitator.getByRole("button", { name: "Walk-through and feedback" }).click();
  const steering = facilitator.getByRole("complementary", { name: "Walk-through" });
  await steering.getByRole("button", { name: "Start the walk-through" }).click();
  await Promise.all([ana, bo].map((p) => expect.poll(() => stageInView(p), REACH).toBe(NEED)));
  await bar(bo).getByRole("button", { name: "Stop following" }).click();

  // The facilitator zooms in and pans to a place no stage column fits: two stages' boundary, lower down.
  for (let i = 0; i < 3; i++) await facilitator.getByRole("button", { name: "Zoom in" }).click();
  const canvas = await facilitator.getByTestId("board-canvas").boundingBox();
  if (!canvas) throw new Error("no canvas");
  await facilitator.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await facilitator.mouse.wheel(420, 260);
  const wanted = await shownArea(facilitator);
  for (const page of [ana, bo]) expect(offBy(await shownArea(page), wanted)).toBeGreaterThan(0.2);

  await steering.getByRole("button", { name: "Bring everyone to me" }).click();
  await measured("both participants reached the facilitator's view", () =>
    Promise.all(
      [ana, bo].map((p) => expect.poll(async () => offBy(await shownArea(p), wanted), REACH).toBeLessThan(SAME_VIEW)),
    ),
  );
  const views = await Promise.all([ana, bo].map(shownArea));
  console.log(`views off the facilitator's by ${views.map((v) => offBy(v, wanted).toFixed(4)).join(" / ")}`);
  // The facilitator's own view stays where it was.
  expect(offBy(await shownArea(facilitator), wanted)).toBeLessThan(SAME_VIEW);

  // Bo was brought, not made to follow again: the next stage takes Ana there, and leaves him where he is.
  await expect(bar(bo).getByRole("button", { name: "Follow the facilitator" })).toBeVisible();
  await bar(facilitator).getByRole("button", { name: "Next stage" }).click();
  await expect.poll(() => stageInView(ana), REACH).toBe(AWARE);
  await expect(bar(bo).getByTestId("walkthrough-stage")).toHaveText(AWARE);
  expect(offBy(await shownArea(bo), wanted)).toBeLessThan(SAME_VIEW);
});

/** How long the relay spent on each of a board's stages in its walk-through, in order, by stage title. */
async function stageVisits(url: string): Promise<{ stage: string; ms: number }[]> {
  const titles = new Map(await withBoard(url, (doc) => listStages(firstMap(doc)).map((s) => [s.id, s.title] as const)));
  const control = peer(url, `${new URL(url).pathname.split("/").pop()}/control`);
  await control.synced();
  const visits = readStageVisits(control.doc);
  control.leave();
  return visits.map((v) => ({ stage: titles.get(v.stageId) ?? v.stageId, ms: v.endedAt - v.startedAt }));
}

test("a stage's time box warns on every page and stays, or, when the facilitator chose so, moves everyone on", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const facilitator = await joinAs(browser, url);
  const ana = await joinAs(browser, await app.linkFor(url, "editor"));
  const everyone = [facilitator, ana];
  await facilitator.getByRole("button", { name: "Walk-through and feedback" }).click();
  const steering = facilitator.getByRole("complementary", { name: "Walk-through" });
  await steering.getByRole("button", { name: "Start the walk-through" }).click();
  await expect.poll(() => stageInView(ana), REACH).toBe(NEED);

  // A box of 9 s per stage (the relay takes whole seconds, from 1), first only warning.
  const boxMs = 9_000;
  await steering.getByRole("spinbutton", { name: "Minutes per stage" }).fill(String(boxMs / 60_000));
  await steering.getByRole("combobox", { name: "When time is up" }).selectOption("warn");
  await steering.getByRole("button", { name: "Set the time box" }).click();
  for (const page of everyone) {
    await expect(bar(page).getByRole("alert")).toHaveText("Time is up for this stage", { timeout: boxMs + 15_000 });
  }
  // Two seconds over, nobody has moved on.
  await expect(bar(facilitator).getByRole("timer")).toHaveText(/-0:0[2-9] over time/, REACH);
  for (const page of everyone) await expect(bar(page).getByTestId("walkthrough-stage")).toHaveText(NEED);

  // Now it advances: the first stage, over time already, gives way at once; the next after its full box.
  await steering.getByRole("combobox", { name: "When time is up" }).selectOption("advance");
  await steering.getByRole("button", { name: "Set the time box" }).click();
  for (const page of everyone) await expect(bar(page).getByTestId("walkthrough-stage")).toHaveText(AWARE, REACH);
  await expect.poll(() => stageInView(ana), REACH).toBe(AWARE);
  await expect(bar(facilitator).getByTestId("walkthrough-stage")).toHaveText(SHOP, { timeout: boxMs + 15_000 });
  // Stop there: back to warning, before the third stage's box runs out too.
  await steering.getByRole("combobox", { name: "When time is up" }).selectOption("warn");
  await steering.getByRole("button", { name: "Set the time box" }).click();
  await expect.poll(() => stageInView(ana), REACH).toBe(SHOP);
  await expect(bar(ana).getByTestId("walkthrough-stage")).toHaveText(SHOP);

  const visits = await stageVisits(url);
  console.log(`stage visits: ${visits.map((v) => `${v.stage} ${v.ms} ms`).join(", ")}`);
  expect(visits.map((v) => v.stage)).toEqual([NEED, AWARE]);
  // The second stage had its whole box by the relay's clock, and was left soon after it ran out.
  expect(visits[1]?.ms).toBeGreaterThanOrEqual(boxMs);
  expect(visits[1]?.ms).toBeLessThan(boxMs + 5_000);
});
