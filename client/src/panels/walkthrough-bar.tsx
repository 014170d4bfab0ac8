import { formatClock, getMap, listStages, stageClock } from "@journeyboard/shared";
import { useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { useRelayNow } from "../sync/relay-clock.js";
import { useWalkthrough, walkthroughAction } from "../sync/walkthrough.js";
import { useUi } from "../ui-state.js";

/**
 * The walk-through's bar over the canvas while a round runs: the round, the stage and its time box for
 * everyone; the facilitator's previous and next; and "Stop following" / "Follow the facilitator".
 */
export function WalkthroughBar({ connection }: { connection: BoardConnection }) {
  const walk = useWalkthrough(connection);
  // The relay's clock, as the session timer counts it: time boxes are written in it.
  const now = useRelayNow(walk?.status === "running");
  const following = useUi((s) => s.following);
  const [error, setError] = useState<string | null>(null);
  const facilitator = connection.role === "facilitator";
  const running = walk?.status === "running" ? walk : null;
  const map = running ? getMap(connection.board, running.mapId) : undefined;
  const stages = map ? listStages(map) : [];
  const at = stages.findIndex((s) => s.id === running?.stageId);
  const clock = running && now !== null ? stageClock(running, now) : null;
  const last = at === stages.length - 1;

  if (!running || !clock) return null;
  const act = (request: Parameters<typeof walkthroughAction>[1]) => {
    setError(null);
    walkthroughAction(connection, request).catch((e: Error) => setError(e.message));
  };
  return (
    <section className="walkthrough-bar" aria-label="Walk-through">
      <span>
        <strong>{running.roundName}</strong> · stage {at + 1} of {stages.length}:{" "}
        <strong data-testid="walkthrough-stage">{stages[at]?.title ?? "a removed stage"}</strong>
      </span>
      <span role="timer" aria-label="Time on this stage" className={clock.over ? "over" : undefined}>
        {formatClock(clock.elapsedMs)}
        {clock.remainingMs !== null &&
          (clock.over ? ` · ${formatClock(clock.remainingMs)} over time` : ` · ${formatClock(clock.remainingMs)} left`)}
      </span>
      {clock.over && running.onTimeUp === "warn" && (
        <span role="alert" className="over">
          Time is up for this stage
        </span>
      )}
      {facilitator && (
        <>
          <button type="button" disabled={at <= 0} onClick={() => act({ action: "previous" })}>
            Previous stage
          </button>
          <button type="button" className="primary" disabled={last} onClick={() => act({ action: "next" })}>
            Next stage
          </button>
        </>
      )}
      <button type="button" onClick={() => useUi.getState().setFollowing(!following)}>
        {following ? "Stop following" : "Follow the facilitator"}
      </button>
      <button type="button" onClick={() => useUi.getState().openPanel("walkthrough")}>
        {facilitator ? "Walk-through" : "Give feedback"}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </section>
  );
}
