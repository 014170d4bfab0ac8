import type * as Y from "yjs";
import type { Journey } from "./derive/journey.js";
import { type DerivedMoment, momentsOfTruth } from "./derive/moments.js";
import { countedKind } from "./lanes.js";
import { MAX_NAME } from "./protocol.js";
import type { Round, WalkThrough } from "./rounds.js";
import type { Note, NoteKind, Stage } from "./schema.js";

/**
 * Feedback given during a walk-through round: one entry per remark, on the stage being walked, tagged
 * with its round and its author. Entries are written by the relay into the control document (which
 * nobody but the relay, for facilitators, can write), with the author the relay knows from the
 * participant's credential: a browser cannot put words in someone else's name or another round.
 */

export const MAX_FEEDBACK_TEXT = 500;
/** Feedback a board keeps, so that nobody can grow the control document without end. */
export const MAX_FEEDBACK = 2000;

export interface Feedback {
  id: string;
  roundId: string;
  mapId: string;
  stageId: string;
  /** The participant id the relay issued to the author's browser. */
  participantId: string;
  /** The name the author goes by on the board (their own choice, for display only). */
  name: string;
  text: string;
  /** When the relay took it (ms). */
  at: number;
}

/** The remark's text, trimmed and bounded; null when empty or not text. */
export function cleanFeedbackText(text: unknown): string | null {
  if (typeof text !== "string") return null;
  const clean = text.trim().slice(0, MAX_FEEDBACK_TEXT);
  return clean.length > 0 ? clean : null;
}

export type Tagged = { ok: true; feedback: Feedback } | { ok: false; reason: string };

/**
 * Tags a remark with the running round and the stage it is about, for the author the relay identified.
 * Feedback goes to the stage being walked through: a remark typed while the facilitator moved on is
 * refused rather than filed under a stage its author did not mean.
 */
export function tagFeedback(
  walk: WalkThrough | null,
  input: { stageId: unknown; text: unknown },
  author: { participantId: string; name: unknown },
  stamp: { id: string; at: number },
): Tagged {
  if (walk?.status !== "running") return { ok: false, reason: "no walk-through is running" };
  if (input.stageId !== walk.stageId) return { ok: false, reason: "the walk-through has moved to another stage" };
  const text = cleanFeedbackText(input.text);
  if (text === null) return { ok: false, reason: `send the feedback as text of 1 to ${MAX_FEEDBACK_TEXT} characters` };
  const name = typeof author.name === "string" ? author.name.trim().slice(0, MAX_NAME) : "";
  return {
    ok: true,
    feedback: {
      id: stamp.id,
      roundId: walk.roundId,
      mapId: walk.mapId,
      stageId: walk.stageId,
      participantId: author.participantId,
      name: name || "Someone",
      text,
      at: stamp.at,
    },
  };
}

const str = (v: unknown): v is string => typeof v === "string";

export function readFeedback(control: Y.Doc): Feedback[] {
  return control
    .getArray("feedback")
    .toArray()
    .flatMap((value) => {
      if (typeof value !== "object" || value === null) return [];
      const f = value as Record<string, unknown>;
      const fields = [f.id, f.roundId, f.mapId, f.stageId, f.participantId, f.name, f.text];
      if (!fields.every(str) || typeof f.at !== "number") return [];
      return [f as unknown as Feedback];
    });
}

export function appendFeedback(control: Y.Doc, feedback: Feedback, origin: unknown): void {
  control.transact(() => control.getArray("feedback").push([feedback]), origin);
}

/** What customers themselves said of a stage, as the map already holds it. */
export interface CustomerInput {
  listeningPosts: Note[];
  painPoints: Note[];
  /** Moment-of-truth notes placed in the stage. */
  momentNotes: Note[];
  /** Peaks, troughs and drops of the segments' emotion curves at this stage. */
  moments: (DerivedMoment & { segment: string })[];
}

export interface RoundsAtStage {
  stage: Stage;
  /** Every round of the map, in the order they ran, with what it said of this stage. */
  rounds: { round: Round; feedback: Feedback[] }[];
  customers: CustomerInput;
}

const CUSTOMER_KINDS: readonly NoteKind[] = ["listening-post", "pain-point", "moment-of-truth"];

/**
 * The method's "compare to the customer inputs": per stage, side by side, what each round of the
 * walk-through said and what customers said (listening posts, pain points, moments of truth).
 */
export function compareRounds(
  journey: Journey,
  mapId: string,
  rounds: readonly Round[],
  feedback: readonly Feedback[],
): RoundsAtStage[] {
  const lanes = new Map(journey.lanes.map((l) => [l.id, l.kind]));
  const ofMap = rounds.filter((r) => r.mapId === mapId);
  const derived = journey.segments.flatMap((segment) =>
    momentsOfTruth(journey.stages, journey.curves.get(segment.id) ?? []).map((m) => ({ ...m, segment: segment.name })),
  );
  return journey.stages.map((stage) => {
    const inStage = journey.notes.filter(
      (n) => n.cell?.stageId === stage.id && CUSTOMER_KINDS.includes(countedKind(n, lanes)),
    );
    const of = (kind: NoteKind) => inStage.filter((n) => countedKind(n, lanes) === kind);
    return {
      stage,
      rounds: ofMap.map((round) => ({
        round,
        feedback: feedback.filter((f) => f.roundId === round.roundId && f.stageId === stage.id),
      })),
      customers: {
        listeningPosts: of("listening-post"),
        painPoints: of("pain-point"),
        momentNotes: of("moment-of-truth"),
        moments: derived.filter((m) => m.stageId === stage.id),
      },
    };
  });
}
