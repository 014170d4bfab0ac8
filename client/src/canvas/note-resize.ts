import { NOTE_SIZE, type Point } from "@journeyboard/shared";

export interface Size {
  w: number;
  h: number;
}

/** The note being resized by this participant and the size it has so far (seen only here until it ends). */
export interface ResizePreview extends Size {
  id: string;
}

/** The handle's side on screen, in CSS pixels: comfortable to grab at any zoom. */
const HANDLE_PX = 12;

/** The handle's side in board units at a zoom; it never covers more than a third of a small note. */
export function handleSide(scale: number, size: Size): number {
  return Math.min(HANDLE_PX / scale, Math.min(size.w, size.h) / 3);
}

/** The note size whose bottom-right corner is the handle's, from the handle's top-left (note-relative). */
export function sizeAt(handle: Point, side: number): Size {
  const clamp = (value: number) => Math.min(NOTE_SIZE.max, Math.max(NOTE_SIZE.min, Math.round(value)));
  return { w: clamp(handle.x + side), h: clamp(handle.y + side) };
}

/**
 * Resizing a note by its corner handle: the size follows the handle, clamped to the note limits, and is
 * shown to this participant only; it is stored once, when the gesture ends (one step to undo, one
 * update for the others). A gesture that ends at the size it started with stores nothing.
 */
export class NoteResize {
  private current: { id: string; from: Size; to: Size } | undefined;

  constructor(
    private readonly preview: (preview: ResizePreview | null) => void,
    private readonly store: (id: string, size: Size) => void,
  ) {}

  start(id: string, size: Size): void {
    this.current = { id, from: size, to: size };
    this.preview({ id, ...size });
  }

  /** Follows the handle; returns the size shown, so the handle can sit on its corner. */
  move(handle: Point, side: number): Size | undefined {
    const current = this.current;
    if (!current) return undefined;
    current.to = sizeAt(handle, side);
    this.preview({ id: current.id, ...current.to });
    return current.to;
  }

  end(): void {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    if (current.to.w !== current.from.w || current.to.h !== current.from.h) this.store(current.id, current.to);
    // Stored first: the note never shows its old size between the preview and the stored one.
    this.preview(null);
  }

  get active(): boolean {
    return this.current !== undefined;
  }
}
