import { addNote, listLanes, listStages, type Summary } from "@journeyboard/shared";
import { expect, test } from "./app.js";
import { joinAs, REACH } from "./board.js";
import { firstMap, withBoard } from "./reader.js";
import { AWARE, dotOn, downloaded, giveFeedback, NEED } from "./workshop.js";

test("the session summary shows feedback per round per stage, the ranking and the time spent, and downloads as Markdown and JSON", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const [checkout, pricing] = await withBoard(url, (doc) => {
    const map = firstMap(doc);
    const [, aware, shop] = listStages(map);
    const lane = listLanes(map).find((l) => l.kind === "pain-points");
    const note = (stageId: string, text: string) =>
      addNote(map, {
        cell: { stageId, laneId: lane?.id ?? "" },
        x: 16,
        y: 16,
        author: "seed",
        kind: "pain-point",
        text,
      });
    return [note(shop?.id ?? "", "Checkout | fails"), note(aware?.id ?? "", "# Pricing <b>unclear</b>")];
  });
  if (!checkout || !pricing) throw new Error("no notes");
  const facilitator = await joinAs(browser, url);
  const ana = await joinAs(browser, await app.linkFor(url, "editor"));

  // Two rounds of a walk-through, with feedback on two stages.
  await facilitator.getByRole("button", { name: "Walk-through and feedback" }).click();
  const steering = facilitator.getByRole("complementary", { name: "Walk-through" });
  await steering.getByRole("button", { name: "Start the walk-through" }).click();
  await giveFeedback(ana, "Where do I start?");
  await facilitator.getByRole("region", { name: "Walk-through" }).getByRole("button", { name: "Next stage" }).click();
  await expect(ana.getByRole("region", { name: "Walk-through" }).getByTestId("walkthrough-stage")).toHaveText(AWARE);
  await giveFeedback(ana, "Ads | everywhere");
  await steering.getByRole("button", { name: "End the round" }).click();
  await steering.getByRole("combobox", { name: "Round" }).selectOption("Customers");
  await steering.getByRole("button", { name: "Start the walk-through" }).click();
  await expect(ana.getByRole("region", { name: "Walk-through" })).toContainText("Customers", REACH);
  await giveFeedback(ana, "I knew what I needed");
  await steering.getByRole("button", { name: "End the round" }).click();

  // A vote with a budget of 3, closed: "Checkout | fails" gets two dots, the pricing note one.
  await facilitator.keyboard.press("o");
  const form = facilitator.getByRole("form", { name: "Open a vote" });
  await form.getByRole("spinbutton", { name: "Dots per participant" }).fill("3");
  await form.getByRole("button", { name: "Open the vote" }).click();
  await ana.keyboard.press("o");
  await expect(ana.getByRole("status", { name: "Your dots" })).toHaveText("You have 3 dots left.", REACH);
  await dotOn(ana, checkout);
  await expect(ana.getByRole("status", { name: "Your dots" })).toHaveText("You have 2 dots left.", REACH);
  await dotOn(ana, pricing);
  await expect(ana.getByRole("status", { name: "Your dots" })).toHaveText("You have 1 dot left.", REACH);
  await dotOn(facilitator, checkout);
  await expect(facilitator.getByText("2 people have voted.")).toBeVisible(REACH);
  await facilitator.getByRole("button", { name: "Close the vote and show the result" }).click();

  // Anyone can read the summary: the participant opens it with its shortcut.
  await ana.keyboard.press("Escape");
  await ana.keyboard.press("s");
  const panel = ana.getByRole("complementary", { name: "Session summary" });
  const at = (stage: string, round: string) =>
    panel.getByRole("region", { name: stage, exact: true }).getByRole("region", { name: round, exact: true });
  await expect(at(NEED, "Internal experts")).toContainText("Where do I start?", REACH);
  await expect(at(NEED, "Customers")).toContainText("I knew what I needed");
  await expect(at(AWARE, "Internal experts")).toContainText("Ads | everywhere");
  await expect(at(AWARE, "Customers")).toContainText("No feedback");
  await expect(panel.getByRole("region", { name: NEED, exact: true })).toContainText(
    /Time spent: Internal experts \d+:\d\d, Customers \d+:\d\d/,
  );
  await expect(panel.getByRole("region", { name: "Vote ranking" }).getByRole("listitem")).toHaveText(
    ["#1 Checkout | fails: 2 dots (I shop)", "#2 # Pricing <b>unclear</b>: 1 dot (I am aware)"],
    REACH,
  );

  const json = await downloaded(ana, "Download JSON");
  const summary = JSON.parse(json.text) as Summary;
  const date = new Date(summary.generatedAt).toISOString().slice(0, 10);
  expect(json.name).toBe(`${summary.board} session summary ${date}.json`);
  expect(summary.version).toBe(2);
  // No run-sheet ran in this session: its time per step is empty.
  expect(summary.steps).toEqual([]);
  const need = summary.stages.find((s) => s.title === NEED);
  expect(need?.feedbackByRound.map((r) => [r.round, r.feedback.map((f) => f.text)])).toEqual([
    ["Internal experts", ["Where do I start?"]],
    ["Customers", ["I knew what I needed"]],
  ]);
  expect(need?.timeByRound.every((t) => t.visits === 1 && t.ms > 0)).toBe(true);
  expect(summary.vote?.ranking.map((r) => [r.rank, r.dots, r.text])).toEqual([
    [1, 2, "Checkout | fails"],
    [2, 1, "# Pricing <b>unclear</b>"],
  ]);

  const markdown = await downloaded(ana, "Download Markdown");
  expect(markdown.name).toBe(`${summary.board} session summary ${date}.md`);
  expect(markdown.text).toContain(`# Session summary: ${summary.board}`);
  expect(markdown.text).toContain("### Feedback: Internal experts\n\n- Where do I start? (");
  expect(markdown.text).toContain("- Ads \\| everywhere (");
  expect(markdown.text).toContain("| 1 | 2 | Checkout \\| fails | I shop |");
  expect(markdown.text).toContain("| 2 | 1 | \\# Pricing \\<b\\>unclear\\</b\\> | I am aware |");
  expect(markdown.text).toMatch(/\| Internal experts \| \d+:\d\d \|/);
});
