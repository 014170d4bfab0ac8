import { type Balance, balance, type JourneyMap, type PhaseFigures, type Segment } from "@journeyboard/shared";
import { useJourney } from "../sync/hooks.js";
import { SidePanel } from "./side-panel.js";

const COUNTS = [
  ["touchpoints", "Touchpoints"],
  ["painPoints", "Pain points"],
  ["opportunities", "Opportunities"],
  ["notes", "All notes"],
] as const;

const PRE = "#74C0FC";
const POST = "#69DB7C";

/** Is the experience after the sale as rich and as good as before it? Live, for everyone at once. */
export function BalancePanel({ map }: { map: JourneyMap }) {
  const journey = useJourney(map);
  const figures = balance(journey.stages, journey.notes, journey.segments, journey.curves, journey.lanes);
  return (
    <SidePanel title="Pre-sale / post-sale balance">
      <p className={figures.verdict ? "verdict warn" : "verdict"} role="status" aria-label="Verdict">
        {figures.verdict ?? "The post-sale side holds up against the pre-sale side."}
      </p>
      <CountsChart figures={figures} />
      <EmotionTable figures={figures} segments={journey.segments} />
      <h3>Stages with no touchpoint</h3>
      {[figures.preSale, figures.postSale].map((phase) => (
        <p key={phase.phase}>
          <strong>{phase.phase === "pre-sale" ? "Pre-sale" : "Post-sale"}:</strong>{" "}
          {phase.stagesWithoutTouchpoint.length === 0 ? "none" : phase.stagesWithoutTouchpoint.join(", ")}
        </p>
      ))}
    </SidePanel>
  );
}

function CountsChart({ figures }: { figures: Balance }) {
  const max = Math.max(1, ...COUNTS.flatMap(([key]) => [figures.preSale[key], figures.postSale[key]]));
  const row = 40;
  return (
    <figure className="balance-chart">
      <svg viewBox={`0 0 300 ${COUNTS.length * row + 8}`} role="img" aria-label="Notes per phase">
        {COUNTS.map(([key, label], i) => {
          const y = i * row + 4;
          const bar = (phase: PhaseFigures, dy: number, color: string) => (
            <g>
              <rect x={100} y={y + dy} width={(phase[key] / max) * 170} height={12} fill={color} rx={2} />
              <text x={104 + (phase[key] / max) * 170} y={y + dy + 10} fontSize={11}>
                {phase[key]}
              </text>
            </g>
          );
          return (
            <g key={key}>
              <text x={0} y={y + 16} fontSize={12}>
                {label}
              </text>
              {bar(figures.preSale, 0, PRE)}
              {bar(figures.postSale, 14, POST)}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="key" style={{ background: PRE }} /> Pre-sale ({figures.preSale.stages} stages){" "}
        <span className="key" style={{ background: POST }} /> Post-sale ({figures.postSale.stages} stages)
      </figcaption>
    </figure>
  );
}

function EmotionTable({ figures, segments }: { figures: Balance; segments: readonly Segment[] }) {
  const show = (value: number | null | undefined) => (value == null ? "–" : value > 0 ? `+${value}` : `${value}`);
  return (
    <table className="balance-emotion">
      <caption>Average emotion (-3 to +3)</caption>
      <thead>
        <tr>
          <th scope="col">Segment</th>
          <th scope="col">Pre-sale</th>
          <th scope="col">Post-sale</th>
        </tr>
      </thead>
      <tbody>
        {segments.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              <span className="key" style={{ background: s.color }} /> {s.name}
            </th>
            <td>{show(figures.preSale.emotion[s.id])}</td>
            <td>{show(figures.postSale.emotion[s.id])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
