import type { Summary } from "@journeyboard/shared";
import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { canvasPoint, measured, REACH, stageScale } from "./board.js";
import {
  AWARE,
  clickPlace,
  dimmedStages,
  downloaded,
  drawnDots,
  expectSameTime,
  giveFeedback,
  NEED,
  notesWithAuthors,
  participant,
  privateNotes,
  SHOP,
  seedNotes,
  stageInView,
  stepPill,
  walkBar,
  writePrivately,
} from "./workshop.js";

/** Ana's wall clock is this far ahead of everyone else's. */
const SKEW_MS = 90_000;
const WALKED = [NEED, AWARE, SHOP];

/** Closes what the page has open and zooms to fit the whole board, as a participant would. */
async function fitBoard(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  const before = await stageScale(page);
  await page.keyboard.press("Shift+1");
  await expect.poll(() => stageScale(page), REACH).not.toBe(before);
}

/** Places a participant's dots one by one with the + on the notes, each acknowledged by the relay. */
async function placeDots(page: Page, notes: string[], budget: number): Promise<void> {
  const status = page.getByRole("status", { name: "Your dots" });
  await expect(status).toHaveText(`You have ${budget} dots left.`, REACH);
  for (const [i, note] of notes.entries()) {
    await clickPlace(page, note);
    const left = budget - i - 1;
    await expect(status).toHaveText(left === 1 ? "You have 1 dot left." : `You have ${left} dots left.`, REACH);
  }
}

