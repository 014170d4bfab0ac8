import { isRole, type Role } from "./protocol.js";

/**
 * What a share link's token says: which board, which role, until when, and which generation of that
 * role's links it belongs to (revoking a role's links moves its generation on). The relay signs it; the
 * client only reads it to show the right tools, and the relay checks it on every connection.
 */
export interface LinkClaims {
  boardId: string;
  role: Role;
  expiresAt: number | null;
  generation: number;
}

export const TOKEN_VERSION = "v1";

/** The claims part of a token, as written: `v1.<base64url(JSON)>.<signature>`. */
export function encodeClaims(claims: LinkClaims): string {
  const json = JSON.stringify({ b: claims.boardId, r: claims.role, e: claims.expiresAt, g: claims.generation });
  return base64url(new TextEncoder().encode(json));
}

/** Reads a token's claims without checking its signature (only the relay can). Undefined if malformed. */
export function readClaims(token: string): LinkClaims | undefined {
  const [version, payload, signature] = token.split(".");
  if (version !== TOKEN_VERSION || !payload || !signature) return undefined;
  try {
    const raw = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as Record<string, unknown>;
    const { b, r, e, g } = raw;
    if (typeof b !== "string" || !isRole(r) || !(e === null || typeof e === "number") || typeof g !== "number") {
      return undefined;
    }
    return { boardId: b, role: r, expiresAt: e, generation: g };
  } catch {
    return undefined;
  }
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
