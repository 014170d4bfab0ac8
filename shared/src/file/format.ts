import { z } from "zod";
import { MAX_NAME, MAX_NOTE_TEXT, MAX_TITLE } from "../protocol.js";
import { ACCOUNTABLE_SHARE, RACI_LIMITS } from "../raci.js";
import {
  CHANNELS,
  EMOTION_SCALE,
  LANE_HEIGHT,
  LANE_KINDS,
  LISTENING_SOURCES,
  NOTE_COLORS,
  NOTE_KINDS,
  NOTE_SIZE,
  POLARITIES,
  RACI_LETTERS,
  STAGE_WIDTH,
  SYSTEM_STATUSES,
  VALUE_TIERS,
} from "../schema.js";
import { MAX_VOTE_QUESTION } from "../voting.js";

/**
 * The Journeyboard file: a whole board as JSON, for people and for programs. This zod schema is the single
 * source of the validator (parse.ts), the TypeScript types (`BoardFile`, below) and the JSON Schema checked
 * in as shared/schema/journeyboard.schema.json (written by `pnpm --filter @journeyboard/shared schema`; a
 * test fails when it is stale).
 *
 * Use: `exportBoard(doc, control?)` (export.ts) makes one from the shared document; `boardFileJson(file)`
 * is its text; `parseBoardFile(text | value)` (parse.ts) checks a file whole, migrates older versions and
 * returns it typed or an error naming the field; `importBoard` / `importMap` (import.ts) write it in one
 * transaction; `notesCsv` / `crowdCsv` (csv-notes.ts) are the spreadsheet views of a file. The UI's export
 * and import, the PNG's text chunk, the server API, the command line and templates all go through these:
 * a PNG carries `boardFileJson(file)` as its text and hands that text back to `parseBoardFile`; a server
 * route that parses the body itself must bound the body's size first (a parsed value has no length to
 * check), then pass the value; a template is a file imported with `importBoard` or `importMap`.
 *
 * Versioning: `schemaVersion` is the file format's own version (not the document's). A change that an
 * older reader would misread bumps it and adds a step to file/migrations.ts; test/fixtures keeps a file
 * written at every version, which must keep reading. Values outside the model's limits are refused, never
 * cut: the exporter never writes them, so a file holding them was made or edited by something else.
 */
export const FILE_FORMAT = "journeyboard";
export const FILE_SCHEMA_VERSION = 1;

/** Bounds checked before and while parsing, so a hostile file costs little. */
export const FILE_LIMITS = {
  /** Characters of JSON text (a 5,000-note map is about 3 million). */
  chars: 16 * 1024 * 1024,
  /** Nesting of arrays and objects (a file nests 8 deep). */
  depth: 24,
  maps: 50,
  stages: 100,
  lanes: 50,
  notesPerMap: 10_000,
  segments: 50,
  /** Named shared scores in one crowd result. */
  sharedScores: 500,
  coordinate: 1_000_000,
} as const;

/** Keys that reach an object's prototype when assigned: refused anywhere in a file. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "expected an id (1 to 64 letters, digits, _ or -)")
  .refine((value) => !FORBIDDEN_KEYS.has(value), "this id is not allowed");
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const timestamp = z.iso.datetime({ message: "expected an ISO date and time, e.g. 2026-01-31T09:30:00.000Z" });
const coordinate = z.int().min(-FILE_LIMITS.coordinate).max(FILE_LIMITS.coordinate);
const color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "expected a color #rrggbb");
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `at most ${max} entries`);

export const StageSchema = z.strictObject({
  id,
  title: text(MAX_TITLE),
  phase: z.enum(["pre-sale", "post-sale"]),
  width: z.int().min(STAGE_WIDTH.min).max(STAGE_WIDTH.max),
});

export const LaneSchema = z.strictObject({
  id,
  title: text(MAX_TITLE),
  kind: z.enum(LANE_KINDS),
  height: z.int().min(LANE_HEIGHT.min).max(LANE_HEIGHT.max),
});

export const NoteSchema = z.strictObject({
  id,
  text: text(MAX_NOTE_TEXT),
  kind: z.enum(NOTE_KINDS),
  /** The stage column and lane row it sits in; null outside the grid. */
  cell: z.strictObject({ stageId: id, laneId: id }).nullable(),
  /** From the cell's top-left corner (or the board's origin outside the grid). */
  position: z.strictObject({ x: coordinate, y: coordinate }),
  size: z.strictObject({
    w: z.int().min(NOTE_SIZE.min).max(NOTE_SIZE.max),
    h: z.int().min(NOTE_SIZE.min).max(NOTE_SIZE.max),
  }),
  color: z.enum(Object.keys(NOTE_COLORS) as [keyof typeof NOTE_COLORS, ...(keyof typeof NOTE_COLORS)[]]),
  author: text(MAX_NAME),
  authorColor: color.nullable(),
  createdAt: timestamp,
  channel: z.enum(CHANNELS).nullable(),
  polarity: z.enum(POLARITIES).nullable(),
  source: z.enum(LISTENING_SOURCES).nullable(),
  /** Segments it is about, sorted (none: all of them). */
  segmentIds: list(id, FILE_LIMITS.segments),
});

