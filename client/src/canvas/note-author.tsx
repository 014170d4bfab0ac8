import type { Note } from "@journeyboard/shared";
import { Circle, Group, Text } from "react-konva";
import { FONT_FAMILY, NOTE_FONT_SIZE } from "./theme.js";

/** The line at the foot of a note that says who added it, as Miro's "show author" does. */
const LINE_HEIGHT = 14;
const FONT_SIZE = 11;
const DOT_RADIUS = 4;
/** Space between the note's text and the line. */
const GAP = 4;

/**
 * How much of a note's height its author line takes from the text: none for a note without an author,
 * or one so small that the line would leave its text less than a line.
 */
export function authorLineSpace(note: Pick<Note, "author">, textHeight: number): number {
  const space = LINE_HEIGHT + GAP;
  return note.author.trim() && textHeight - space >= NOTE_FONT_SIZE * 1.25 ? space : 0;
}

/** Who added the note, with a dot in their color (none on notes from before colors were kept). */
export function NoteAuthorLine({
  note,
  x,
  bottom,
  width,
}: {
  note: Pick<Note, "author" | "authorColor">;
  x: number;
  /** Where the line ends, down the note. */
  bottom: number;
  width: number;
}) {
  const textX = note.authorColor ? 2 * DOT_RADIUS + 5 : 0;
  return (
    <Group name="note-author" x={x} y={bottom - LINE_HEIGHT} listening={false}>
      {note.authorColor && (
        <Circle
          name="note-author-dot"
          x={DOT_RADIUS}
          y={LINE_HEIGHT / 2}
          radius={DOT_RADIUS}
          fill={note.authorColor}
          stroke="rgba(0, 0, 0, 0.25)"
          strokeWidth={0.5}
          perfectDrawEnabled={false}
        />
      )}
      <Text
        name="note-author-name"
        x={textX}
        width={Math.max(0, width - textX)}
        height={LINE_HEIGHT}
        verticalAlign="middle"
        text={note.author.trim()}
        wrap="none"
        ellipsis
        fontFamily={FONT_FAMILY}
        fontSize={FONT_SIZE}
        fill="#495057"
        perfectDrawEnabled={false}
      />
    </Group>
  );
}
