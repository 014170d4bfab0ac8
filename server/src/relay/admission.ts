import type { IncomingMessage } from "node:http";
import { CloseCode, SCHEMA_PARAM, SCHEMA_VERSION } from "@journeyboard/shared";
import { clientAddress } from "../client-address.js";
import type { Limits } from "../config.js";
import { requestUrl } from "../request-url.js";
import { type DocRef, parseDocPath } from "./documents.js";

/** What the relay needs to know to judge an upgrade request before any link is checked. */
export interface AdmissionRules {
  limits: Limits;
  /** Proxies in front that append to X-Forwarded-For (0: count the socket's address). */
  trustedProxyHops: number;
  /** Whether a page from this origin may connect, given the Host it asked for. */
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
  /** Open connections per remote address. */
  perAddress: Map<string, number>;
}

export type Admission =
  | { ok: true; ref: DocRef; remote: string; token: string | null; credential: string | null }
  | {
      ok: false;
      ref: DocRef | undefined;
      remote: string;
      code: number;
      reason: string;
      fields: Record<string, unknown>;
    };

/**
 * The checks a connection passes before anything of a board is touched: a board path, an allowed
 * origin, the schema version its page was built for, and the connections its address already holds.
 * A browser page (it sends an Origin) that declares no version was built before pages declared one:
 * it is told to reload. A script (no Origin, e.g. a stock y-websocket client in Node) is served as is.
 */
export function admit(request: IncomingMessage, rules: AdmissionRules): Admission {
  const ref = parseDocPath(request.url);
  const remote = clientAddress(
    request.headers["x-forwarded-for"],
    request.socket.remoteAddress,
    rules.trustedProxyHops,
  );
  const refused = (code: number, reason: string, fields: Record<string, unknown>): Admission => ({
    ok: false,
    ref,
    remote,
    code,
    reason,
    fields: { board: ref?.boardId, ...fields },
  });
  if (!ref) return refused(CloseCode.invalidBoardId, "invalid board id", { path: request.url?.split("?")[0] });
  if (!rules.originAllowed(request.headers.origin, request.headers.host)) {
    return refused(CloseCode.originRefused, "origin not allowed", { origin: request.headers.origin });
  }
  const params = requestUrl(request.url)?.searchParams;
  const declared = params?.get(SCHEMA_PARAM) ?? (request.headers.origin === undefined ? null : "none");
  if (declared !== null && Number(declared) !== SCHEMA_VERSION) {
    const newer = Number(declared) > SCHEMA_VERSION;
    return refused(
      newer ? CloseCode.pageNewer : CloseCode.pageOutdated,
      newer ? "this page is newer than the server: reload" : "this page is out of date: reload",
      { declared, serves: SCHEMA_VERSION },
    );
  }
  if ((rules.perAddress.get(remote) ?? 0) >= rules.limits.maxConnectionsPerAddress) {
    return refused(CloseCode.tooManyConnectionsFromAddress, "too many connections from this address", {});
  }
  return { ok: true, ref, remote, token: params?.get("token") ?? null, credential: params?.get("participant") ?? null };
}
