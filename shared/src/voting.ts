import type * as Y from "yjs";
import type { Role } from "./protocol.js";
import { isNoteKind, NOTE_KINDS, type Note, type NoteKind } from "./schema.js";

/**
 * Dot voting: the facilitator opens a vote on a map; each participant has a budget of dots to place on
 * notes of the kinds the vote allows. Every participant's dots go to the relay alone, which checks each
 * placement against these rules one at a time, so no browser (two tabs, a modified client) can spend
 * more than its budget. The control document shows the vote's settings and, unless the vote is hidden,
 * the live count per note; when the facilitator closes it, the relay writes the count and the ranking.
 * Nobody's own dots are ever in a shared document: only counts per note.
 */

export const DEFAULT_VOTE_QUESTION = "What are our priorities for improving the customer experience?";
export const VOTE_BUDGET = { min: 1, max: 20, initial: 3 } as const;
export const MAX_VOTE_QUESTION = 200;
/** The shape of the vote in the control document: a later reader knows what it holds. */
export const VOTE_VERSION = 1;

export interface VoteSettings {
  question: string;
  /** Dots each participant may place. */
  budget: number;
  /** Kinds of note that can get dots. */
  kinds: NoteKind[];
  /** Whether one participant may put several dots on one note. */
  multiple: boolean;
  /** Whether the counts stay unpublished until the vote closes. */
  hidden: boolean;
}

export interface RankedNote {
  noteId: string;
  dots: number;
  /** 1 for the most dots; notes with as many dots share a rank (1, 1, 3). */
  rank: number;
}

/** The vote as the control document shows it to everyone. */
export interface Vote extends VoteSettings {
  voteId: string;
  mapId: string;
  status: "open" | "closed";
  /** How many participants have placed a dot. */
  voters: number;
  /** Dots per note: live while open and not hidden, and once closed; null while hidden. */
  counts: Record<string, number> | null;
  /** Once closed: the notes that got dots, most first. */
  ranking: RankedNote[] | null;
  closedAt: number | null;
}

/** Facilitators and editors vote; viewers watch (a viewer link handed out widely would be free votes). */
export function canVote(role: Role): boolean {
  return role !== "viewer";
}

/** Settings from a request, checked; or why they cannot be used. */
export function cleanVoteSettings(input: Record<string, unknown>): VoteSettings | string {
  const { question, budget, kinds, multiple, hidden } = input;
  if (question !== undefined && typeof question !== "string") return "question must be text";
  const asked = typeof question === "string" && question.trim() ? question.trim() : DEFAULT_VOTE_QUESTION;
  if (asked.length > MAX_VOTE_QUESTION) return `question must be at most ${MAX_VOTE_QUESTION} characters`;
  const dots = budget ?? VOTE_BUDGET.initial;
  if (typeof dots !== "number" || !Number.isInteger(dots) || dots < VOTE_BUDGET.min || dots > VOTE_BUDGET.max)
    return `budget must be a whole number of dots from ${VOTE_BUDGET.min} to ${VOTE_BUDGET.max}`;
  const allowed = kinds ?? [...NOTE_KINDS];
  if (
    !Array.isArray(allowed) ||
    allowed.length === 0 ||
    allowed.length > NOTE_KINDS.length ||
    !allowed.every(isNoteKind)
  )
    return `kinds must list some of ${NOTE_KINDS.join(", ")}`;
  if (multiple !== undefined && typeof multiple !== "boolean") return "multiple must be true or false";
  if (hidden !== undefined && typeof hidden !== "boolean") return "hidden must be true or false";
  return {
    question: asked,
    budget: dots,
    kinds: NOTE_KINDS.filter((kind) => allowed.includes(kind)),
    multiple: multiple ?? false,
    hidden: hidden ?? false,
  };
}

/** One participant's dots: the id of the note each is on (a note appears once per dot). */
export type Dots = readonly string[];

export type DotChange = { ok: true; dots: string[] } | { ok: false; reason: string };

/** A dot placed on a note of `kind`, within the vote's rules; or why not. */
export function placeDot(settings: VoteSettings, dots: Dots, noteId: string, kind: NoteKind): DotChange {
  if (!settings.kinds.includes(kind)) return { ok: false, reason: "this kind of note does not get dots in this vote" };
  if (dots.length >= settings.budget) {
    return {
      ok: false,
      reason: `you have placed all ${settings.budget} of your dots: remove one to place it elsewhere`,
    };
  }
  if (!settings.multiple && dots.includes(noteId)) return { ok: false, reason: "one dot per note in this vote" };
  return { ok: true, dots: [...dots, noteId] };
}

