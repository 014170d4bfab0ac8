import {
  type Grid,
  KIND_COLORS,
  MAX_NOTE_TEXT,
  NOTE_COLORS,
  NOTE_SIZE,
  noteRect,
  type PrivateNote,
} from "@journeyboard/shared";
import type Konva from "konva";
import { useState } from "react";
import { Circle, Group, Layer, Rect, Text } from "react-konva";
import { type PrivateNoteFields, usePrivateNotes } from "../sync/private-notes.js";
import { useUi } from "../ui-state.js";
import { BOARD, FONT_FAMILY, NOTE_FONT_SIZE, NOTE_LINE_HEIGHT, NOTE_PADDING } from "./theme.js";
import { toScreen } from "./viewport.js";

/** The line at a private note's foot that tells its author no one else sees it yet. */
export const PRIVATE_LINE = "Private until revealed";
const FOOT = 16;

const rectOf = (grid: Grid, note: PrivateNote) => noteRect(grid, { ...note, w: NOTE_SIZE.w, h: NOTE_SIZE.h });

export const fieldsOf = (note: PrivateNote): PrivateNoteFields => {
  const { cell, x, y, kind, text } = note;
  return { cell, x, y, kind, text };
};

/**
 * This participant's private notes, drawn for them alone (nobody else's browser has them): a note with a
 * dashed outline, a lock and "Private until revealed". A click selects one (Delete removes it), a
 * double-click (board-stage.tsx) or a new note edits its text, the × deletes it.
 */
export function PrivateNotesLayer({ grid, visible }: { grid: Grid; visible: boolean }) {
  const notes = usePrivateNotes((s) => s.notes);
  const selected = usePrivateNotes((s) => s.selected);
  const editing = usePrivateNotes((s) => s.editing);
  if (!visible || notes.length === 0) return null;
  return (
    <Layer name="private-notes">
      {notes.map((note) => (
        <PrivateNoteView
          key={note.id}
          note={note}
          grid={grid}
          selected={selected === note.id}
          editing={editing === note.id}
        />
      ))}
    </Layer>
  );
}

function PrivateNoteView(props: { note: PrivateNote; grid: Grid; selected: boolean; editing: boolean }) {
  const { note, selected } = props;
  const rect = rectOf(props.grid, note);
  const store = usePrivateNotes.getState;
  const press = (event: Konva.KonvaEventObject<MouseEvent>) => {
    // A press on a private note is not a press on the board (no band, no board note selected).
    event.cancelBubble = true;
    useUi.getState().select([]);
    store().select(note.id);
  };
  return (
    <Group name="private-note" id={`private-${note.id}`} x={rect.x} y={rect.y} onMouseDown={press}>
      <Rect
        width={rect.w}
        height={rect.h}
        fill={NOTE_COLORS[KIND_COLORS[note.kind]]}
        stroke={selected ? BOARD.selection : "#495057"}
        strokeWidth={selected ? 3 : 1.5}
        dash={[6, 4]}
        cornerRadius={4}
        perfectDrawEnabled={false}
      />
      <Text
        name="private-note-text"
        text={note.text}
        visible={!props.editing}
        x={NOTE_PADDING}
        y={NOTE_PADDING}
        width={rect.w - 2 * NOTE_PADDING - 14}
        height={rect.h - 2 * NOTE_PADDING - FOOT}
        fontFamily={FONT_FAMILY}
        fontSize={NOTE_FONT_SIZE}
        lineHeight={NOTE_LINE_HEIGHT}
        fill={BOARD.noteText}
        ellipsis
        listening={false}
      />
      <Text
        name="private-note-line"
        text={`🔒 ${PRIVATE_LINE}`}
        x={NOTE_PADDING}
        y={rect.h - NOTE_PADDING - FOOT + 4}
        width={rect.w - 2 * NOTE_PADDING}
        fontFamily={FONT_FAMILY}
        fontSize={11}
        fill="#495057"
        wrap="none"
        ellipsis
        listening={false}
      />
      <Group
        name="private-note-delete"
        x={rect.w - 10}
        y={10}
        onMouseDown={(event: Konva.KonvaEventObject<MouseEvent>) => {
          event.cancelBubble = true;
          void store().remove(note.id);
        }}
      >
        <Circle radius={8} fill="#fff" stroke="#495057" strokeWidth={1} />
        <Text text="×" x={-8} y={-7} width={16} align="center" fontSize={14} fill="#495057" />
      </Group>
    </Group>
  );
}

/** Editing a private note's text: a textarea over it, saved (through the relay) on blur or Enter. */
export function PrivateNoteEditor({ grid }: { grid: Grid }) {
  const id = usePrivateNotes((s) => s.editing);
  const note = usePrivateNotes((s) => s.notes.find((n) => n.id === s.editing));
  return id && note ? <Editor key={id} grid={grid} note={note} /> : null;
}

function Editor({ grid, note }: { grid: Grid; note: PrivateNote }) {
  const viewport = useUi((s) => s.viewport);
  const [text, setText] = useState(note.text);
  const rect = rectOf(grid, note);
  const at = toScreen(viewport, rect);
  const save = () => {
    const store = usePrivateNotes.getState();
    store.startEditing(null);
    store.select(note.id);
    if (text !== note.text) void store.edit(note.id, { ...fieldsOf(note), text });
  };
  return (
    <textarea
      // biome-ignore lint/a11y/noAutofocus: the participant just asked to write in this note.
      autoFocus
      className="note-editor"
      aria-label="Private note text"
      maxLength={MAX_NOTE_TEXT}
      value={text}
      onChange={(event) => setText(event.target.value)}
      style={{
        left: at.x,
        top: at.y,
        width: rect.w * viewport.scale,
        height: rect.h * viewport.scale,
        padding: `${NOTE_PADDING * viewport.scale}px`,
        fontSize: NOTE_FONT_SIZE * viewport.scale,
        fontFamily: FONT_FAMILY,
        background: NOTE_COLORS[KIND_COLORS[note.kind]],
      }}
      onBlur={save}
      onKeyDown={(event) => {
        if ((event.key === "Enter" && !event.shiftKey) || event.key === "Escape") {
          event.preventDefault();
          event.currentTarget.blur();
        }
      }}
    />
  );
}
