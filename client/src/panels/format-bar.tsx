import {
  type JourneyMap,
  NOTE_COLORS,
  NOTE_KINDS,
  type NoteColor,
  setNoteColor,
  setNoteKind,
} from "@journeyboard/shared";
import type { CommandContext } from "../commands/commands.js";
import { COLOR_NAMES, KIND_LABELS } from "../labels.js";
import { useNote } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { CommandButton } from "./command-button.js";

/** Kind and color of the selected notes, and what to do with them. Shown while notes are selected. */
export function FormatBar({ ctx, map }: { ctx: CommandContext; map: JourneyMap }) {
  const selection = useUi((s) => s.selection);
  const first = useNote(map, selection[0] ?? "");
  if (selection.length === 0 || ctx.readOnly) return null;
  return (
    <div className="format-bar" role="toolbar" aria-label="Selected notes">
      <span className="format-count">{selection.length === 1 ? "1 note" : `${selection.length} notes`}</span>
      <select
        aria-label="Kind"
        value={first?.kind ?? "note"}
        onChange={(event) => setNoteKind(map, selection, event.target.value as (typeof NOTE_KINDS)[number])}
      >
        {NOTE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      <div className="swatches" role="radiogroup" aria-label="Color">
        {(Object.keys(NOTE_COLORS) as NoteColor[]).map((color) => (
          // biome-ignore lint/a11y/useSemanticElements: a swatch is a button styled as a color chip.
          <button
            key={color}
            type="button"
            role="radio"
            aria-checked={first?.color === color}
            aria-label={COLOR_NAMES[color]}
            title={COLOR_NAMES[color]}
            className="swatch"
            style={{ background: NOTE_COLORS[color] }}
            onClick={() => setNoteColor(map, selection, color)}
          />
        ))}
      </div>
      <CommandButton id="notes.duplicate" icon="copy" ctx={ctx} />
      <CommandButton id="notes.delete" icon="trash" ctx={ctx} />
    </div>
  );
}
