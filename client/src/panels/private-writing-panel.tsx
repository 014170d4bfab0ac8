import { canEdit, type JourneyMap, listStages, OUTSIDE_CELLS } from "@journeyboard/shared";
import { useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { revealPrivateNotes, startPrivateWriting, usePrivateNotes, usePrivateWriting } from "../sync/private-notes.js";
import { useWalkthrough } from "../sync/walkthrough.js";
import { SidePanel } from "./side-panel.js";

/**
 * Private writing: the facilitator starts it (whole map, or one stage), watches how many private notes
 * each stage holds (counts only: nobody's browser gets the notes) and reveals them all at once.
 */
export function PrivateWritingPanel({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const writing = usePrivateWriting(connection);
  const walk = useWalkthrough(connection);
  const stages = listStages(map);
  const [chosen, setChosen] = useState<string | null>(null);
  const stageId = chosen ?? (walk?.status === "running" && walk.mapId === map.id ? walk.stageId : stages[0]?.id);
  const [error, setError] = useState<string | null>(null);
  const act = (run: () => Promise<void>) => {
    setError(null);
    run().catch((e: Error) => setError(e.message));
  };
  const on = writing?.status === "on" ? writing : null;
  const facilitator = connection.role === "facilitator";
  const stageName = (id: string) =>
    id === OUTSIDE_CELLS ? "Outside the stages" : (stages.find((s) => s.id === id)?.title ?? "A deleted stage");
  const total = on ? Object.values(on.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <SidePanel title="Private writing">
      {on ? (
        <>
          <p role="status">
            Private writing is on{" "}
            {on.scope === "stage" && on.stageId ? `for the stage "${stageName(on.stageId)}"` : "for the whole map"}
            {on.mapId !== map.id ? " (on another map)" : ""}.
          </p>
          <ul aria-label="Private notes per stage">
            {Object.entries(on.counts).map(([id, n]) => (
              <li key={id}>
                {stageName(id)}: {n === 1 ? "1 note" : `${n} notes`}
              </li>
            ))}
          </ul>
          <p className="muted">{total === 1 ? "1 private note so far." : `${total} private notes so far.`}</p>
          {facilitator && (
            <button type="button" className="primary" onClick={() => act(() => revealPrivateNotes(connection))}>
              Reveal all notes
            </button>
          )}
        </>
      ) : facilitator ? (
        <>
          <p>Everyone writes their own notes first, unseen by the others; you reveal them all at once.</p>
          <button
            type="button"
            className="primary"
            onClick={() => act(() => startPrivateWriting(connection, map.id, "board", null))}
          >
            Start on the whole map
          </button>
          <p>
            <label>
              Stage{" "}
              <select aria-label="Stage" value={stageId ?? ""} onChange={(e) => setChosen(e.target.value)}>
                {stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </label>{" "}
            <button
              type="button"
              disabled={!stageId}
              onClick={() => act(() => startPrivateWriting(connection, map.id, "stage", stageId ?? null))}
            >
              Start on this stage
            </button>
          </p>
        </>
      ) : (
        <p className="muted">When the facilitator starts private writing, your new notes stay yours until revealed.</p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </SidePanel>
  );
}

/** Tells writers, while private writing is on, that their new notes are theirs alone until the reveal. */
export function PrivateWritingBanner({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const writing = usePrivateWriting(connection);
  const refusal = usePrivateNotes((s) => s.refusal);
  if (writing?.status !== "on" || writing.mapId !== map.id || !canEdit(connection.role)) return null;
  const stage = writing.scope === "stage" ? listStages(map).find((s) => s.id === writing.stageId) : undefined;
  return (
    <div className="banner private-banner" role="status">
      Private writing: your new notes{stage ? ` in the stage "${stage.title}"` : ""} are visible only to you until the
      facilitator reveals them.
      {refusal && (
        <span role="alert" className="error">
          {" "}
          {refusal}
        </span>
      )}
    </div>
  );
}
