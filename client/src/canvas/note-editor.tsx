import { type Grid, type JourneyMap, MAX_NOTE_TEXT, NOTE_COLORS, noteRect, noteText } from "@journeyboard/shared";
import { useEffect, useRef } from "react";
import { matches } from "../commands/keys.js";
import type { BoardConnection } from "../sync/connection.js";
import { useNote } from "../sync/hooks.js";
import { bindTextarea } from "../sync/text-binding.js";
import { useUi } from "../ui-state.js";
import { authorLineSpace } from "./note-author.js";
import { noteTextFit } from "./note-parts.js";
import { FONT_FAMILY, NOTE_PADDING } from "./theme.js";
import { toScreen } from "./viewport.js";

/**
 * Editing a note's text in place: a textarea laid exactly over the note and bound to its Y.Text, so two
 * people typing in one note merge. Escape or a click outside ends editing.
 */
export function NoteEditor({ connection, map, grid }: { connection: BoardConnection; map: JourneyMap; grid: Grid }) {
  const id = useUi((s) => s.editingNoteId);
  return id ? <Editor key={id} connection={connection} map={map} grid={grid} id={id} /> : null;
}

function Editor({
  connection,
  map,
  grid,
  id,
}: {
  connection: BoardConnection;
  map: JourneyMap;
  grid: Grid;
  id: string;
}) {
  const note = useNote(map, id);
  const viewport = useUi((s) => s.viewport);
  const stopEditing = useUi((s) => s.stopEditing);
  const ref = useRef<HTMLTextAreaElement>(null);
  const exists = note !== undefined;

  useEffect(() => {
    const text = noteText(map, id);
    const textarea = ref.current;
    if (!text || !textarea) return;
    const unbind = bindTextarea(textarea, text, connection.origin);
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    connection.undo.stopCapturing();
    return () => {
      unbind();
      connection.undo.stopCapturing();
    };
  }, [map, id, connection]);

  // Someone else deleted the note while it was being edited.
  useEffect(() => {
    if (!exists) stopEditing();
  }, [exists, stopEditing]);

  if (!note) return null;
  const rect = noteRect(grid, note);
  const at = toScreen(viewport, rect);
  const labelled = note.kind !== "note";
  const textTop = labelled ? NOTE_PADDING + 16 : NOTE_PADDING;
  const top = textTop * viewport.scale;
  // The size the note shows its text at, so the text does not jump when editing starts or ends.
  const textHeight = rect.h - textTop - NOTE_PADDING;
  const fit = noteTextFit(note.text, rect.w - 2 * NOTE_PADDING, textHeight - authorLineSpace(note, textHeight));
  return (
    <textarea
      ref={ref}
      className="note-editor"
      aria-label="Note text"
      maxLength={MAX_NOTE_TEXT}
      style={{
        left: at.x,
        top: at.y,
        width: rect.w * viewport.scale,
        height: rect.h * viewport.scale,
        padding: `${top}px ${NOTE_PADDING * viewport.scale}px ${NOTE_PADDING * viewport.scale}px`,
        fontSize: fit.fontSize * viewport.scale,
        fontFamily: FONT_FAMILY,
        background: NOTE_COLORS[note.color],
      }}
      onBlur={stopEditing}
      onKeyDown={(event) => {
        const native = event.nativeEvent;
        if (event.key === "Escape") {
          event.preventDefault();
          stopEditing();
        } else if (matches(native, "Mod+Z")) {
          event.preventDefault();
          connection.undo.undo();
        } else if (matches(native, "Mod+Shift+Z") || matches(native, "Mod+Y")) {
          event.preventDefault();
          connection.undo.redo();
        }
      }}
    />
  );
}
