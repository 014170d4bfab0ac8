import { expect, test } from "./app.js";
import { createNote, dragBy, headerAt, joinAs, noteCenter } from "./board.js";
import { storedNotes } from "./reader.js";

test("a note made in a lane is what the lane holds; a plain note moved into a typed lane is offered that kind", async ({
  app,
  browser,
}) => {
  const url = await app.createBoard();
  const page = await joinAs(browser, url);
  const shop = await headerAt(page, "I shop");
  const lanes = ["Customer actions", "Touchpoints", "Channels", "Pain points", "Opportunities"];
  for (const lane of lanes) {
    const at = await headerAt(page, lane);
    await createNote(page, { x: shop.x + 40, y: at.y + 24 }, `In ${lane}`);
  }
  await expect
    .poll(async () => Object.fromEntries((await storedNotes(url)).map((n) => [n.lane, n.kind])))
    .toEqual({
      "Customer actions": "note",
      Touchpoints: "touchpoint",
      Channels: "touchpoint",
      "Pain points": "pain-point",
      Opportunities: "opportunity",
    });

  // The plain note, dragged down into "Pain points": one click makes it a pain point, one undo takes it back.
  const plain = (await storedNotes(url)).find((n) => n.lane === "Customer actions");
  const from = await noteCenter(page, plain?.id ?? "");
  const pain = await headerAt(page, "Pain points");
  await dragBy(page, from, 0, pain.y + 40 - from.y);
  const offer = page.getByRole("status", { name: "Change kind" });
  await expect(offer).toContainText("Make it a pain point?");
  await offer.getByRole("button", { name: "Make pain point" }).click();
  await expect(offer).toHaveCount(0);
  const kindOf = async () => (await storedNotes(url)).find((n) => n.id === plain?.id);
  await expect.poll(kindOf).toMatchObject({ lane: "Pain points", kind: "pain-point" });
  await page.keyboard.press("Control+z");
  await expect.poll(kindOf).toMatchObject({ lane: "Pain points", kind: "note" });
});
