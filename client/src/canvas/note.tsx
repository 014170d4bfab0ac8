import { type Grid, type JourneyMap, NOTE_COLORS, noteRect } from "@journeyboard/shared";
import type Konva from "konva";
import { memo } from "react";
import { Group, Rect, Text } from "react-konva";
import { noteBadge } from "../labels.js";
import { useNote } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { noteFace, noteFaceSize } from "./legibility.js";
import { authorLineSpace, NoteAuthorLine } from "./note-author.js";
import type { NoteGestures } from "./note-gestures.js";
import { NoteBadge, NoteText, ResizeHandle } from "./note-parts.js";
import { BOARD, FONT_FAMILY, NOTE_PADDING } from "./theme.js";

interface NoteViewProps {
  map: JourneyMap;
  id: string;
  grid: Grid;
  gestures: NoteGestures;
}

/** One sticky note. It re-renders only when this note, its selection or the grid changes. */
export const NoteView = memo(function NoteView({ map, id, grid, gestures }: NoteViewProps) {
  const note = useNote(map, id);
  const selected = useUi((s) => s.selection.includes(id));
  const editing = useUi((s) => s.editingNoteId === id);
  const draggable = useUi((s) => s.tool === "select");
  const hidden = useUi((s) => s.hiddenSegments);
  const resizing = useUi((s) => (s.resizing?.id === id ? s.resizing : null));
  if (!note) return null;
  // While this participant drags the resize handle, the note shows the size it will have.
  const rect = noteRect(grid, resizing ? { ...note, w: resizing.w, h: resizing.h } : note);
  const label = noteBadge(note);
  // A note about segments that are all hidden fades; a note about no segment in particular never does.
  const dimmed = note.segmentIds.length > 0 && note.segmentIds.every((id) => hidden.includes(id));
  const textTop = label ? NOTE_PADDING + 16 : NOTE_PADDING;
  // Who added the note sits under its text, which gives up that much height.
  const authorSpace = authorLineSpace(note, rect.h - textTop - NOTE_PADDING);
  // Drawn for the zoom of the moment; later zooms switch face and text without a render (legibility.ts).
  const { scale } = useUi.getState().viewport;
  const face = noteFace(scale);
  return (
    <Group
      name="note"
      id={id}
      x={rect.x}
      y={rect.y}
      opacity={dimmed ? 0.25 : 1}
      draggable={draggable && !editing}
      onMouseDown={(e: Konva.KonvaEventObject<MouseEvent>) => gestures.press(id, e)}
      onDragStart={(e: Konva.KonvaEventObject<DragEvent>) => gestures.dragStart(id, e.target)}
      onDragMove={(e: Konva.KonvaEventObject<DragEvent>) => gestures.dragMove(id, e.target)}
      onDragEnd={(e: Konva.KonvaEventObject<DragEvent>) => gestures.dragEnd(id, e.target)}
    >
      <Rect
        width={rect.w}
        height={rect.h}
        fill={NOTE_COLORS[note.color]}
        stroke={selected ? BOARD.selection : BOARD.noteBorder}
        strokeWidth={selected ? 3 : 1}
        cornerRadius={4}
        perfectDrawEnabled={false}
      />
      <Group name="note-detail" visible={!face.face}>
        {label && <NoteBadge note={note} x={NOTE_PADDING} y={NOTE_PADDING} width={rect.w - 2 * NOTE_PADDING} />}
        <NoteText
          text={note.text}
          visible={!editing}
          x={NOTE_PADDING}
          y={textTop}
          width={rect.w - 2 * NOTE_PADDING}
          height={rect.h - textTop - NOTE_PADDING - authorSpace}
        />
        {authorSpace > 0 && (
          <NoteAuthorLine
            note={note}
            x={NOTE_PADDING}
            bottom={rect.h - NOTE_PADDING}
            width={rect.w - 2 * NOTE_PADDING}
          />
        )}
      </Group>
      <Text
        name="note-face"
        visible={face.face && !editing}
        x={NOTE_PADDING}
        y={NOTE_PADDING}
        width={rect.w - 2 * NOTE_PADDING}
        height={rect.h - 2 * NOTE_PADDING}
        // Its first words: the note's color tells its kind (see the legend); an empty note shows its kind.
        text={note.text.trim() || label || ""}
        fontFamily={FONT_FAMILY}
        fontSize={noteFaceSize(note.text.trim() || label || "", rect.w - 2 * NOTE_PADDING, scale)}
        fontStyle="bold"
        lineHeight={1.1}
        fill={BOARD.noteText}
        ellipsis
        listening={false}
        perfectDrawEnabled={false}
      />
      <ResizeHandle id={id} w={rect.w} h={rect.h} gestures={gestures} />
    </Group>
  );
});
