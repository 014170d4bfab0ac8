import {
  DEFAULT_ROUND_NAMES,
  type JourneyMap,
  listStages,
  RUN_SHEET_LIMITS,
  type RunSheetStep,
  STEP_MODE_NAMES,
  STEP_MODES,
  type StepMode,
} from "@journeyboard/shared";
import { useState } from "react";
import type { StepFields } from "../sync/run-sheet.js";

/** The names of the views a step can show besides the map. */
export const VIEW_NAMES = { compare: "Compare rounds", summary: "Session summary" } as const;

/** A run-sheet step's fields, as the facilitator adds or edits it; the relay checks them again. */
export function StepForm({
  map,
  initial,
  onSave,
  onCancel,
}: {
  map: JourneyMap;
  initial: RunSheetStep | null;
  onSave: (fields: StepFields) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? "");
  const [mode, setMode] = useState<StepMode>(initial?.mode ?? "discuss");
  const [minutes, setMinutes] = useState(String(initial?.timeBoxMinutes ?? 10));
  const [place, setPlace] = useState(initial ? (initial.view === "map" ? (initial.stageId ?? "") : initial.view) : "");
  const [round, setRound] = useState(initial?.round ?? DEFAULT_ROUND_NAMES[0]);
  const [structure, setStructure] = useState(initial?.locks.structure ?? false);
  const [stages, setStages] = useState(initial?.locks.stages ?? false);
  const view = place === "compare" || place === "summary" ? place : "map";
  const stageId = view === "map" && place !== "" ? place : null;
  const { minMinutes, maxMinutes, maxTitle } = RUN_SHEET_LIMITS;
  return (
    <form
      aria-label={initial ? "Edit the step" : "Add a step"}
      className="run-sheet-form"
      onSubmit={(e) => {
        e.preventDefault();
        const timeBoxMinutes = Math.round(Number(minutes));
        const locks = { structure, stages: stages && (stageId !== null || mode === "walk") };
        onSave({
          title,
          mapId: map.id,
          stageId,
          view,
          timeBoxMinutes,
          mode,
          round: mode === "walk" ? round : null,
          locks,
        });
      }}
    >
      <input
        aria-label="Step title"
        placeholder="What the step is for"
        maxLength={maxTitle}
        required
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <div className="share-row">
        <select aria-label="Mode" value={mode} onChange={(e) => setMode(e.target.value as StepMode)}>
          {STEP_MODES.map((m) => (
            <option key={m} value={m}>
              {STEP_MODE_NAMES[m]}
            </option>
          ))}
        </select>
        <input
          aria-label="Minutes"
          type="number"
          min={minMinutes}
          max={maxMinutes}
          step={1}
          required
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        min
      </div>
      <select aria-label="Where" value={place} onChange={(e) => setPlace(e.target.value)}>
        <option value="">Whole map</option>
        {listStages(map).map((s) => (
          <option key={s.id} value={s.id}>
            Stage: {s.title}
          </option>
        ))}
        <option value="compare">{VIEW_NAMES.compare}</option>
        <option value="summary">{VIEW_NAMES.summary}</option>
      </select>
      {mode === "walk" && (
        <input aria-label="Round" value={round} maxLength={40} onChange={(e) => setRound(e.target.value)} />
      )}
      <label>
        <input type="checkbox" checked={structure} onChange={(e) => setStructure(e.target.checked)} /> Lock the
        structure
      </label>
      <label>
        <input
          type="checkbox"
          checked={stages}
          disabled={stageId === null && mode !== "walk"}
          onChange={(e) => setStages(e.target.checked)}
        />{" "}
        Lock the other stages
      </label>
      <div className="share-row">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
