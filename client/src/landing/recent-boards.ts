/** Boards this browser has opened, most recent first (kept in localStorage, never on the server). */
export interface RecentBoard {
  id: string;
  title: string;
  /** The board's page with this browser's link token, to open it again with the same role. */
  path: string;
  openedAt: number;
}

const KEY = "journeyboard:recent";
const MAX = 12;

export function recentBoards(): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (b): b is RecentBoard =>
        typeof b?.id === "string" && typeof b?.title === "string" && typeof b?.openedAt === "number",
    );
  } catch {
    return [];
  }
}

export function rememberBoard(board: Omit<RecentBoard, "openedAt">, now = Date.now()): void {
  const rest = recentBoards().filter((b) => b.id !== board.id);
  localStorage.setItem(KEY, JSON.stringify([{ ...board, openedAt: now }, ...rest].slice(0, MAX)));
}
