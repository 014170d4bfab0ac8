import { type CsvOptions, type CsvValue, toCsv } from "../csv.js";
import type { BoardFile } from "./format.js";

/**
 * The spreadsheet views of a Journeyboard file (make it with `exportBoard`, or read one with
 * `parseBoardFile`): one row per note, and one row per stage of each crowd result. Built on csv.ts, so
 * cells are quoted and neutralised against formulas there; UTF-8 with a byte order mark by default, which
 * spreadsheets need to read accents right.
 */

export const NOTES_CSV_COLUMNS = [
  "map",
  "stage",
  "phase",
  "lane",
  "kind",
  "channel",
  "text",
  "segments",
  "votes",
  "author",
  "created",
] as const;

export const CROWD_CSV_COLUMNS = [
  "map",
  "segment",
  "stage",
  "phase",
  "mean",
  "sd",
  "scores",
  "participants",
  "closed",
] as const;

/**
 * Every note of every map, in the file's order. Stage, phase and lane are blank for a note outside the
 * grid; segments are the names of those it is tagged with ("; " between them, blank: all); votes are the
 * dots it got in the map's closed vote (blank when the map has none).
 */
export function notesCsv(file: BoardFile, options: CsvOptions = { bom: true }): string {
  const rows: CsvValue[][] = [[...NOTES_CSV_COLUMNS]];
  for (const map of file.maps) {
    const stages = new Map(map.stages.map((s) => [s.id, s]));
    const lanes = new Map(map.lanes.map((l) => [l.id, l.title]));
    const segments = new Map(map.segments.map((s) => [s.id, s.name]));
    const dots = new Map(map.vote?.dots.map((d) => [d.noteId, d.dots]) ?? []);
    for (const note of map.notes) {
      const stage = note.cell ? stages.get(note.cell.stageId) : undefined;
      rows.push([
        map.title,
        stage?.title,
        stage?.phase,
        note.cell ? lanes.get(note.cell.laneId) : undefined,
        note.kind,
        note.channel,
        note.text,
        note.segmentIds.map((id) => segments.get(id) ?? id).join("; "),
        map.vote ? (dots.get(note.id) ?? 0) : undefined,
        note.author,
        note.createdAt,
      ]);
    }
  }
  return toCsv(rows, options);
}

/** Each crowd result's figures per stage, in the journey's order; withheld figures are blank. */
export function crowdCsv(file: BoardFile, options: CsvOptions = { bom: true }): string {
  const rows: CsvValue[][] = [[...CROWD_CSV_COLUMNS]];
  for (const map of file.maps) {
    const stages = new Map(map.stages.map((s) => [s.id, s]));
    const segments = new Map(map.segments.map((s) => [s.id, s.name]));
    for (const result of map.crowd) {
      for (const figures of result.stages) {
        const stage = stages.get(figures.stageId);
        rows.push([
          map.title,
          segments.get(result.segmentId),
          stage?.title,
          stage?.phase,
          figures.mean,
          figures.sd,
          figures.count,
          result.participants,
          result.closedAt,
        ]);
      }
    }
  }
  return toCsv(rows, options);
}
