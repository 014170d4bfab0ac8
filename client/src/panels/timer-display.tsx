import { formatRemaining, remainingAt, type Timer, type TimerScope } from "@journeyboard/shared";
import { useEffect, useRef } from "react";
import { createPortal } from "react-dom";
import type { BoardConnection } from "../sync/connection.js";
import { useRelayNow } from "../sync/relay-clock.js";
import { useTimers } from "../sync/timer.js";
import { useUi } from "../ui-state.js";
import { playChime } from "./chime.js";

/** How long the flash at zero lasts, in the relay's clock (so a page opened just after zero flashes too). */
export const FLASH_MS = 4000;

const SCOPE_NAMES: Record<TimerScope, string> = { step: "Step", session: "Session" };

/**
 * The countdowns in the top bar, the same for everyone: the step's, then the session's. Each carries
 * the milliseconds it shows and when (the page's time origin plus its monotonic clock, never the wall
 * clock) so that what participants show at one instant can be compared.
 */
export function TimerDisplay({ connection }: { connection: BoardConnection }) {
  const timers = useTimers(connection);
  const shown = (["step", "session"] as const).flatMap((scope) => timers[scope] ?? []);
  const now = useRelayNow(shown.some((t) => t.status === "running"));
  const openPanel = useUi((s) => s.openPanel);
  const chimed = useRef(new Set<string>());
  const flashing = now === null ? [] : shown.filter((t) => t.status === "running" && inFlash(t, now));
  const flashKey = flashing.map((t) => `${t.id}@${t.status === "running" ? t.endsAt : 0}`).join(" ");
  useEffect(() => {
    for (const key of flashKey.split(" ").filter(Boolean)) {
      if (chimed.current.has(key)) continue;
      chimed.current.add(key);
      playChime();
    }
  }, [flashKey]);

  if (shown.length === 0) {
    return connection.role === "facilitator" ? (
      <button type="button" className="timer-start" onClick={() => openPanel("timer")} title="Timer (T)">
        Timer
      </button>
    ) : null;
  }
  return (
    <>
      {shown.map((timer) => {
        const remaining = now === null ? null : remainingAt(timer, now);
        const over = remaining !== null && remaining <= 0;
        const text = remaining === null ? "…" : formatRemaining(remaining);
        const name = timer.label || SCOPE_NAMES[timer.scope];
        return (
          <button
            key={timer.scope}
            type="button"
            className="timer-pill"
            data-scope={timer.scope}
            data-status={timer.status === "paused" ? "paused" : over ? "overtime" : "running"}
            data-remaining-ms={remaining === null ? undefined : Math.round(remaining)}
            data-measured-at={performance.timeOrigin + performance.now()}
            data-flash={flashing.includes(timer) || undefined}
            aria-label={`${SCOPE_NAMES[timer.scope]} timer${timer.label ? ` (${timer.label})` : ""}: ${
              over ? `${text.slice(1)} over time` : `${text} left`
            }${timer.status === "paused" ? ", paused" : ""}`}
            title="Timer (T)"
            onClick={() => openPanel("timer")}
          >
            <span className="timer-name">{name}</span>
            <span className="timer-time">{text}</span>
            {over && <span className="timer-over">over</span>}
            {timer.status === "paused" && <span className="timer-paused">paused</span>}
          </button>
        );
      })}
      {/* Over everything on the page, side panels included: the top bar's own layer would sit under them. */}
      {flashing.length > 0 && createPortal(<div className="timer-flash" aria-hidden="true" />, document.body)}
    </>
  );
}

function inFlash(timer: Extract<Timer, { status: "running" }>, now: number): boolean {
  const remaining = remainingAt(timer, now);
  return remaining <= 0 && remaining > -FLASH_MS;
}
