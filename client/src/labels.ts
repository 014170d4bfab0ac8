import type { Channel, ListeningSource, Note, NoteColor, NoteKind, Polarity, ValueTier } from "@journeyboard/shared";

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

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: "Web",
  app: "App",
  email: "Email",
  phone: "Phone",
  store: "Store",
  chat: "Chat",
  social: "Social media",
  field: "Field service",
};

/** A moment of truth's sign: the part of its badge that always shows. */
export const POLARITY_SYMBOLS: Record<Polarity, string> = { positive: "★", negative: "⚡" };
const POLARITY_WORDS: Record<Polarity, string> = { positive: "Positive", negative: "Negative" };

export const POLARITY_LABELS: Record<Polarity, string> = {
  positive: `${POLARITY_SYMBOLS.positive} ${POLARITY_WORDS.positive}`,
  negative: `${POLARITY_SYMBOLS.negative} ${POLARITY_WORDS.negative}`,
};

export const SOURCE_LABELS: Record<ListeningSource, string> = {
  "sales-data": "Sales and lead data",
  "social-media": "Social media",
  "in-product-feedback": "In-product feedback",
  "support-questions": "Support questions",
};

export const TIER_LABELS: Record<ValueTier, string> = {
  high: "High lifetime value",
  mid: "Mid lifetime value",
  low: "Low lifetime value",
};

/** The emotion scale's words, by score (-3..+3). */
export const EMOTION_WORDS: Readonly<Record<number, string>> = {
  3: "delighted",
  2: "happy",
  1: "pleased",
  0: "neutral",
  [-1]: "annoyed",
  [-2]: "frustrated",
  [-3]: "angry",
};

/** The small caps line at the top of a note: its kind, and its channel, polarity or source. */
export function noteBadge(note: Pick<Note, "kind" | "channel" | "polarity" | "source">): string {
  if (note.kind === "note") return "";
  const detail =
    note.kind === "touchpoint" && note.channel
      ? CHANNEL_LABELS[note.channel]
      : note.kind === "moment-of-truth" && note.polarity
        ? POLARITY_LABELS[note.polarity]
        : note.kind === "listening-post" && note.source
          ? SOURCE_LABELS[note.source]
          : "";
  return [KIND_LABELS[note.kind], detail].filter(Boolean).join(" · ").toUpperCase();
}

/**
 * A note's badge from its longest form to its shortest, for a narrow note. A moment of truth drops its
 * kind, then shortens its word ("★ POS…"), and ends with its sign alone: the ★ or ⚡ always shows.
 */
export function noteBadgeForms(note: Pick<Note, "kind" | "channel" | "polarity" | "source">): string[] {
  const full = noteBadge(note);
  if (note.kind !== "moment-of-truth" || !note.polarity) return full ? [full] : [];
  const symbol = POLARITY_SYMBOLS[note.polarity];
  const word = POLARITY_WORDS[note.polarity].toUpperCase();
  const shortened = [...word].slice(1, -1).map((_, i) => `${symbol} ${word.slice(0, word.length - 1 - i)}…`);
  return [full, `${symbol} ${word}`, ...shortened, symbol];
}
