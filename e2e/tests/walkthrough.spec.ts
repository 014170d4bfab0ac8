import { expect, test } from "./app.js";
import { joinAs, measured, REACH } from "./board.js";
import { AWARE, walkBar as bar, dimmedStages, giveFeedback, NEED, SHOP, stageInView } from "./workshop.js";

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
