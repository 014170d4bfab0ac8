import { createHmac, timingSafeEqual } from "node:crypto";
import { encodeClaims, type LinkClaims, readClaims, TOKEN_VERSION } from "@journeyboard/shared";

/** Signs claims into a token: `v1.<claims>.<HMAC-SHA256 of "v1.<claims>">`, all base64url. */
export function signToken(secret: Buffer, claims: LinkClaims): string {
  const body = `${TOKEN_VERSION}.${encodeClaims(claims)}`;
  return `${body}.${sign(secret, body)}`;
}

/** The claims of a token whose signature is ours, or undefined for a forged, damaged or foreign one. */
export function verifySignature(secret: Buffer, token: string): LinkClaims | undefined {
  const last = token.lastIndexOf(".");
  if (last < 0) return undefined;
  const expected = Buffer.from(sign(secret, token.slice(0, last)));
  const given = Buffer.from(token.slice(last + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return readClaims(token);
}

function sign(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}
