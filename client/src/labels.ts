import type { NoteColor, NoteKind } from "@journeyboard/shared";

/** The words people see for the model's values. */
export const KIND_LABELS: Record<NoteKind, string> = {
  note: "Note",
  touchpoint: "Touchpoint",
  "pain-point": "Pain point",
  opportunity: "Opportunity",
  "moment-of-truth": "Moment of truth",
  "listening-post": "Listening post",
};

export const COLOR_NAMES: Record<NoteColor, string> = {
  yellow: "Yellow",
  blue: "Blue",
  red: "Red",
  green: "Green",
  orange: "Orange",
  violet: "Violet",
};
