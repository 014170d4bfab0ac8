import {
  formatDuration,
  formatRemaining,
  type JourneyMap,
  listStages,
  nextStep,
  RUN_SHEET_LIMITS,
  type RunSheetStep,
  remainingAt,
  STEP_MODE_NAMES,
  timeByStep,
} from "@journeyboard/shared";
import { useEffect, useRef, useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { useRelayNow } from "../sync/relay-clock.js";
import { type RunSheetRequest, runSheetAction, useRunSheet } from "../sync/run-sheet.js";
import { useTimers } from "../sync/timer.js";
import { type Panel, useUi } from "../ui-state.js";
import { StepForm, VIEW_NAMES } from "./run-sheet-form.js";
import { SidePanel } from "./side-panel.js";

/** The views a step can show besides the map, and the panel each opens for everyone. */
const VIEW_PANELS: Record<"compare" | "summary", { name: string; panel: Panel }> = {
  compare: { name: VIEW_NAMES.compare, panel: "rounds" },
  summary: { name: VIEW_NAMES.summary, panel: "summary" },
};

/** Where a step takes everyone, in words. */
function placeOf(step: RunSheetStep, map: JourneyMap): string {
  if (step.view !== "map") return VIEW_PANELS[step.view].name;
  if (step.mapId !== map.id) return "Another map";
  if (step.stageId === null) return step.mode === "walk" ? "From the first stage" : "Whole map";
  return `Stage: ${listStages(map).find((s) => s.id === step.stageId)?.title ?? "a deleted stage"}`;
}

function describe(step: RunSheetStep, map: JourneyMap): string {
  const locks = [step.locks.structure && "structure locked", step.locks.stages && "other stages locked"];
  const mode = step.mode === "walk" ? `${STEP_MODE_NAMES.walk} (${step.round})` : STEP_MODE_NAMES[step.mode];
  return [mode, `${step.timeBoxMinutes} min`, placeOf(step, map), ...locks].filter(Boolean).join(" · ");
}

/**
 * The run-sheet: the facilitator prepares the session as an agenda of steps (or takes the default one
 * for the method's workshop) and runs it step by step; each start sets the stage, the timer, the mode
 * and the locks for everyone at once. Everyone else sees the agenda and the step running now.
 */
export function RunSheetPanel({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const { steps, current, runs } = useRunSheet(connection);
  const now = useRelayNow(current !== null);
  const facilitator = connection.role === "facilitator";
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = (request: RunSheetRequest) => {
    setError(null);
    return runSheetAction(connection, request).then(
      () => true,
      (e: Error) => {
        setError(e.message);
        return false;
      },
    );
  };
  const from = current?.stepId ?? null;
  const next = nextStep(steps, from);
  const times = new Map(timeByStep(steps, runs, current, now ?? Date.now()).map((t) => [t.stepId, t]));
  const editedStep = steps.find((s) => s.id === editing);
  return (
    <SidePanel title="Run-sheet">
      <NowCard connection={connection} map={map} steps={steps} />
      {facilitator && steps.length > 0 && (
        <div className="share-row">
          {next && (
            <button type="button" className="primary" onClick={() => act({ action: "start", stepId: next.id, from })}>
              {current ? `Next step: ${next.title}` : "Start the session"}
            </button>
          )}
          {current && (
            <button type="button" onClick={() => act({ action: "finish", from })}>
              Finish the session
            </button>
          )}
        </div>
      )}
      {steps.length === 0 &&
        (facilitator ? (
          <>
            <p>Prepare the session as an agenda of steps: each sets the stage, the timer, the mode and the locks.</p>
            <button type="button" className="primary" onClick={() => act({ action: "default", mapId: map.id })}>
              Use the default agenda
            </button>
          </>
        ) : (
          <p className="muted">When the facilitator prepares the session's agenda, it shows here.</p>
        ))}
      <ol className="run-sheet" aria-label="Agenda">
        {steps.map((step, index) => {
          const time = times.get(step.id);
          return (
            <li key={step.id} className="run-sheet-step" aria-current={step.id === from ? "step" : undefined}>
              <strong>{step.title}</strong>
              <div className="muted">{describe(step, map)}</div>
              {time && time.runs > 0 && (
                <div className="muted">
                  Spent {formatDuration(time.spentMs)}
                  {time.running ? " so far" : ""}
                </div>
              )}
              {facilitator && (
                <div className="share-row">
                  <button type="button" onClick={() => act({ action: "start", stepId: step.id, from })}>
                    {step.id === from ? "Restart" : "Start"}
                  </button>
                  <button type="button" onClick={() => setEditing(step.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`Move "${step.title}" up`}
                    disabled={index === 0}
                    onClick={() => act({ action: "move", stepId: step.id, to: index - 1 })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move "${step.title}" down`}
                    disabled={index === steps.length - 1}
                    onClick={() => act({ action: "move", stepId: step.id, to: index + 1 })}
                  >
                    ↓
                  </button>
                  <button type="button" className="danger" onClick={() => act({ action: "remove", stepId: step.id })}>
                    Remove
                  </button>
                </div>
              )}
              {editedStep?.id === step.id && (
                <StepForm
                  map={map}
                  initial={editedStep}
                  onCancel={() => setEditing(null)}
                  onSave={(fields) =>
                    act({ action: "edit", stepId: step.id, step: fields }).then((ok) => ok && setEditing(null))
                  }
                />
              )}
            </li>
          );
        })}
      </ol>
      {facilitator &&
        steps.length < RUN_SHEET_LIMITS.maxSteps &&
        (editing === "new" ? (
          <StepForm
            map={map}
            initial={null}
            onCancel={() => setEditing(null)}
            onSave={(fields) => act({ action: "add", step: fields }).then((ok) => ok && setEditing(null))}
          />
        ) : (
          <button type="button" onClick={() => setEditing("new")}>
            Add a step
          </button>
        ))}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </SidePanel>
  );
}

/** The step running now, for everyone: its title, mode, place, locks and time left. */
function NowCard({ connection, map, steps }: { connection: BoardConnection; map: JourneyMap; steps: RunSheetStep[] }) {
  const { current } = useRunSheet(connection);
  const timer = useTimers(connection).step;
  const now = useRelayNow(timer?.status === "running");
  const index = steps.findIndex((s) => s.id === current?.stepId);
  const step = steps[index];
  if (!step) return null;
  const left = timer && now !== null ? remainingAt(timer, now) : null;
  return (
    <section className="run-sheet-now" aria-label="Current step">
      <p className="muted">
        Step {index + 1} of {steps.length}
      </p>
      <h3>{step.title}</h3>
      <p>{describe(step, map)}</p>
      {left !== null && (
        <p className="timer-big">
          {left > 0 ? `${formatRemaining(left)} left` : `${formatRemaining(left).slice(1)} over time`}
        </p>
      )}
    </section>
  );
}

/** The current step in the top bar, for everyone; it opens the run-sheet. A step's view opens for all as it starts. */
export function RunSheetChip({ connection }: { connection: BoardConnection }) {
  const { steps, current } = useRunSheet(connection);
  const openPanel = useUi((s) => s.openPanel);
  const index = steps.findIndex((s) => s.id === current?.stepId);
  const step = steps[index];
  const steering = connection.role === "facilitator";
  const seen = useRef<string | null | undefined>(undefined);
  const startKey = current ? `${current.stepId}@${current.startedAt}` : null;
  useEffect(() => {
    const before = seen.current;
    seen.current = startKey;
    // A step's view opens as the step starts, not on a page opened in the middle of it.
    if (before === undefined || startKey === null || before === startKey) return;
    // The facilitator steering from the run-sheet keeps it open: the chip takes them to the agenda.
    if (steering && useUi.getState().panel === "runsheet") return;
    if (step && step.view !== "map") openPanel(VIEW_PANELS[step.view].panel);
  }, [step, startKey, openPanel, steering]);
  if (!step) return null;
  return (
    <button type="button" className="run-sheet-chip" title="Run-sheet (A)" onClick={() => openPanel("runsheet")}>
      Step {index + 1}/{steps.length}: {step.title} · {STEP_MODE_NAMES[step.mode]}
    </button>
  );
}
