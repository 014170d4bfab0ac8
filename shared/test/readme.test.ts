import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_LANES, DEFAULT_STAGES, Phase } from "../src/index.js";

const NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"];

describe("the README", () => {
  it("describes a new board as the template makes it", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    const pre = DEFAULT_STAGES.filter((s) => s.phase === Phase.preSale).length;
    const post = DEFAULT_STAGES.length - pre;
    expect(readme).toContain(
      `${NUMBERS[DEFAULT_STAGES.length]} stages, ${NUMBERS[pre]} pre-sale and ${NUMBERS[post]} post-sale, and ${NUMBERS[DEFAULT_LANES.length]} lanes`,
    );
  });
});
