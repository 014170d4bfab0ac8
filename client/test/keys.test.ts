import { describe, expect, it } from "vitest";
import { displayCombo, matches } from "../src/commands/keys.js";

const key = (k: string, init: KeyboardEventInit = {}) => new KeyboardEvent("keydown", { key: k, ...init });

describe("key combos", () => {
  it("match exactly the modifiers asked for", () => {
    expect(matches(key("z", { ctrlKey: true }), "Mod+Z")).toBe(true);
    expect(matches(key("Z", { ctrlKey: true, shiftKey: true }), "Mod+Z")).toBe(false);
    expect(matches(key("Z", { ctrlKey: true, shiftKey: true }), "Mod+Shift+Z")).toBe(true);
    expect(matches(key("z"), "Mod+Z")).toBe(false);
    expect(matches(key("Delete"), "Delete")).toBe(true);
  });

  it("match shifted digits by their key and symbols whatever the Shift", () => {
    expect(matches(key("!", { shiftKey: true, code: "Digit1" }), "Shift+1")).toBe(true);
    expect(matches(key("1", { code: "Digit1" }), "Shift+1")).toBe(false);
    expect(matches(key("?", { shiftKey: true }), "?")).toBe(true);
    expect(matches(key("+", { shiftKey: true }), "+")).toBe(true);
    expect(matches(key("=", { ctrlKey: true }), "Mod+=")).toBe(true);
  });

  it("display as people read them", () => {
    expect(displayCombo("Mod+Shift+Z")).toBe("Ctrl+Shift+Z");
    expect(displayCombo("ArrowLeft")).toBe("←");
    expect(displayCombo("?")).toBe("?");
    expect(displayCombo("+")).toBe("+");
  });
});
