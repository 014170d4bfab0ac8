import {
  formatRemaining,
  remainingAt,
  TIMER_EXTENSIONS_MS,
  TIMER_LIMITS,
  type Timer,
  type TimerAction,
  type TimerScope,
} from "@journeyboard/shared";
import { useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { useRelayNow } from "../sync/relay-clock.js";
import { changeTimer, useTimers } from "../sync/timer.js";
import { setChime, useChimeOn } from "./chime.js";
import { SidePanel } from "./side-panel.js";

const SCOPES: { scope: TimerScope; name: string }[] = [
  { scope: "step", name: "This step" },
  { scope: "session", name: "The session" },
];

/**
 * The timer: the facilitator starts, pauses, resumes, extends and stops a countdown for the current step
 * or the whole session; everyone sees it counting in the top bar, and chooses here whether to hear a
 * chime at zero.
 */
export function TimerPanel({ connection }: { connection: BoardConnection }) {
  const timers = useTimers(connection);
  const facilitator = connection.role === "facilitator";
  const now = useRelayNow(Object.values(timers).some((t) => t.status === "running"));
  const chime = useChimeOn();
  const [error, setError] = useState<string | null>(null);
  const act = (action: TimerAction) => {
    setError(null);
    changeTimer(connection, action).catch((e: Error) => setError(e.message));
  };
  return (
    <SidePanel title="Timer">
      {SCOPES.map(({ scope, name }) => {
        const timer = timers[scope];
        if (!timer) return null;
        return (
          <section key={scope} aria-label={`${name} timer`} className="timer-controls">
            <h3>
              {name}
              {timer.label && `: ${timer.label}`}
            </h3>
            <p className="timer-big">{now === null ? "…" : describe(timer, now)}</p>
            {facilitator && (
              <div className="share-row">
                {timer.status === "running" ? (
                  <button type="button" onClick={() => act({ action: "pause", scope })}>
                    Pause
                  </button>
                ) : (
                  <button type="button" className="primary" onClick={() => act({ action: "resume", scope })}>
                    Resume
                  </button>
                )}
                {TIMER_EXTENSIONS_MS.map((byMs) => (
                  <button key={byMs} type="button" onClick={() => act({ action: "extend", scope, byMs })}>
                    +{byMs / 60_000} min
                  </button>
                ))}
                <button type="button" className="danger" onClick={() => act({ action: "stop", scope })}>
                  Stop
                </button>
              </div>
            )}
          </section>
        );
      })}
      {facilitator ? (
        <StartForm onStart={act} />
      ) : (
        Object.keys(timers).length === 0 && <p className="muted">When the facilitator starts a timer, it shows here.</p>
      )}
      <label className="visible-toggle timer-chime">
        <input type="checkbox" checked={chime} onChange={(e) => setChime(e.target.checked)} /> Play a soft chime at zero
        (only on this device)
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </SidePanel>
  );
}

function describe(timer: Timer, now: number): string {
  const remaining = remainingAt(timer, now);
  const text =
    remaining <= 0 ? `${formatRemaining(remaining).slice(1)} over time` : `${formatRemaining(remaining)} left`;
  return timer.status === "paused" ? `${text}, paused` : text;
}

function StartForm({ onStart }: { onStart: (action: TimerAction) => void }) {
  const [scope, setScope] = useState<TimerScope>("step");
  const [minutes, setMinutes] = useState("5");
  const [label, setLabel] = useState("");
  const durationMs = Math.round(Number(minutes) * 60_000);
  const valid = durationMs >= TIMER_LIMITS.minMs && durationMs <= TIMER_LIMITS.maxMs;
  return (
    <form
      aria-label="Start a timer"
      className="timer-start-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onStart({ action: "start", scope, durationMs, label });
      }}
    >
      <h3>Start a timer</h3>
      <div className="share-row">
        <select aria-label="Timer for" value={scope} onChange={(e) => setScope(e.target.value as TimerScope)}>
          {SCOPES.map((s) => (
            <option key={s.scope} value={s.scope}>
              {s.name}
            </option>
          ))}
        </select>
        <input
          aria-label="Minutes"
          type="number"
          min={0.1}
          max={TIMER_LIMITS.maxMs / 60_000}
          step="any"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        min
      </div>
      <input
        aria-label="What the time is for"
        placeholder="What the time is for (optional)"
        maxLength={TIMER_LIMITS.maxLabel}
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <button type="submit" className="primary" disabled={!valid}>
        Start
      </button>
    </form>
  );
}