const score = z.int().min(EMOTION_SCALE.min).max(EMOTION_SCALE.max);

export const SegmentSchema = z.strictObject({
  id,
  name: text(MAX_TITLE),
  color,
  description: text(MAX_TITLE * 4),
  valueTier: z.enum(VALUE_TIERS),
  /** One point per stage that has one, in the stages' order. */
  curve: list(z.strictObject({ stageId: id, score, label: text(MAX_TITLE) }), FILE_LIMITS.stages),
});

const systemKeyText = z.string().min(1).max(RACI_LIMITS.systemName);

export const ActivitySchema = z.strictObject({
  id,
  title: text(RACI_LIMITS.activityTitle),
  stageId: id.nullable(),
  noteIds: list(id, RACI_LIMITS.linkedNotes),
  systems: list(z.strictObject({ key: systemKeyText, name: text(RACI_LIMITS.systemName) }), RACI_LIMITS.systems),
  /** roleId → its letters in R A C I order; roles with none are left out. */
  cells: z.record(id, z.array(z.enum(RACI_LETTERS)).min(1).max(RACI_LETTERS.length)),
});

export const RaciSchema = z.strictObject({
  roles: list(z.strictObject({ id, name: text(RACI_LIMITS.roleName) }), RACI_LIMITS.roles),
  activities: list(ActivitySchema, RACI_LIMITS.activities),
  /** A role A on more than this share of the activities is flagged. */
  accountableShare: z.number().min(ACCOUNTABLE_SHARE.min).max(ACCOUNTABLE_SHARE.max),
  /** systemKey → exists, build or buy; systems not listed are unknown. */
  systemStatus: z.record(systemKeyText, z.enum(SYSTEM_STATUSES)),
});

const figure = z.number().min(EMOTION_SCALE.min).max(EMOTION_SCALE.max).nullable();

/** The last closed crowd-scoring round of a segment (crowd.ts): figures withheld there stay null here. */
export const CrowdResultSchema = z.strictObject({
  segmentId: id,
  roundId: id,
  closedAt: timestamp,
  participants: z.int().min(0),
  stages: list(
    z.strictObject({ stageId: id, mean: figure, sd: z.number().min(0).max(6).nullable(), count: z.int().min(0) }),
    FILE_LIMITS.stages,
  ),
  /** Those who chose to share their scores by name. */
  shared: list(
    z.strictObject({ name: text(MAX_NAME), scores: list(z.strictObject({ stageId: id, score }), FILE_LIMITS.stages) }),
    FILE_LIMITS.sharedScores,
  ),
});

/** A closed dot vote on the map (voting.ts): the dots each note got, most first. */
export const VoteResultSchema = z.strictObject({
  question: text(MAX_VOTE_QUESTION),
  closedAt: timestamp.nullable(),
  dots: list(z.strictObject({ noteId: id, dots: z.int().min(1), rank: z.int().min(1) }), FILE_LIMITS.notesPerMap),
});

export const MapSchema = z.strictObject({
  id,
  title: text(MAX_TITLE),
  state: z.enum(["current", "future"]),
  stages: list(StageSchema, FILE_LIMITS.stages),
  lanes: list(LaneSchema, FILE_LIMITS.lanes),
  notes: list(NoteSchema, FILE_LIMITS.notesPerMap),
  segments: list(SegmentSchema, FILE_LIMITS.segments),
  raci: RaciSchema,
  crowd: list(CrowdResultSchema, FILE_LIMITS.segments),
  vote: VoteResultSchema.nullable(),
});

export const BoardFileSchema = z
  .strictObject({
    format: z.literal(FILE_FORMAT),
    schemaVersion: z.literal(FILE_SCHEMA_VERSION),
    exportedAt: timestamp,
    board: z.strictObject({ title: text(MAX_TITLE), createdAt: timestamp }),
    maps: list(MapSchema, FILE_LIMITS.maps).min(1, "a board has at least one map"),
  })
  .meta({
    $id: "https://journeyboard.example/schema/journeyboard.schema.json",
    title: "Journeyboard board file",
    description: "A Journeyboard board: its maps, notes, segments and curves, RACI grid, crowd and vote results.",
  });

export type BoardFile = z.infer<typeof BoardFileSchema>;
export type MapFile = z.infer<typeof MapSchema>;
export type NoteFile = z.infer<typeof NoteSchema>;
export type SegmentFile = z.infer<typeof SegmentSchema>;
export type RaciFile = z.infer<typeof RaciSchema>;
export type CrowdResultFile = z.infer<typeof CrowdResultSchema>;
export type VoteResultFile = z.infer<typeof VoteResultSchema>;

/** The JSON Schema of the file, derived from the zod schema (what the checked-in file holds). */
export function boardFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BoardFileSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
