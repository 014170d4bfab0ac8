import { type JourneyMap, listStages } from "@journeyboard/shared";
import { useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { type LocksRequest, locksAction, useLocks } from "../sync/locks.js";
import { useWalkthrough } from "../sync/walkthrough.js";
import { SidePanel } from "./side-panel.js";

/**
 * Locks: the facilitator locks the board's structure, and the stages other than the current one (the
 * walk-through's while it runs, else the one picked here). The relay refuses editors' changes to them.
 */
export function LocksPanel({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const locks = useLocks(connection);
  const walk = useWalkthrough(connection);
  const [error, setError] = useState<string | null>(null);
  const stages = listStages(map);
  const facilitator = connection.role === "facilitator";
  const change = (request: LocksRequest) => {
    setError(null);
    locksAction(connection, request).catch((e: Error) => setError(e.message));
  };
  const open = locks?.open?.mapId === map.id ? locks.open.stageId : "";
  return (
    <SidePanel title="Locks">
      <label>
        <input
          type="checkbox"
          disabled={!facilitator}
          checked={locks?.structure ?? false}
          onChange={(e) => change({ structure: e.target.checked })}
        />{" "}
        Lock the structure (stages, lanes, segments)
      </label>
      <label>
        <input
          type="checkbox"
          disabled={!facilitator}
          checked={locks?.stages ?? false}
          onChange={(e) => change({ stages: e.target.checked, mapId: map.id, stageId: open || stages[0]?.id })}
        />{" "}
        Lock the stages other than the current one
      </label>
      {walk?.status === "running" ? (
        <p className="muted">The current stage is the walk-through's.</p>
      ) : (
        <label>
          Current stage{" "}
          <select
            disabled={!facilitator}
            value={open}
            onChange={(e) => change({ mapId: map.id, stageId: e.target.value })}
          >
            <option value="" disabled>
              choose
            </option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {!facilitator && <p className="muted">Only the facilitator changes the locks.</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </SidePanel>
  );
}
