import {
  itStack,
  type JourneyMap,
  type RaciGrid,
  type Stage,
  SYSTEM_STATUSES,
  type SystemStatus,
  setSystemStatus,
  UNTITLED_ACTIVITY,
} from "@journeyboard/shared";
import { useBoardEdit } from "../commands/scope.js";

const STATUS_LABELS: Record<SystemStatus, string> = {
  unknown: "Not known yet",
  exists: "Exists",
  build: "To build",
  buy: "To buy",
};

/**
 * The IT stack the process needs: each system, whether it exists, the activities and stages that need
 * it; a system the post-sale side needs that does not exist yet is called out in words.
 */
export function ItStackSummary({ map, grid, stages }: { map: JourneyMap; grid: RaciGrid; stages: readonly Stage[] }) {
  const { edit } = useBoardEdit();
  const stack = itStack(grid, stages);
  const stageTitle = (id: string) => stages.find((s) => s.id === id)?.title ?? "";
  const gaps = stack.filter((entry) => entry.postSaleGap).length;
  return (
    <section className="raci-stack" aria-label="IT stack">
      <h3>IT stack</h3>
      {stack.length === 0 ? (
        <p>No system named yet: add the systems each activity needs in its row.</p>
      ) : (
        <>
          <p role="status" aria-label="IT stack summary" className={gaps > 0 ? "verdict warn" : "verdict"}>
            {gaps === 0
              ? `${stack.length === 1 ? "1 system" : `${stack.length} systems`}; the post-sale side needs none that is missing.`
              : `The post-sale side depends on ${gaps === 1 ? "1 system" : `${gaps} systems`} that ${gaps === 1 ? "does" : "do"} not exist yet.`}
          </p>
          <table className="raci-stack-table">
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Status</th>
                <th scope="col">Needed by</th>
                <th scope="col">Stages</th>
              </tr>
            </thead>
            <tbody>
              {stack.map((entry) => (
                <tr key={entry.key} className={entry.postSaleGap ? "gap" : undefined}>
                  <th scope="row">
                    {entry.name}
                    {entry.postSaleGap && <span className="raci-gap">Post-sale needs it; it does not exist yet</span>}
                  </th>
                  <td>
                    <select
                      aria-label={`Status of ${entry.name}`}
                      value={entry.status}
                      onChange={(e) => edit(() => setSystemStatus(map, entry.key, e.target.value as SystemStatus))}
                    >
                      {SYSTEM_STATUSES.map((status) => (
                        <option key={status} value={status}>
                          {STATUS_LABELS[status]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{entry.activities.map((a) => a.title || UNTITLED_ACTIVITY).join("; ")}</td>
                  <td>{entry.stageIds.map(stageTitle).join(", ") || "No stage"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
