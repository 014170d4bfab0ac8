import { compareMaps, duplicateMap, getMap, type JourneyMap, type MapSummary } from "@journeyboard/shared";
import { useState } from "react";
import { useBoardEdit } from "../commands/scope.js";
import type { BoardConnection } from "../sync/connection.js";
import { useJourney, useMaps } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { SidePanel } from "./side-panel.js";

/** The current state against the future state (or any two maps), stage by stage. */
export function ComparePanel({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const { readOnly, edit } = useBoardEdit();
  const maps = useMaps(connection);
  const setMap = useUi((s) => s.setMap);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const first = pair?.[0] ?? maps.find((m) => m.state === "current")?.id ?? maps[0]?.id;
  const second =
    pair?.[1] ?? maps.find((m) => m.id !== first && m.state === "future")?.id ?? maps.find((m) => m.id !== first)?.id;
  const before = first ? getMap(connection.board, first) : undefined;
  const after = second ? getMap(connection.board, second) : undefined;
  return (
    <SidePanel title="Compare maps">
      {!readOnly && (
        <button
          type="button"
          onClick={() => {
            const copy = edit(() => duplicateMap(connection.board, map.id, "Future state", "future"));
            if (copy) setMap(copy.id);
          }}
        >
          Duplicate this map as the future state
        </button>
      )}
      {before && after && first && second ? (
        <>
          <div className="map-pickers">
            <MapPicker label="Before" maps={maps} value={first} onChange={(id) => setPair([id, second])} />
            <MapPicker label="After" maps={maps} value={second} onChange={(id) => setPair([first, id])} />
          </div>
          <Comparison before={before} after={after} />
        </>
      ) : (
        <p className="muted">
          A board with two maps (say the current state and the future state) can be compared here.
        </p>
      )}
    </SidePanel>
  );
}

function MapPicker(props: { label: string; maps: MapSummary[]; value: string; onChange: (id: string) => void }) {
  return (
    <select
      aria-label={props.label}
      title={props.maps.find((m) => m.id === props.value)?.title}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.maps.map((m) => (
        <option key={m.id} value={m.id}>
          {props.label}: {m.title}
        </option>
      ))}
    </select>
  );
}

function Comparison({ before, after }: { before: JourneyMap; after: JourneyMap }) {
  const was = useJourney(before);
  const is = useJourney(after);
  const rows = compareMaps(was, is, is.segments);
  const change = (value: number | null | undefined) =>
    value == null ? "–" : value > 0 ? `▲ +${value}` : value < 0 ? `▼ ${value}` : "=";
  // One emotion column, a line per segment: the table keeps to the panel's width however many segments.
  return (
    <table className="compare" aria-label="Stage by stage">
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col" className="count" title="Notes added">
            Added
          </th>
          <th scope="col" className="count" title="Notes removed">
            Removed
          </th>
          <th scope="col">Emotion</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.stageId}>
            <th scope="row">{row.title}</th>
            <td className="count">{row.added}</td>
            <td className="count">{row.removed}</td>
            <td>
              <ul>
                {is.segments.map((s) => (
                  <li key={s.id}>
                    <span className="key" style={{ background: s.color }} /> {s.name}: {change(row.emotionChange[s.id])}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
