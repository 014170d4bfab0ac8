import { describe, expect, it } from "vitest";
import { canEdit, encodeClaims, readClaims, TOKEN_VERSION } from "../src/index.js";

describe("link claims", () => {
  it("are read back from a token as written", () => {
    const claims = { boardId: "abcdefgh12345678", role: "viewer" as const, expiresAt: 1700000000000, generation: 3 };
    expect(readClaims(`${TOKEN_VERSION}.${encodeClaims(claims)}.signature`)).toEqual(claims);
  });

  it("are undefined for anything malformed", () => {
    const good = encodeClaims({ boardId: "b", role: "editor", expiresAt: null, generation: 0 });
    for (const token of ["", "v1", `v2.${good}.sig`, `v1.${good}`, "v1.!!!.sig", `v1.${btoa('{"b":1}')}.sig`]) {
      expect(readClaims(token)).toBeUndefined();
    }
  });

  it("only viewers cannot edit", () => {
    expect([canEdit("facilitator"), canEdit("editor"), canEdit("viewer")]).toEqual([true, true, false]);
  });
});
