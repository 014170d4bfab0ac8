import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boardFileJsonSchema } from "../src/file/index.js";

describe("the checked-in JSON Schema", () => {
  it("is the one the zod schema gives (run `pnpm --filter @journeyboard/shared schema` when this fails)", () => {
    const checkedIn: unknown = JSON.parse(
      readFileSync(new URL("../schema/journeyboard.schema.json", import.meta.url), "utf8"),
    );
    expect(checkedIn).toEqual(boardFileJsonSchema());
  });
});