/** One of the participant's dots taken off a note; or why not. */
export function removeDot(dots: Dots, noteId: string): DotChange {
  const at = dots.lastIndexOf(noteId);
  if (at < 0) return { ok: false, reason: "you have no dot on this note" };
  return { ok: true, dots: [...dots.slice(0, at), ...dots.slice(at + 1)] };
}

/** Dots per note, from every participant's dots. */
export function tallyDots(all: Iterable<Dots>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const dots of all) for (const noteId of dots) counts[noteId] = (counts[noteId] ?? 0) + 1;
  return counts;
}

/** The notes that got dots, most first; ties share a rank and keep a stable order (by note id). */
export function rankNotes(counts: Record<string, number>): RankedNote[] {
  const sorted = Object.entries(counts)
    .filter(([, dots]) => dots > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map(([noteId, dots]) => ({
    noteId,
    dots,
    rank: 1 + sorted.filter(([, other]) => other > dots).length,
  }));
}

/** Per stage of a map: its dots and its pain points, and how hot it is (0..1) beside the hottest stage. */
export function stageHeat(
  notes: readonly Pick<Note, "id" | "cell" | "kind">[],
  counts: Record<string, number>,
): Map<string, { dots: number; painPoints: number; heat: number }> {
  const byStage = new Map<string, { dots: number; painPoints: number; heat: number }>();
  for (const note of notes) {
    if (!note.cell) continue;
    const stage = byStage.get(note.cell.stageId) ?? { dots: 0, painPoints: 0, heat: 0 };
    stage.dots += counts[note.id] ?? 0;
    if (note.kind === "pain-point") stage.painPoints++;
    byStage.set(note.cell.stageId, stage);
  }
  const hottest = Math.max(0, ...[...byStage.values()].map((s) => s.dots + s.painPoints));
  for (const stage of byStage.values()) stage.heat = hottest > 0 ? (stage.dots + stage.painPoints) / hottest : 0;
  return byStage;
}

export function readVote(control: Y.Doc): Vote | null {
  const map = control.getMap("vote");
  const read = (key: string) => map.get(key);
  const [voteId, mapId, question, budget, kinds, status] = [
    "voteId",
    "mapId",
    "question",
    "budget",
    "kinds",
    "status",
  ].map(read);
  if (read("version") !== VOTE_VERSION || typeof voteId !== "string" || typeof mapId !== "string") return null;
  if (typeof question !== "string" || typeof budget !== "number" || !Array.isArray(kinds)) return null;
  if (status !== "open" && status !== "closed") return null;
  const voters = read("voters");
  const closedAt = read("closedAt");
  return {
    voteId,
    mapId,
    question,
    budget,
    kinds: kinds.filter(isNoteKind),
    multiple: read("multiple") === true,
    hidden: read("hidden") === true,
    status,
    voters: typeof voters === "number" ? voters : 0,
    counts: readCounts(read("counts")),
    ranking: readRanking(read("ranking")),
    closedAt: typeof closedAt === "number" ? closedAt : null,
  };
}

function readCounts(value: unknown): Record<string, number> | null {
  if (typeof value !== "object" || value === null) return null;
  const counts: Record<string, number> = {};
  for (const [noteId, dots] of Object.entries(value)) if (typeof dots === "number") counts[noteId] = dots;
  return counts;
}

function readRanking(value: unknown): RankedNote[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter(
    (r): r is RankedNote =>
      typeof r === "object" &&
      r !== null &&
      typeof r.noteId === "string" &&
      typeof r.dots === "number" &&
      typeof r.rank === "number",
  );
}

/** Written by the relay only (the control document takes no one else's changes but facilitators'). */
export function writeVote(control: Y.Doc, vote: Vote, origin: unknown): void {
  control.transact(() => {
    const map = control.getMap("vote");
    const record: Record<string, unknown> = { version: VOTE_VERSION, ...vote };
    for (const [key, value] of Object.entries(record)) {
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
    }
  }, origin);
}
