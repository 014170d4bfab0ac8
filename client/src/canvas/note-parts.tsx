import type { Note } from "@journeyboard/shared";
import Konva from "konva";
import { useMemo } from "react";
import { Rect, Text } from "react-konva";
import { noteBadgeForms } from "../labels.js";
import { useUi } from "../ui-state.js";
import type { NoteGestures } from "./note-gestures.js";
import { handleSide } from "./note-resize.js";
import { fitLabel, fitText, type TextFit } from "./text-fit.js";
import { BOARD, FONT_FAMILY, NOTE_FONT_SIZE, NOTE_LINE_HEIGHT, NOTE_MIN_FONT_SIZE } from "./theme.js";

/** The parts of a note that adapt to its size: its text, its badge and its resize handle. */

const BADGE_STYLE = { fontFamily: FONT_FAMILY, fontSize: 10, fontStyle: "bold", letterSpacing: 0.6 } as const;
const MORE_FONT_SIZE = 10;
/** The line the "…more" marker takes under text that is cut. */
const MORE_LINE = MORE_FONT_SIZE * NOTE_LINE_HEIGHT + 2;

// Off-screen texts laid out by Konva exactly as the drawn ones are, to measure before drawing.
let textProbe: Konva.Text | undefined;
let badgeProbe: Konva.Text | undefined;

function textHeight(text: string, width: number, fontSize: number): number {
  textProbe ??= new Konva.Text({ fontFamily: FONT_FAMILY, lineHeight: NOTE_LINE_HEIGHT, wrap: "word" });
  textProbe.setAttrs({ text, width, fontSize });
  return textProbe.height();
}

function badgeWidth(text: string): number {
  badgeProbe ??= new Konva.Text({ ...BADGE_STYLE, wrap: "none" });
  badgeProbe.text(text);
  return badgeProbe.getTextWidth();
}

/** The size a note's text is drawn at in a box of this size (the editor shows it at the same size). */
export function noteTextFit(text: string, width: number, height: number): TextFit {
  return fitText(height, { max: NOTE_FONT_SIZE, min: NOTE_MIN_FONT_SIZE }, (size) => textHeight(text, width, size));
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A note's text at the largest size that fits its box, down to a readable minimum; beyond it the text
 * ends with "…" and a "…more" marker says that more is hidden (the editor shows all of it).
 */
export function NoteText({ text, visible, x, y, width, height }: Box & { text: string; visible: boolean }) {
  const fit = useMemo(() => noteTextFit(text, width, height), [text, width, height]);
  return (
    <>
      <Text
        name="note-text"
        x={x}
        y={y}
        width={width}
        height={fit.hidden ? height - MORE_LINE : height}
        text={text}
        visible={visible}
        fontFamily={FONT_FAMILY}
        fontSize={fit.fontSize}
        lineHeight={NOTE_LINE_HEIGHT}
        fill={BOARD.noteText}
        // Only cut text gets the "…": reserving its width on text that fits would wrap it otherwise than measured.
        ellipsis={fit.hidden}
        listening={false}
        perfectDrawEnabled={false}
      />
      {fit.hidden && (
        <Text
          name="note-more"
          x={x}
          y={y + height - MORE_FONT_SIZE * NOTE_LINE_HEIGHT}
          width={width}
          text="…more"
          align="right"
          visible={visible}
          fontFamily={FONT_FAMILY}
          fontSize={MORE_FONT_SIZE}
          fontStyle="bold"
          fill="#495057"
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
    </>
  );
}

/** The badge in its longest form that fits the note's width; a moment of truth always keeps its ★ or ⚡. */
export function NoteBadge({ note, x, y, width }: Omit<Box, "height"> & { note: Note }) {
  const label = useMemo(() => fitLabel(noteBadgeForms(note), width, badgeWidth), [note, width]);
  return (
    <Text
      name="note-badge"
      x={x}
      y={y}
      width={width}
      text={label}
      wrap="none"
      ellipsis
      {...BADGE_STYLE}
      fill="#495057"
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

/**
 * The handle at the bottom-right corner of the one selected note, for those who may change the board.
 * Dragging it resizes the note (see NoteResize); its drag events stay off the note's own drag.
 */
export function ResizeHandle({ id, w, h, gestures }: { id: string; w: number; h: number; gestures: NoteGestures }) {
  const shown = useUi(
    (s) =>
      s.tool === "select" &&
      s.selection.length === 1 &&
      s.selection[0] === id &&
      s.editingNoteId !== id &&
      // Set whenever this participant cannot change the board (a viewer, or a board not yet loaded).
      s.readOnlyReason === null,
  );
  const scale = useUi((s) => (shown ? s.viewport.scale : 1));
  if (!shown) return null;
  const side = handleSide(scale, { w, h });
  const cursor = (event: Konva.KonvaEventObject<MouseEvent>, value: string) => {
    const container = event.target.getStage()?.container();
    if (container) container.style.cursor = value;
  };
  return (
    <Rect
      name="note-resize-handle"
      x={w - side}
      y={h - side}
      width={side}
      height={side}
      fill="#FFFFFF"
      stroke={BOARD.selection}
      strokeWidth={2 / scale}
      draggable
      onMouseEnter={(event) => cursor(event, "nwse-resize")}
      onMouseLeave={(event) => cursor(event, "")}
      onDragStart={(event) => {
        event.cancelBubble = true;
        gestures.resizeStart(id, event.target);
      }}
      onDragMove={(event) => {
        event.cancelBubble = true;
        gestures.resizeMove(event.target);
      }}
      onDragEnd={(event) => {
        event.cancelBubble = true;
        gestures.resizeEnd();
      }}
    />
  );
}
