import {
  addActivity,
  addNote,
  addSystem,
  listLanes,
  listRoles,
  listStages,
  readGrid,
  setCellLetters,
} from "@journeyboard/shared";
import type { Page } from "@playwright/test";
import { expect, test } from "./app.js";
import { joinAs, noteCenter, openBoard, REACH } from "./board.js";
import { firstMap, withBoard } from "./reader.js";
import { downloaded } from "./workshop.js";

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function openGrid(page: Page): Promise<void> {
  await page.keyboard.press("Shift+R");
  await expect(page.getByRole("complementary", { name: "RACI grid" })).toBeVisible();
}

/** A role's cell of an activity, found by its label: "<activity>, <role>: <letters or none>". */
function cell(page: Page, activity: string, role: string) {
  return page.getByRole("gridcell", { name: new RegExp(`^${escaped(activity)}, ${escaped(role)}: `) });
}

async function lettersOf(page: Page, activity: string, role: string): Promise<string> {
  const label = (await cell(page, activity, role).getAttribute("aria-label")) ?? "";
  return label.slice(label.lastIndexOf(": ") + 2);
}

function titleCell(page: Page, activity: string) {
  return page.getByRole("rowheader").filter({ hasText: activity });
}

/** The problems the checks list, as the summary shows them. */
function checkList(page: Page): Promise<string[]> {
  return page.getByRole("region", { name: "Checks" }).getByRole("listitem").allTextContents();
}

/** The activity counts the canvas draws in the stage headers. */
function stageBadges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.Konva.stages[0]?.find(".stage-activities") ?? []).map((t) => (t as unknown as { text(): string }).text()),
  );
}

