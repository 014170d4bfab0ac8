import { CloseCode, type LinkClaims, type Role, type ShareLink } from "@journeyboard/shared";
import type { BoardStore, LinkGenerations } from "../store/store.js";
import { signToken, verifySignature } from "./tokens.js";

export type AccessResult =
  | { ok: true; claims: LinkClaims }
  | { ok: false; code: CloseCode; reason: string; status: 401 | 403 | 404 };

/** Why a link is refused, in words for people, with the WebSocket close code and HTTP status of each. */
export const REFUSALS = {
  missing: { code: CloseCode.tokenMissing, reason: "the link has no access token", status: 401 },
  forged: { code: CloseCode.tokenForged, reason: "the link's access token is not valid", status: 403 },
  wrongBoard: { code: CloseCode.tokenWrongBoard, reason: "the link is for another board", status: 403 },
  notFound: { code: CloseCode.boardNotFound, reason: "board not found", status: 404 },
  expired: { code: CloseCode.tokenExpired, reason: "the link has expired", status: 403 },
  revoked: { code: CloseCode.tokenRevoked, reason: "the link was revoked by the facilitator", status: 403 },
} as const;

/**
 * Share links and their roles. A board's links of each role carry that role's current generation;
 * revoking a role moves its generation on, which turns every older link of that role away.
 *
 * Generations are kept in memory only for boards that someone holds (a socket on it), so that checks
 * of their connections stay current without a read; every other check reads the store, and nothing of
 * a board stays here once its last socket is gone.
 */
export class Access {
  private readonly generations = new Map<string, LinkGenerations>();
  /** Sockets on each board. */
  private readonly holders = new Map<string, number>();
  private readonly revoking = new Map<string, Promise<unknown>>();

  constructor(
    private readonly secret: Buffer,
    private readonly store: BoardStore,
  ) {}

  /** Checks a token for a board: signature, board, existence, expiry and generation, in that order. */
  async check(boardId: string, token: string | null, now = Date.now()): Promise<AccessResult> {
    if (!token) return { ok: false, ...REFUSALS.missing };
    const claims = verifySignature(this.secret, token);
    if (!claims) return { ok: false, ...REFUSALS.forged };
    if (claims.boardId !== boardId) return { ok: false, ...REFUSALS.wrongBoard };
    const generations = await this.generationsOf(boardId);
    if (!generations) return { ok: false, ...REFUSALS.notFound };
    if (claims.expiresAt !== null && claims.expiresAt <= now) return { ok: false, ...REFUSALS.expired };
    if (claims.generation !== generations[claims.role]) return { ok: false, ...REFUSALS.revoked };
    return { ok: true, claims };
  }

  /** Whether claims checked earlier still hold (a revocation may have come since). */
  stillValid(claims: LinkClaims): boolean {
    const generations = this.generations.get(claims.boardId);
    return generations !== undefined && generations[claims.role] === claims.generation;
  }

  /** A socket on a board: its generations are kept current in memory until it lets go. */
  hold(boardId: string): void {
    this.holders.set(boardId, (this.holders.get(boardId) ?? 0) + 1);
  }

  letGo(boardId: string): void {
    const left = (this.holders.get(boardId) ?? 1) - 1;
    if (left > 0) {
      this.holders.set(boardId, left);
      return;
    }
    this.holders.delete(boardId);
    this.generations.delete(boardId);
  }

  async link(boardId: string, role: Role, expiresAt: number | null): Promise<ShareLink> {
    const generations = await this.generationsOf(boardId);
    if (!generations) throw new Error(`board ${boardId} not found`);
    const token = signToken(this.secret, { boardId, role, expiresAt, generation: generations[role] });
    return { role, token, expiresAt, url: `/b/${boardId}?token=${token}` };
  }

  /**
   * Turns away every link of a role given so far. The store moves the generation on in one step, so two
   * revocations at once (editors and viewers, say), here or on another process, both stick; here they
   * also run one after the other.
   */
  revoke(boardId: string, role: Role): Promise<void> {
    const run = (this.revoking.get(boardId) ?? Promise.resolve()).then(async () => {
      const next = await this.store.revokeGeneration(boardId, role);
      if (this.holders.has(boardId)) this.remember(boardId, next);
    });
    const settled = run.catch(() => undefined);
    this.revoking.set(boardId, settled);
    void settled.then(() => {
      if (this.revoking.get(boardId) === settled) this.revoking.delete(boardId);
    });
    return run;
  }

  /** Reads a held board's generations again: another relay process revoked some of its links. */
  async reload(boardId: string): Promise<void> {
    if (!this.holders.has(boardId)) return;
    const stored = await this.store.generations(boardId);
    if (stored && this.holders.has(boardId)) this.remember(boardId, stored);
  }

  /** Generations only move on: what was read or revoked later may not be newer than what is kept. */
  private remember(boardId: string, generations: LinkGenerations): void {
    const kept = this.generations.get(boardId);
    const newest = (role: Role) => Math.max(kept?.[role] ?? 0, generations[role]);
    this.generations.set(boardId, {
      facilitator: newest("facilitator"),
      editor: newest("editor"),
      viewer: newest("viewer"),
    });
  }

  private async generationsOf(boardId: string): Promise<LinkGenerations | undefined> {
    const cached = this.generations.get(boardId);
    if (cached) return cached;
    const stored = await this.store.generations(boardId);
    // A revocation may have landed while the store was read: what it set is newer than what was read.
    const current = this.generations.get(boardId) ?? stored;
    if (current && this.holders.has(boardId)) this.generations.set(boardId, current);
    return current;
  }
}
