import {
  ACTIVITY_NOTE_KINDS,
  CHANNELS,
  type JourneyMap,
  LISTENING_SOURCES,
  NOTE_COLORS,
  NOTE_KINDS,
  type Note,
  type NoteColor,
  POLARITIES,
  setNoteColor,
  setNoteDetail,
  setNoteKind,
  tagNotes,
} from "@journeyboard/shared";
import { useRef } from "react";
import { useBoardEdit } from "../commands/scope.js";
import { CHANNEL_LABELS, COLOR_NAMES, KIND_LABELS, POLARITY_LABELS, SOURCE_LABELS } from "../labels.js";
import { useNote, useSegments } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { useBarPlacement } from "./bar-placement.js";
import { CommandButton } from "./command-button.js";

/**
 * Kind and color of the selected notes, and what to do with them. Shown while notes are selected, next
 * to them (never over them, never under a side panel).
 */
export function FormatBar({ map }: { map: JourneyMap }) {
  const { readOnly, edit } = useBoardEdit();
  const selection = useUi((s) => s.selection);
  const first = useNote(map, selection[0] ?? "");
  const { segments } = useSegments(map);
  const bar = useRef<HTMLDivElement>(null);
  const shown = selection.length > 0 && !readOnly;
  useBarPlacement(bar, map, shown);
  if (!shown) return null;
  return (
    <div ref={bar} className="format-bar" role="toolbar" aria-label="Selected notes">
      <span className="format-count">{selection.length === 1 ? "1 note" : `${selection.length} notes`}</span>
      <select
        aria-label="Kind"
        value={first?.kind ?? "note"}
        onChange={(event) => edit(() => setNoteKind(map, selection, event.target.value as (typeof NOTE_KINDS)[number]))}
      >
        {NOTE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      {first && <KindDetail map={map} selection={selection} note={first} />}
      {segments.length > 1 && (
        <fieldset className="segment-tags" aria-label="About segments">
          {segments.map((segment) => {
            const tagged = first?.segmentIds.includes(segment.id) ?? false;
            return (
              <button
                key={segment.id}
                type="button"
                aria-pressed={tagged}
                title={`About ${segment.name}`}
                style={{ borderColor: segment.color }}
                onClick={() => edit(() => tagNotes(map, selection, segment.id, !tagged))}
              >
                {segment.name}
              </button>
            );
          })}
        </fieldset>
      )}
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
            onClick={() => edit(() => setNoteColor(map, selection, color))}
          />
        ))}
      </div>
      {selection.length === 1 && first && ACTIVITY_NOTE_KINDS.includes(first.kind) && (
        <CommandButton id="raci.from-note" text="Create activity" />
      )}
      <CommandButton id="notes.duplicate" icon="copy" />
      <CommandButton id="notes.delete" icon="trash" />
    </div>
  );
}

/** A touchpoint's channel, a moment of truth's polarity, a listening post's source. */
function KindDetail({ map, selection, note }: { map: JourneyMap; selection: readonly string[]; note: Note }) {
  const { edit } = useBoardEdit();
  if (note.kind === "touchpoint") {
    return (
      <DetailSelect
        label="Channel"
        empty="Which channel?"
        value={note.channel}
        options={CHANNELS}
        names={CHANNEL_LABELS}
        set={(channel) => edit(() => setNoteDetail(map, selection, { channel }))}
      />
    );
  }
  if (note.kind === "moment-of-truth") {
    return (
      <DetailSelect
        label="Polarity"
        empty="Positive or negative?"
        value={note.polarity}
        options={POLARITIES}
        names={POLARITY_LABELS}
        set={(polarity) => edit(() => setNoteDetail(map, selection, { polarity }))}
      />
    );
  }
  if (note.kind === "listening-post") {
    return (
      <DetailSelect
        label="Source"
        empty="What do we learn from?"
        value={note.source}
        options={LISTENING_SOURCES}
        names={SOURCE_LABELS}
        set={(source) => edit(() => setNoteDetail(map, selection, { source }))}
      />
    );
  }
  return null;
}

function DetailSelect<T extends string>(props: {
  label: string;
  empty: string;
  value: T | null;
  options: readonly T[];
  names: Record<T, string>;
  set: (value: T | null) => void;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value ?? ""}
      onChange={(e) => props.set((e.target.value || null) as T | null)}
    >
      <option value="">{props.empty}</option>
      {props.options.map((option) => (
        <option key={option} value={option}>
          {props.names[option]}
        </option>
      ))}
    </select>
  );
}