test("two participants edit one grid at once, by mouse and by keyboard; the same cell at once keeps both letters; both see the same letters, flags and each other's cell; a reload keeps it all", async ({
  app,
  page: ana,
  browser,
}) => {
  const url = await app.createBoard();
  await openBoard(ana, url);
  const bo = await joinAs(browser, url);
  await openGrid(ana);
  await openGrid(bo);

  // Ana adds an activity and types its title; Bo sees it as she types.
  await ana.getByRole("button", { name: "Add activity" }).click();
  await expect(ana.getByRole("textbox", { name: "Activity title" })).toBeFocused();
  await ana.keyboard.type("Confirm the install date");
  await ana.keyboard.press("Enter");
  await expect(titleCell(ana, "Confirm the install date")).toBeFocused();
  await expect(titleCell(bo, "Confirm the install date")).toBeVisible(REACH);
  await ana.getByRole("combobox", { name: "Stage of Confirm the install date" }).selectOption({ label: "I install" });

  // Ana by mouse: two clicks set A on Operations; Bo by keyboard: from the title, right twice to the first role, R.
  await cell(ana, "Confirm the install date", "Operations").click();
  await cell(ana, "Confirm the install date", "Operations").click();
  await titleCell(bo, "Confirm the install date").click();
  await bo.keyboard.press("ArrowRight");
  await bo.keyboard.press("ArrowRight");
  await expect(cell(bo, "Confirm the install date", "Design and development")).toBeFocused();
  await bo.keyboard.press("r");
  // The board's shortcuts stay out of the grid: R did not open the rounds panel, arrows nudged nothing.
  await expect(bo.getByRole("complementary", { name: "RACI grid" })).toBeVisible();

  // Both on the IT cell, each sees the other there in their color.
  await cell(ana, "Confirm the install date", "IT").focus();
  await cell(bo, "Confirm the install date", "IT").focus();
  for (const page of [ana, bo]) {
    await expect(cell(page, "Confirm the install date", "IT").locator(".raci-visitor")).toHaveCount(1, REACH);
  }
  // The same cell at the same moment, different letters: both land, for both.
  await Promise.all([ana.keyboard.press("c"), bo.keyboard.press("i")]);
  for (const page of [ana, bo]) {
    await expect.poll(() => lettersOf(page, "Confirm the install date", "IT"), REACH).toBe("C I");
    await expect.poll(() => lettersOf(page, "Confirm the install date", "Operations"), REACH).toBe("A");
    await expect.poll(() => lettersOf(page, "Confirm the install date", "Design and development"), REACH).toBe("R");
  }
  // Bo moves left: his presence follows on Ana's page.
  await bo.keyboard.press("ArrowLeft");
  await expect(cell(ana, "Confirm the install date", "Contact center").locator(".raci-visitor")).toHaveCount(1, REACH);
  await expect(cell(ana, "Confirm the install date", "IT").locator(".raci-visitor")).toHaveCount(0, REACH);

  // Flags, the same for both: Finance, Contact center and the others do no work; one A, one R, a stage: no row flag.
  const never = ["Finance", "Operations", "Contact center", "IT", "Sales"].map(
    (role) => `${role} is Responsible for no activity`,
  );
  for (const page of [ana, bo]) await expect.poll(() => checkList(page), REACH).toEqual(never);
  // Bo clears Design's R with Delete: the row is flagged inline, in words, for Ana too.
  await cell(bo, "Confirm the install date", "Design and development").focus();
  await bo.keyboard.press("Delete");
  await expect(titleCell(ana, "Confirm the install date")).toContainText("has nobody Responsible", REACH);
  expect(await checkList(ana)).toEqual(await checkList(bo));

  // Undo of one's own change in the grid: Bo's Ctrl+Z brings his R back, Ana's letters stay.
  await bo.keyboard.press("Control+z");
  for (const page of [ana, bo]) {
    await expect.poll(() => lettersOf(page, "Confirm the install date", "Design and development"), REACH).toBe("R");
  }
  await expect.poll(() => lettersOf(ana, "Confirm the install date", "Operations")).toBe("A");

  // A reload keeps everything.
  await bo.reload();
  await expect(bo.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await openGrid(bo);
  await expect(bo.getByRole("combobox", { name: "Stage of Confirm the install date" })).toHaveValue(
    await ana.getByRole("combobox", { name: "Stage of Confirm the install date" }).inputValue(),
  );
  for (const [role, letters] of [
    ["IT", "C I"],
    ["Operations", "A"],
    ["Design and development", "R"],
    ["Sales", "none"],
  ]) {
    expect(await lettersOf(bo, "Confirm the install date", role ?? "")).toBe(letters);
  }

  // Enter on a cell edits the row's title, bound to the shared text: Ana sees Bo's words as he types.
  await cell(bo, "Confirm the install date", "Sales").focus();
  await bo.keyboard.press("Enter");
  await expect(bo.getByRole("textbox", { name: "Activity title" })).toBeFocused();
  await bo.keyboard.type(" by text");
  await expect(titleCell(ana, "Confirm the install date by text")).toBeVisible(REACH);
  await bo.keyboard.press("Enter");
  await expect(titleCell(bo, "Confirm the install date by text")).toBeFocused();
});

test("removing a role that holds letters asks first, and undo brings it back with its letters", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await withBoard(url, (doc) => {
    const map = firstMap(doc);
    const sales = listRoles(map).find((r) => r.name === "Sales")?.id ?? "";
    const id = addActivity(map, { title: "Quote the price" }) ?? "";
    setCellLetters(map, id, sales, ["R", "A"]);
  });
  await openBoard(page, url);
  await openGrid(page);
  await page.getByRole("button", { name: "Remove role Sales" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Remove Sales?" });
  await expect(dialog).toContainText("holds 2 letters");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(cell(page, "Quote the price", "Sales")).toBeVisible();

  await page.getByRole("button", { name: "Remove role Sales" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove role" }).click();
  await expect(cell(page, "Quote the price", "Sales")).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect.poll(() => lettersOf(page, "Quote the price", "Sales")).toBe("R A");

  // The grid takes the canvas's place, and gives it back; Escape in the grid closes it.
  await page.getByRole("button", { name: "Full width" }).click();
  await expect(page.getByTestId("board-canvas")).toBeHidden();
  await page.getByRole("button", { name: "Show the board" }).click();
  await expect(page.getByTestId("board-canvas")).toBeVisible();
  await cell(page, "Quote the price", "Sales").focus();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("complementary", { name: "RACI grid" })).toHaveCount(0);
});

test("create activity from a selected opportunity opens the grid on its row; the stage header counts its activities", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  const noteId = await withBoard(url, (doc) => {
    const map = firstMap(doc);
    const install = listStages(map).find((s) => s.title === "I install")?.id ?? "";
    const lane = listLanes(map).find((l) => l.kind === "opportunities")?.id ?? "";
    addActivity(map, { title: "Book the installer", stageId: install });
    return addNote(map, {
      cell: { stageId: install, laneId: lane },
      x: 12,
      y: 12,
      author: "Ana",
      kind: "opportunity",
      text: "Text the install date",
    });
  });
  await openBoard(page, url);
  // Zoomed out to fit, the stage titles are enlarged and the badge is short.
  await expect.poll(() => stageBadges(page)).toEqual(["▦ 1"]);
  const at = await noteCenter(page, noteId);
  await page.mouse.click(at.x, at.y);
  await page
    .getByRole("toolbar", { name: "Selected notes" })
    .getByRole("button", { name: /Create an activity/ })
    .click();
  await expect(titleCell(page, "Text the install date")).toBeFocused();
  await expect(titleCell(page, "Text the install date")).toContainText("Text the install date");
  await expect.poll(() => stageBadges(page)).toEqual(["▦ 2"]);
  await expect(page.getByRole("combobox", { name: "Stage of Text the install date" })).toHaveValue(
    await withBoard(url, (doc) => listStages(firstMap(doc)).find((s) => s.title === "I install")?.id ?? ""),
  );
  // At 100 % the badge says it in words.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+0");
  await expect.poll(() => stageBadges(page)).toEqual(["2 activities"]);
});

test("the grid downloads as CSV with its cells; the IT stack lists each system with what needs it", async ({
  app,
  page,
}) => {
  const url = await app.createBoard();
  await withBoard(url, (doc) => {
    const map = firstMap(doc);
    const roles = listRoles(map);
    const role = (name: string) => roles.find((r) => r.name === name)?.id ?? "";
    const stages = listStages(map);
    const id = addActivity(map, { title: "=Send the bill", stageId: stages[4]?.id }) ?? "";
    setCellLetters(map, id, role("Finance"), ["A"]);
    setCellLetters(map, id, role("IT"), ["R", "C"]);
    addSystem(map, id, "Billing");
  });
  await openBoard(page, url);
  await openGrid(page);
  // A system typed in a row, with the board's systems offered.
  await page.getByRole("combobox", { name: "Add a system =Send the bill needs" }).fill("CRM");
  await page.getByRole("combobox", { name: "Add a system =Send the bill needs" }).press("Enter");
  const stack = page.getByRole("region", { name: "IT stack" });
  await expect(stack.getByRole("rowheader")).toHaveText([/^Billing/, /^CRM/]);
  await expect(stack.getByRole("status")).toContainText("depends on 2 systems that do not exist yet");
  await stack.getByRole("combobox", { name: "Status of Billing" }).selectOption("exists");
  await expect(stack.getByRole("status")).toContainText("depends on 1 system that does not exist yet");

  const { name, text } = await downloaded(page, "Download CSV");
  expect(name).toBe("Customer journey - Current state RACI.csv");
  const rows = text.split("\r\n");
  expect(rows[0]).toBe(
    "\uFEFFActivity,Stage,Phase,Design and development,Finance,Operations,Contact center,IT,Sales,Systems",
  );
  expect(rows[1]).toBe("'=Send the bill,I receive,post-sale,,A,,,R/C,,Billing; CRM");
  const stored = await withBoard(url, (doc) => readGrid(firstMap(doc)).activities[0]?.systems.map((s) => s.name));
  expect(stored).toEqual(["Billing", "CRM"]);
});

test("a viewer sees the grid, cannot change it, and is told why", async ({ app, page, browser }) => {
  const url = await app.createBoard();
  await withBoard(url, (doc) => {
    addActivity(firstMap(doc), { title: "Answer the call" });
  });
  const viewer = await joinAs(browser, await app.linkFor(url, "viewer"));
  await openGrid(viewer);
  await cell(viewer, "Answer the call", "Sales").click();
  await expect(viewer.getByRole("status").filter({ hasText: "ask its facilitator for an editor link" })).toBeVisible();
  await viewer.keyboard.press("a");
  expect(await lettersOf(viewer, "Answer the call", "Sales")).toBe("none");
  await openBoard(page, url);
  await openGrid(page);
  expect(await lettersOf(page, "Answer the call", "Sales")).toBe("none");
});
