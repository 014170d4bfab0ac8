import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { applyTextChange, diffText, MAX_NOTE_TEXT } from "../src/index.js";

describe("diffText", () => {
  it.each([
    ["", "abc", { index: 0, remove: 0, insert: "abc" }],
    ["abc", "", { index: 0, remove: 3, insert: "" }],
    ["hello world", "hello brave world", { index: 6, remove: 0, insert: "brave " }],
    ["hello world", "hello", { index: 5, remove: 6, insert: "" }],
    ["aaa", "aaaa", { index: 3, remove: 0, insert: "a" }],
    ["cat", "cut", { index: 1, remove: 1, insert: "u" }],
    ["same", "same", { index: 4, remove: 0, insert: "" }],
  ])("%j → %j", (before, after, change) => {
    expect(diffText(before, after)).toEqual(change);
  });

  it.each([
    ["aaa", "aaaa", 1, { index: 0, remove: 0, insert: "a" }],
    ["waap", "waaap", 2, { index: 1, remove: 0, insert: "a" }],
    ["aab", "ab", 1, { index: 1, remove: 1, insert: "" }],
    ["aab", "ab", 0, { index: 0, remove: 1, insert: "" }],
    ["hello world", "hello brave world", 11, { index: 5, remove: 0, insert: " brave" }],
    ["cat", "cut", 0, { index: 1, remove: 1, insert: "u" }],
    ["a😀😀", "a😀😀😀", 3, { index: 1, remove: 0, insert: "😀" }],
  ])("%j → %j with the caret at %i", (before, after, caret, change) => {
    expect(diffText(before, after, caret)).toEqual(change);
  });

  it("never splits an emoji's surrogate pair", () => {
    expect(diffText("😀", "😃")).toEqual({ index: 0, remove: 2, insert: "😃" });
    expect(diffText("a😀b", "a😃b")).toEqual({ index: 1, remove: 2, insert: "😃" });
    const text = new Y.Doc().getText("t");
    text.insert(0, "x".repeat(MAX_NOTE_TEXT - 1));
    applyTextChange(text, { index: 0, remove: 0, insert: "😀" }, null);
    expect(text.length).toBe(MAX_NOTE_TEXT - 1);
  });

  it("the change applied to the old text gives the new text", () => {
    const before = "The call centre put me on hold";
    const after = "The call center kept me on hold for 40 minutes";
    const text = new Y.Doc().getText("t");
    text.insert(0, before);
    applyTextChange(text, diffText(before, after), null);
    expect(text.toString()).toBe(after);
  });
});

describe("applyTextChange", () => {
  it("never lets the text exceed the note limit", () => {
    const text = new Y.Doc().getText("t");
    text.insert(0, "x".repeat(MAX_NOTE_TEXT - 2));
    applyTextChange(text, { index: 0, remove: 0, insert: "abcdef" }, null);
    expect(text.length).toBe(MAX_NOTE_TEXT);
    expect(text.toString().startsWith("ab")).toBe(true);
  });

  it("is made with the given origin, so undo tracks it", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    const undo = new Y.UndoManager(text, { trackedOrigins: new Set(["me"]) });
    applyTextChange(text, { index: 0, remove: 0, insert: "hi" }, "me");
    undo.undo();
    expect(text.toString()).toBe("");
  });
});
