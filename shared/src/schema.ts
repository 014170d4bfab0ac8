/**
 * The board's document schema: the shape of the Y.Doc every participant shares, and the plain types
 * the rest of the app reads. One Y.Doc per board:
 *
 *   meta      Y.Map   schemaVersion, title, createdAt
 *   maps      Y.Map   mapId → Y.Map (one journey map: a tab, e.g. current state or future state)
 *               title, state, order
 *               stages    Y.Map stageId → Y.Map { title, phase, width, order }
 *               lanes     Y.Map laneId  → Y.Map { title, kind, height, order }
 *               notes     Y.Map noteId  → Y.Map { stageId, laneId, x, y, w, h, color, kind, text: Y.Text, author,
 *                                                  authorColor, createdAt, channel, polarity, source,
 *                                                  segments: Y.Map<segmentId, true> }
 *               segments  Y.Map segmentId → Y.Map { name, color, description, valueTier, order,
 *                                                  emotion: Y.Map stageId → score, labels: Y.Map stageId → label }
 *               raci      Y.Map  the RACI grid of the process and its IT stack (raci.ts)
 *                 roles       Y.Map roleId → Y.Map { name, order }                      the grid's columns
 *                 activities  Y.Map activityId → Y.Map { title: Y.Text, stageId, order,  the grid's rows
 *                                  notes: Y.Map<noteId, true>, systems: Y.Map<systemKey, spelling>,
 *                                  cells: Y.Map<`${roleId}:${letter}`, true> }
 *                 systems     Y.Map systemKey → status (exists, build, buy, unknown)
 *                 accountableShare  number (absent: the default)  when a role is A on too much
 * The facilitated walk-through (rounds, timer) comes with facilitation, in a document only facilitators
 * may write; its shape is declared below.
 *
 * Structure is created once, with the record that holds it (a map with its containers, a note with its
 * text and tags, a segment with its curve), never lazily by whoever writes into it first: two clients
 * creating the same nested map concurrently would each lose the other's content. The relay's repair
 * pass (repair.ts) restores any structure an older or foreign client left out. `meta.schemaVersion` is
 * written by the relay only.
 */

export const SCHEMA_VERSION = 4;

export const Phase = { preSale: "pre-sale", postSale: "post-sale" } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export const MapState = { current: "current", future: "future" } as const;
export type MapState = (typeof MapState)[keyof typeof MapState];

export const LANE_KINDS = [
  "actions",
  "touchpoints",
  "channels",
  "thoughts",
  "pain-points",
  "opportunities",
  "backstage",
  /** Where the segments' emotion curves are drawn. */
  "emotion",
] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

export const NOTE_KINDS = [
  "note",
  "touchpoint",
  "pain-point",
  "opportunity",
  "moment-of-truth",
  "listening-post",
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Note colors (black text meets WCAG AA on each). */
export const NOTE_COLORS = {
  yellow: "#FFE066",
  blue: "#A5D8FF",
  red: "#FFC9C9",
  green: "#B2F2BB",
  orange: "#FFD8A8",
  violet: "#D0BFFF",
} as const;
export type NoteColor = keyof typeof NOTE_COLORS;

/** The color a note of each kind starts with. */
export const KIND_COLORS: Record<NoteKind, NoteColor> = {
  note: "yellow",
  touchpoint: "blue",
  "pain-point": "red",
  opportunity: "green",
  "moment-of-truth": "orange",
  "listening-post": "violet",
};

export interface BoardMeta {
  schemaVersion: number;
  title: string;
  createdAt: number;
}

export interface MapSummary {
  id: string;
  title: string;
  state: MapState;
  order: string;
}

export interface Stage {
  id: string;
  title: string;
  phase: Phase;
  width: number;
  order: string;
}

export interface Lane {
  id: string;
  title: string;
  kind: LaneKind;
  height: number;
  order: string;
}

/** A cell of the map: a stage column crossed with a lane row. */
export interface Cell {
  stageId: string;
  laneId: string;
}

/** Channels a touchpoint happens in. */
export const CHANNELS = ["web", "app", "email", "phone", "store", "chat", "social", "field"] as const;
export type Channel = (typeof CHANNELS)[number];

/** A moment of truth is a positive or a negative emotional reaction. */
export const POLARITIES = ["positive", "negative"] as const;
export type Polarity = (typeof POLARITIES)[number];

/** Where a listening post learns about the experience. */
export const LISTENING_SOURCES = ["sales-data", "social-media", "in-product-feedback", "support-questions"] as const;
export type ListeningSource = (typeof LISTENING_SOURCES)[number];

export interface Note {
  id: string;
  /** The cell the note sits in; `null` for a note outside the grid. */
  cell: Cell | null;
  /** Position relative to the cell's top-left corner (or to the board origin when `cell` is null). */
  x: number;
  y: number;
  w: number;
  h: number;
  color: NoteColor;
  kind: NoteKind;
  text: string;
  /** The display name of who added the note (at most MAX_NAME characters). */
  author: string;
  /** Their participant color, "#rrggbb"; null on notes from before it was kept or written by a script. */
  authorColor: string | null;
  createdAt: number;
  /** For a touchpoint: where it happens. */
  channel: Channel | null;
  /** For a moment of truth: a peak or a trough of the experience. */
  polarity: Polarity | null;
  /** For a listening post: what the team learns from. */
  source: ListeningSource | null;
  /** The segments this note is about (none: all of them). */
  segmentIds: string[];
}

export const NOTE_SIZE = { w: 160, h: 112, min: 48, max: 960 } as const;
export const STAGE_WIDTH = { initial: 360, min: 160, max: 1600 } as const;
export const LANE_HEIGHT = { initial: 200, min: 80, max: 1200 } as const;

export function isNoteKind(value: unknown): value is NoteKind {
  return typeof value === "string" && (NOTE_KINDS as readonly string[]).includes(value);
}

export function isNoteColor(value: unknown): value is NoteColor {
  return typeof value === "string" && Object.hasOwn(NOTE_COLORS, value);
}

/** A participant color as notes keep it: "#rrggbb". */
export function isAuthorColor(value: unknown): value is string {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value);
}

