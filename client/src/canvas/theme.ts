/** The board's colors and type (see the design notes: black text on every note color meets WCAG AA). */
export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

export const BOARD = {
  background: "#F8F9FA",
  cellBorder: "#DEE2E6",
  saleLine: "#868E96",
  laneHeader: "#F1F3F5",
  laneHeaderText: "#343A40",
  stageText: "#212529",
  preSaleHeader: "#E7F5FF",
  postSaleHeader: "#EBFBEE",
  // Tinted enough to tell the two halves apart at a glance, light enough for every note color on top.
  preSaleCell: "#EDF5FD",
  postSaleCell: "#EEF9F0",
  outOfOrder: "#C92A2A",
  selection: "#1971C2",
  noteText: "#1F1F1F",
  noteBorder: "rgba(0, 0, 0, 0.18)",
} as const;

export const NOTE_FONT_SIZE = 15;
/** Text that does not fit its note shrinks down to this size, still readable at 100 %; beyond it, text is hidden. */
export const NOTE_MIN_FONT_SIZE = 11;
export const NOTE_LINE_HEIGHT = 1.25;
export const NOTE_PADDING = 10;
