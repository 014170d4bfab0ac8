import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { bindTextarea } from "../src/sync/text-binding.js";

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

  it("stops following the text once unbound", () => {
    const { text, textarea, unbind } = setup("a");
    unbind();
    text.insert(1, "b");
    expect(textarea.value).toBe("a");
  });
});