export function isPhase(value: unknown): value is Phase {
  return value === Phase.preSale || value === Phase.postSale;
}

export function isLaneKind(value: unknown): value is LaneKind {
  return typeof value === "string" && (LANE_KINDS as readonly string[]).includes(value);
}

export const VALUE_TIERS = ["high", "mid", "low"] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** A customer segment (persona): not all customers are treated equally. */
export interface Segment {
  id: string;
  name: string;
  color: string;
  description: string;
  /** Lifetime value: those with the greatest may merit a different experience. */
  valueTier: ValueTier;
  order: string;
}

/** How it feels to be the customer at a stage: -3 (very negative) to +3 (very positive). */
export const EMOTION_SCALE = { min: -3, max: 3 } as const;

export interface EmotionPoint {
  stageId: string;
  score: number;
  /** Why the customer feels this way here. */
  label: string;
}

/** Responsible, Accountable (exactly one per activity), Consulted, Informed: in this order. */
export const RACI_LETTERS = ["R", "A", "C", "I"] as const;
export type RaciLetter = (typeof RACI_LETTERS)[number];

/** A column of the RACI grid: a function of the business, e.g. "Contact center". */
export interface RaciRole {
  id: string;
  name: string;
  order: string;
}

/** A system an activity needs: `key` matches spellings ("crm", "CRM "), `name` is shown. */
export interface RaciSystem {
  key: string;
  name: string;
}

/** One activity of the future-state process (a row of the grid) and who is R, A, C, I for it. */
export interface RaciActivity {
  id: string;
  title: string;
  /** The stage it belongs to; null when none is set or the stage was deleted. */
  stageId: string | null;
  order: string;
  /** The notes it answers (opportunities, pain points) that still exist. */
  noteIds: string[];
  /** Sorted by key. */
  systems: RaciSystem[];
  /** Every role of the grid → its letters here, in R A C I order (empty when none). */
  cells: Record<string, RaciLetter[]>;
}

/** Whether a system the process needs exists, must be built or bought, or nobody knows yet. */
export const SYSTEM_STATUSES = ["unknown", "exists", "build", "buy"] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

/** A map's RACI grid as plain data, roles and activities in order. */
export interface RaciGrid {
  roles: RaciRole[];
  activities: RaciActivity[];
  /** A role that is A on more than this share (0..1) of the activities is flagged. */
  accountableShare: number;
  /** systemKey → its status on this map; systems not listed are "unknown". */
  systemStatus: Record<string, SystemStatus>;
}

export function isRaciLetter(value: unknown): value is RaciLetter {
  return typeof value === "string" && (RACI_LETTERS as readonly string[]).includes(value);
}

export function isSystemStatus(value: unknown): value is SystemStatus {
  return typeof value === "string" && (SYSTEM_STATUSES as readonly string[]).includes(value);
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && (CHANNELS as readonly string[]).includes(value);
}

export function isPolarity(value: unknown): value is Polarity {
  return value === "positive" || value === "negative";
}

export function isListeningSource(value: unknown): value is ListeningSource {
  return typeof value === "string" && (LISTENING_SOURCES as readonly string[]).includes(value);
}

export function isValueTier(value: unknown): value is ValueTier {
  return typeof value === "string" && (VALUE_TIERS as readonly string[]).includes(value);
}
