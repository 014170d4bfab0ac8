import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { CloseCode, type LinkClaims } from "@journeyboard/shared";

const CREDENTIAL_VERSION = "p1";
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A participant as the relay issued it: the id, and the credential that proves it. */
export interface IssuedParticipant {
  participantId: string;
  /** `p1.<participantId>.<HMAC-SHA256>`, base64url: sent back with the link's token, never alone. */
  credential: string;
}

export type Identified = { ok: true; participantId: string } | { ok: false; status: 401 | 403 | 409; reason: string };

/** Why a request or a connection does not count as a participant, with its HTTP status and close code. */
export const PARTICIPANT_REFUSALS = {
  missing: { status: 401, reason: "no participant credential: get one with POST /api/boards/<id>/participants" },
  invalid: {
    status: 403,
    code: CloseCode.participantRefused,
    reason: "the participant credential was not issued for this board and link",
  },
  absent: {
    status: 409,
    reason: "this participant is not connected to the board: connect with the credential, then try again",
  },
} as const;

/**
 * Participants are who the relay says they are. Joining a board with a link gives a random participant
 * id, signed with the key that signs links, over the board and the link's role and generation; the
 * browser keeps it and shows it when it connects. What is private or counted (crowd scores) is keyed
 * by that id, and only taken from a participant who holds a live connection to the board, so nobody can
 * count under ids they invent, and each id counted is a browser that is there.
 */
export class Participants {
  constructor(
    private readonly secret: Buffer,
    /** Whether an open connection on the board holds this participant id. */
    private readonly connected: (boardId: string, participantId: string) => boolean,
  ) {}

  /** A new participant for a link whose token has been checked. */
  issue(claims: LinkClaims): IssuedParticipant {
    const participantId = randomBytes(16).toString("base64url");
    return { participantId, credential: `${CREDENTIAL_VERSION}.${participantId}.${this.sign(claims, participantId)}` };
  }

  /** The participant id of a credential issued for this link's board, role and generation; undefined if not. */
  verify(claims: LinkClaims, credential: string): string | undefined {
    const [version, participantId, signature, ...rest] = credential.split(".");
    if (version !== CREDENTIAL_VERSION || !participantId || !signature || rest.length > 0) return undefined;
    if (!PARTICIPANT_ID.test(participantId)) return undefined;
    const expected = Buffer.from(this.sign(claims, participantId));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return participantId;
  }

  /** Who a request acts as: a credential valid for its link, held by a live connection to the board. */
  identify(claims: LinkClaims, credential: unknown): Identified {
    if (typeof credential !== "string" || credential.length === 0)
      return { ok: false, ...PARTICIPANT_REFUSALS.missing };
    const participantId = this.verify(claims, credential);
    if (!participantId) return { ok: false, ...PARTICIPANT_REFUSALS.invalid };
    if (!this.connected(claims.boardId, participantId)) return { ok: false, ...PARTICIPANT_REFUSALS.absent };
    return { ok: true, participantId };
  }

  private sign(claims: LinkClaims, participantId: string): string {
    // The "p1." prefix keeps these apart from link tokens, which sign "v1.<claims>" with the same key.
    const body = [CREDENTIAL_VERSION, participantId, claims.boardId, claims.role, claims.generation].join(".");
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }
}
