import { CloseCode } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import {
  closeCodeOf,
  connect,
  createBoardOn,
  eventually,
  joinAsParticipant,
  leave,
  linkFor,
  noteOn,
  notesOf,
  relayEachTest,
  socketUrl,
  synced,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

describe("participants the relay issues", () => {
  it("get a fresh id for each join, and a credential that only the relay's key could sign", async () => {
    const board = await createBoardOn(app);
    const first = await joinAsParticipant(app, board);
    const second = await joinAsParticipant(app, board);
    expect(first.participantId).not.toBe(second.participantId);
    expect(first.participant.split(".")).toEqual(["p1", first.participantId, expect.any(String)]);
    const refused = await fetch(`${app.url}/api/boards/${board.id}/participants`, {
      method: "POST",
      headers: { Authorization: "Bearer v1.forged.token" },
    });
    expect(refused.status).toBe(403);
  });

  it("connect with their credential; a forged one, another board's or another role's is refused for good", async () => {
    const board = await createBoardOn(app);
    const other = await createBoardOn(app);
    const editor = await linkFor(app, board, "editor");
    const viewer = await linkFor(app, board, "viewer");
    const mine = await joinAsParticipant(app, editor);
    const url = (credential: string) => `${socketUrl(app, editor)}&participant=${encodeURIComponent(credential)}`;

    const signature = mine.participant.split(".")[2] ?? "";
    const swapped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    const refusals = await Promise.all(
      [
        // An id the browser made up, with no signature of the relay's.
        url("p1.participant-made-up-here.nosignature"),
        url(`p1.${mine.participantId}.${swapped}`),
        // Signed for this id, but shown with another id.
        url(`p1.AAAAAAAAAAAAAAAAAAAAAA.${signature}`),
        url((await joinAsParticipant(app, other)).participant),
        // A viewer's credential does not make an editor's link count as that viewer, nor the reverse.
        url((await joinAsParticipant(app, viewer)).participant),
        url("participant"),
      ].map((u) => closeCodeOf(u)),
    );
    for (const refusal of refusals) {
      expect(refusal).toEqual({ code: CloseCode.participantRefused, reason: expect.stringContaining("credential") });
    }

    // The right credential connects; so does a stock client without one, which edits as before.
    const participant = connect(app, mine);
    const stock = connect(app, editor);
    await Promise.all([synced(participant), synced(stock)]);
    noteOn(stock.doc, "from a script");
    await eventually(() => expect(notesOf(participant.doc)).toEqual(["from a script"]), 10_000);
    leave(participant, stock);
  });

  it("lose their credential with a revocation of their role: it was signed for the old generation", async () => {
    const board = await createBoardOn(app);
    const editor = await linkFor(app, board, "editor");
    const before = await joinAsParticipant(app, editor);
    await fetch(`${app.url}/api/boards/${board.id}/revoke`, {
      method: "POST",
      headers: { Authorization: `Bearer ${board.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "editor" }),
    });
    const renewed = await linkFor(app, board, "editor");
    const url = `${socketUrl(app, renewed)}&participant=${encodeURIComponent(before.participant)}`;
    expect((await closeCodeOf(url)).code).toBe(CloseCode.participantRefused);
  });
});
