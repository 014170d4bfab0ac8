import { type Grid, intersects, type JourneyMap, listNotes, noteRect, type Rect } from "@journeyboard/shared";

/** The notes a rubber band touches. */
export function selectInBand(map: JourneyMap, grid: Grid, band: Rect): string[] {
  return listNotes(map)
    .filter((note) => intersects(noteRect(grid, note), band))
    .map((note) => note.id);
}
