import { gridCsv, type JourneyMap, listMaps, listStages, readGrid, readMeta } from "@journeyboard/shared";

/** "Shop redesign - Future state RACI.csv": the board's and the map's titles, without characters file systems refuse. */
export function gridCsvFileName(boardTitle: string, mapTitle: string): string {
  const clean = (text: string) =>
    text
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim();
  const name = [clean(boardTitle), clean(mapTitle)].filter(Boolean).join(" - ") || "Journeyboard";
  return `${name} RACI.csv`;
}

/** Downloads the map's grid as CSV, with a byte order mark so spreadsheets read accents right. */
export function downloadGridCsv(map: JourneyMap): void {
  const csv = gridCsv(readGrid(map), listStages(map), { bom: true });
  const mapTitle = listMaps(map.board).find((m) => m.id === map.id)?.title ?? "";
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = gridCsvFileName(readMeta(map.board).title, mapTitle);
  link.click();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