test("a facilitated workshop: timer, two walk-through rounds followed and compared, a vote, private writing, the summary", async ({
  app,
  browser,
}) => {
  test.setTimeout(240_000);
  const url = await app.createBoard();
  // A note per walked stage: the vote is about them, and the pain points are the customers' own input.
  const [reorder, prices, checkout] = await seedNotes(url, [
    { text: "Reorder in one click", stage: 0, kind: "opportunity" },
    { text: "Prices are hidden", stage: 1, kind: "pain-point" },
    { text: "Checkout fails", stage: 2, kind: "pain-point" },
  ]);
  if (!reorder || !prices || !checkout) throw new Error("no notes");
  const fran = await participant(browser, url, { name: "Fran" });
  const editorLink = await app.linkFor(url, "editor");
  const ana = await participant(browser, editorLink, { name: "Ana", skewMs: SKEW_MS });
  const ben = await participant(browser, editorLink, { name: "Ben" });
  const everyone = [fran, ana, ben].map((p) => p.page);
  const followers = [ana.page, ben.page];
  const facilitator = fran.page;

  await test.step("the facilitator's step timer counts the same on every page, Ana's clock 90 s off", async () => {
    const wallClocks = await Promise.all(followers.map((p) => p.evaluate(() => Date.now() - performance.now())));
    expect(Math.abs((wallClocks[0] ?? 0) - (wallClocks[1] ?? 0) - SKEW_MS)).toBeLessThan(5_000);
    await facilitator.getByRole("button", { name: "Timer", exact: true }).click();
    const panel = facilitator.getByRole("complementary", { name: "Timer" });
    await panel.getByRole("spinbutton", { name: "Minutes" }).fill("15");
    await panel.getByRole("textbox", { name: "What the time is for" }).fill("Walk-through");
    await panel.getByRole("button", { name: "Start" }).click();
    for (const page of everyone) await expect(stepPill(page)).toContainText("Walk-through", REACH);
    await expectSameTime(everyone, "timer at the start");
  });

  const steering = facilitator.getByRole("complementary", { name: "Walk-through" });
  /** Walks the three stages of a round: both participants follow each, spotlit; `feedback` is said at each. */
  const walkRound = async (round: string, feedback: [Page, string][][]) => {
    await steering.getByRole("combobox", { name: "Round" }).selectOption(round);
    await steering.getByRole("button", { name: "Start the walk-through" }).click();
    for (const [i, stage] of WALKED.entries()) {
      if (i > 0) await walkBar(facilitator).getByRole("button", { name: "Next stage" }).click();
      await measured(`${round}: "${stage}" reached both participants' views`, () =>
        Promise.all(followers.map((p) => expect.poll(() => stageInView(p), REACH).toBe(stage))),
      );
      for (const page of followers) {
        await expect(walkBar(page)).toContainText(`${round} · stage ${i + 1} of 9`);
        // The other eight stages are dimmed: all eyes on the one being walked through.
        await expect.poll(() => dimmedStages(page), REACH).toBe(8);
      }
      for (const [page, text] of feedback[i] ?? []) await giveFeedback(page, text);
    }
    await expectSameTime(everyone, `timer after the ${round} round`);
    await steering.getByRole("button", { name: "End the round" }).click();
    for (const page of followers) await expect(walkBar(page)).toHaveCount(0, REACH);
  };

  await test.step("two rounds over three stages, followed by both participants, with feedback", async () => {
    await facilitator.getByRole("button", { name: "Walk-through and feedback" }).click();
    await walkRound("Internal experts", [
      [[ana.page, "Where do I start?"]],
      [[ben.page, "Ads everywhere"]],
      [
        [ana.page, "Prices are hard to find"],
        [ben.page, "Too many steps to pay"],
      ],
    ]);
    await walkRound("Customers", [[[ben.page, "I knew what I needed"]], [], [[ana.page, "Paying was quick"]]]);
  });

  await test.step("the comparison shows both rounds beside the customers' input, per stage", async () => {
    await facilitator.getByRole("button", { name: "Compare rounds with customers' input" }).click();
    const compare = facilitator.getByRole("complementary", { name: "Compare rounds" });
    const at = (stage: string, column: string) =>
      compare.getByRole("region", { name: stage, exact: true }).getByRole("region", { name: column, exact: true });
    await expect(at(NEED, "Internal experts")).toContainText("Where do I start? (Ana)", REACH);
    await expect(at(NEED, "Customers")).toContainText("I knew what I needed (Ben)");
    await expect(at(AWARE, "Internal experts")).toContainText("Ads everywhere (Ben)");
    await expect(at(AWARE, "Customers")).toContainText("Nothing said");
    await expect(at(AWARE, "Customers' input")).toContainText("Prices are hidden");
    await expect(at(SHOP, "Internal experts")).toContainText("Too many steps to pay (Ben)");
    await expect(at(SHOP, "Customers")).toContainText("Paying was quick (Ana)");
    await expect(at(SHOP, "Customers' input")).toContainText("Checkout fails");
  });

  // Ana puts two dots on the checkout and one on the prices; Ben two on the reorder and one on the checkout.
  const dots = new Map([
    [ana.page, [checkout, checkout, prices]],
    [ben.page, [reorder, checkout, reorder]],
  ]);
  const texts = new Map([
    [checkout, "Checkout fails"],
    [prices, "Prices are hidden"],
    [reorder, "Reorder in one click"],
  ]);
  const counts = new Map<string, number>();
  for (const note of [...dots.values()].flat()) counts.set(note, (counts.get(note) ?? 0) + 1);
  const ranking = [...counts].sort((a, b) => b[1] - a[1]);
  // Every note has its own count, so each rank is one note's.
  expect(new Set(counts.values()).size).toBe(counts.size);

  await test.step("a vote with a budget of 3, hidden, closed with the ranking of the dots placed", async () => {
    await facilitator.keyboard.press("Escape");
    await facilitator.keyboard.press("o");
    const form = facilitator.getByRole("form", { name: "Open a vote" });
    await form.getByRole("spinbutton", { name: "Dots per participant" }).fill("3");
    await form.getByRole("checkbox", { name: "Several dots on one note" }).check();
    await form.getByRole("button", { name: "Open the vote" }).click();
    for (const [page, notes] of dots) {
      await fitBoard(page);
      await page.keyboard.press("o");
      await placeDots(page, notes, 3);
    }
    // The budget holds: a fourth dot is refused.
    await clickPlace(ana.page, reorder);
    await expect(ana.page.getByRole("alert")).toHaveText(
      "you have placed all 3 of your dots: remove one to place it elsewhere",
    );
    await expect(facilitator.getByText("2 people have voted.")).toBeVisible(REACH);
    // Hidden: Ben sees his own dot on the checkout, not Ana's two.
    expect(await drawnDots(ben.page, checkout)).toBe(1);
    await facilitator.getByRole("button", { name: "Close the vote and show the result" }).click();
    await expect(facilitator.getByRole("region", { name: "Vote result" }).getByRole("listitem")).toHaveText(
      ranking.map(([note, n], i) => `#${i + 1} ${texts.get(note)}: ${n === 1 ? "1 dot" : `${n} dots`}`),
      REACH,
    );
    for (const page of everyone) {
      for (const [note, n] of counts) await expect.poll(() => drawnDots(page, note), REACH).toBe(n);
    }
  });

  const secrets = { ana: "Delivery fee unclear", ben: "No tracking link" };
  await test.step("private notes reach no other browser until revealed, then everyone, with their authors", async () => {
    await facilitator.keyboard.press("Escape");
    await facilitator.keyboard.press("p");
    await facilitator.getByRole("button", { name: "Start on the whole map" }).click();
    for (const page of followers) {
      await expect(page.getByText("Private writing: your new notes are visible only to you")).toBeVisible(REACH);
    }
    await writePrivately(ana.page, await canvasPoint(ana.page, 0.62, 0.5), secrets.ana);
    await writePrivately(ben.page, await canvasPoint(ben.page, 0.78, 0.5), secrets.ben);
    await expect(facilitator.getByText("2 private notes so far.")).toBeVisible(REACH);
    expect(await privateNotes(ben.page)).toEqual([secrets.ben]);
    for (const [who, others] of [
      [fran, [secrets.ana, secrets.ben]],
      [ana, [secrets.ben]],
      [ben, [secrets.ana]],
    ] as const) {
      expect(who.frames.length).toBeGreaterThan(0);
      for (const text of others) expect(who.frames.filter((f) => f.includes(text))).toEqual([]);
    }

    await facilitator.getByRole("button", { name: "Reveal all notes" }).click();
    const revealed = [`${secrets.ana} / Ana`, `${secrets.ben} / Ben`];
    for (const page of everyone) {
      await expect
        .poll(async () => (await notesWithAuthors(page)).filter((n) => /^(Delivery|No tracking)/.test(n)), REACH)
        .toEqual(revealed);
    }
    // The same search now finds them: the frames searched above were the ones that carry notes.
    expect(ben.frames.some((f) => f.includes(secrets.ana))).toBe(true);
    expect(fran.frames.some((f) => f.includes(secrets.ben))).toBe(true);
  });

  await test.step("the session summary downloads with feedback by round, the ranking and the time per stage", async () => {
    await facilitator.keyboard.press("Escape");
    await facilitator.keyboard.press("s");
    const json = await downloaded(facilitator, "Download JSON");
    const summary = JSON.parse(json.text) as Summary;
    const stage = (title: string) => summary.stages.find((s) => s.title === title);
    const said = (title: string) =>
      stage(title)?.feedbackByRound.map((r) => [r.round, r.feedback.map((f) => `${f.text} (${f.name})`)]);
    expect(said(NEED)).toEqual([
      ["Internal experts", ["Where do I start? (Ana)"]],
      ["Customers", ["I knew what I needed (Ben)"]],
    ]);
    expect(said(AWARE)).toEqual([
      ["Internal experts", ["Ads everywhere (Ben)"]],
      ["Customers", []],
    ]);
    expect(said(SHOP)).toEqual([
      ["Internal experts", ["Prices are hard to find (Ana)", "Too many steps to pay (Ben)"]],
      ["Customers", ["Paying was quick (Ana)"]],
    ]);
    for (const title of WALKED) {
      expect(stage(title)?.timeByRound.map((t) => [t.round, t.visits, t.ms > 0])).toEqual([
        ["Internal experts", 1, true],
        ["Customers", 1, true],
      ]);
    }
    const expected = ranking.map(([note, n], i) => [i + 1, n, texts.get(note)]);
    expect(summary.vote?.ranking.map((r) => [r.rank, r.dots, r.text])).toEqual(expected);

    const markdown = await downloaded(facilitator, "Download Markdown");
    expect(markdown.text).toContain("### Feedback: Internal experts\n\n- Prices are hard to find (Ana)\n");
    expect(markdown.text).toContain("### Feedback: Customers\n\n- Paying was quick (Ana)\n");
    for (const [rank, n, text] of expected) expect(markdown.text).toContain(`| ${rank} | ${n} | ${text} |`);
    expect(markdown.text.match(/\| (Internal experts|Customers) \| \d+:\d\d \|/g)).toHaveLength(6);
  });
});
