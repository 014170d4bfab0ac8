import { activityTitle, addActivity, RACI_LIMITS } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { bindTextarea } from "../src/sync/text-binding.js";
import { localBoard } from "./board.js";

function setup(initial: string) {
  const doc = new Y.Doc();
  const text = doc.getText("note");
  text.insert(0, initial);
  const textarea = document.createElement("textarea");
  document.body.append(textarea);
  textarea.focus();
  const origin = {};
  const unbind = bindTextarea(textarea, text, origin);
  const type = (value: string, caret = value.length) => {
    textarea.value = value;
    textarea.setSelectionRange(caret, caret);
    textarea.dispatchEvent(new Event("input"));
  };
  return { doc, text, textarea, type, unbind };
}

const fromRelay = Symbol("relay");

/**
 * A participant in a browser window of their own (an iframe, so each has its own focused textarea),
 * typing into one note whose updates reach the other participant only when delivered.
 */
function participant(clientID: number, note: Uint8Array) {
  const frame = document.createElement("iframe");
  document.body.append(frame);
  const page = frame.contentDocument;
  if (!page?.defaultView) throw new Error("the frame has no window");
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, note, fromRelay);
  const textarea = page.createElement("textarea");
  page.body.append(textarea);
  bindTextarea(textarea, doc.getText("note"), {});
  textarea.focus();
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  const outbox: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== fromRelay) outbox.push(update);
  });
  const InputEvent = page.defaultView.Event;
  return {
    textarea,
    /** One key typed at the caret, as the browser does it: the value changes, the caret moves past the key. */
    press(key: string) {
      const { value, selectionStart, selectionEnd } = textarea;
      textarea.value = value.slice(0, selectionStart) + key + value.slice(selectionEnd);
      textarea.setSelectionRange(selectionStart + key.length, selectionStart + key.length);
      textarea.dispatchEvent(new InputEvent("input"));
    },
    /** Everything typed here since the last delivery reaches the other participant. */
    deliverTo(other: { receive(update: Uint8Array): void }) {
      for (const update of outbox.splice(0)) other.receive(update);
    },
    receive(update: Uint8Array) {
      Y.applyUpdate(doc, update, fromRelay);
    },
  };
}

type Participant = ReturnType<typeof participant>;

/** Two people typing a word each at the end of one note, key by key, delivering as `round` says. */
function typeTogether(
  ids: [number, number],
  round: (ana: Participant, bo: Participant, keys: [string?, string?]) => void,
) {
  const start = new Y.Doc();
  start.getText("note").insert(0, "Hold music ");
  const note = Y.encodeStateAsUpdate(start);
  const ana = participant(ids[0], note);
  const bo = participant(ids[1], note);
  const words = ["alpha", "beta"] as const;
  for (let i = 0; i < words[0].length; i++) round(ana, bo, [words[0][i], words[1][i]]);
  ana.deliverTo(bo);
  bo.deliverTo(ana);
  return { ana: ana.textarea.value, bo: bo.textarea.value };
}

describe("bindTextarea", () => {
  it("shows the note's text and turns typing into a small Y.Text change", () => {
    const { text, textarea, type } = setup("Long wait");
    expect(textarea.value).toBe("Long wait");
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    type("Long wait time");
    expect(text.toString()).toBe("Long wait time");
    expect(deltas).toEqual([[{ retain: 9 }, { insert: " time" }]]);
  });

  it("keeps the caret on the same character when someone else types before it", () => {
    const { text, textarea, type } = setup("");
    type("pricing page", 7);
    text.insert(0, "The ");
    expect(textarea.value).toBe("The pricing page");
    expect(textarea.selectionStart).toBe(11);
  });

  it("merges two people typing in one note", () => {
    const a = setup("Hold music");
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(a.doc));
    other.getText("note").insert(10, " is awful");
    a.type("Bad hold music", 14);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(other));
    expect(a.textarea.value).toBe("Bad hold music is awful");
  });

  const runsKept = ["Hold music alphabeta", "Hold music betaalpha"];
  const bothIdOrders: [number, number][] = [
    [1, 2],
    [2, 1],
  ];

  it.each(bothIdOrders)(
    "two people typing at one place keep their words whole, at human speed (ids %i, %i)",
    (...ids) => {
      for (const anaFirst of [true, false]) {
        const result = typeTogether(ids, (ana, bo, [anaKey, boKey]) => {
          const [first, second, firstKey, secondKey] = anaFirst ? [ana, bo, anaKey, boKey] : [bo, ana, boKey, anaKey];
          if (firstKey) first.press(firstKey);
          first.deliverTo(second);
          if (secondKey) second.press(secondKey);
          second.deliverTo(first);
        });
        expect(result.bo).toBe(result.ana);
        expect(runsKept).toContain(result.ana);
      }
    },
  );

  it.each(bothIdOrders)(
    "two people typing at one place in the same instant keep their words whole (ids %i, %i)",
    (...ids) => {
      for (const anaFirst of [true, false]) {
        const result = typeTogether(ids, (ana, bo, [anaKey, boKey]) => {
          if (anaKey) ana.press(anaKey);
          if (boKey) bo.press(boKey);
          const [first, second] = anaFirst ? [ana, bo] : [bo, ana];
          first.deliverTo(second);
          second.deliverTo(first);
        });
        expect(result.bo).toBe(result.ana);
        expect(runsKept).toContain(result.ana);
      }
    },
  );

  it.each(bothIdOrders)("a letter typed just before the same letter stays with its typist (ids %i, %i)", (...ids) => {
    const start = new Y.Doc();
    start.getText("note").insert(0, "Hold music ");
    const ana = participant(ids[0], Y.encodeStateAsUpdate(start));
    const bo = participant(ids[1], Y.encodeStateAsUpdate(start));
    // Ana starts "app" right where Bo's caret is; Bo types "wait" in front of it.
    ana.press("a");
    ana.deliverTo(bo);
    bo.press("w");
    bo.deliverTo(ana);
    // Bo's "a" goes in front of Ana's "a", while Ana goes on after hers.
    for (const [anaKey, boKey] of [
      ["p", "a"],
      ["p", "i"],
    ] as const) {
      ana.press(anaKey);
      bo.press(boKey);
      ana.deliverTo(bo);
      bo.deliverTo(ana);
    }
    bo.press("t");
    bo.deliverTo(ana);
    expect(ana.textarea.value).toBe("Hold music waitapp");
    expect(bo.textarea.value).toBe("Hold music waitapp");
  });

  it("keeps to the limit it is bound with: an activity's title takes no more than its limit", () => {
    const { board, map } = localBoard();
    const activity = addActivity(map, { title: "Book" }) ?? "";
    const title = activityTitle(map, activity);
    if (!title) throw new Error("the activity has a title");
    const textarea = document.createElement("textarea");
    document.body.append(textarea);
    bindTextarea(textarea, title, board.origin, RACI_LIMITS.activityTitle);
    textarea.value = `Book ${"x".repeat(RACI_LIMITS.activityTitle)}`;
    textarea.dispatchEvent(new Event("input"));
    expect(title.length).toBe(RACI_LIMITS.activityTitle);
    expect(textarea.value).toBe(title.toString());
  });

  it("stops following the text once unbound", () => {
    const { text, textarea, unbind } = setup("a");
    unbind();
    text.insert(1, "b");
    expect(textarea.value).toBe("a");
  });
});
