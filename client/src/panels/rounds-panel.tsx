import { compareRounds, type JourneyMap, type Note, type RoundsAtStage } from "@journeyboard/shared";
import { useMemo } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { useJourney } from "../sync/hooks.js";
import { useFeedback, useRounds } from "../sync/walkthrough.js";
import { SidePanel } from "./side-panel.js";

/**
 * The method's "compare to the customer inputs": per stage, what each walk-through round said, side by
 * side, and what customers themselves said of that stage (listening posts, pain points, moments of truth).
 */
export function RoundsPanel({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const journey = useJourney(map);
  const rounds = useRounds(connection);
  const feedback = useFeedback(connection);
  const compared = useMemo(() => compareRounds(journey, map.id, rounds, feedback), [journey, map.id, rounds, feedback]);
  const any = compared.some((c) => c.rounds.length > 0);
  return (
    <SidePanel title="Compare rounds">
      {!any && <p className="muted">No walk-through round on this map yet: start one from the walk-through panel.</p>}
      <div className="rounds-compare">
        {compared.map((stage) => (
          <StageRow key={stage.stage.id} compared={stage} />
        ))}
      </div>
    </SidePanel>
  );
}

function StageRow({ compared }: { compared: RoundsAtStage }) {
  const { customers } = compared;
  const notes = (list: Note[]) => list.map((n) => n.text.trim() || "(no text)");
  const moments = [
    ...notes(customers.momentNotes),
    ...customers.moments.map((m) => `${m.kind} of ${m.segment}'s curve (${m.score > 0 ? "+" : ""}${m.score})`),
  ];
  return (
    <section className="stage-rounds" aria-label={compared.stage.title}>
      <h3>{compared.stage.title}</h3>
      <div className="side-by-side">
        {compared.rounds.map(({ round, feedback }) => (
          <section key={round.roundId} aria-label={round.name}>
            <h4>{round.name}</h4>
            <Said items={feedback.map((f) => `${f.text} (${f.name})`)} />
          </section>
        ))}
        <section aria-label="Customers' input">
          <h4>Customers' input</h4>
          <Said items={notes(customers.listeningPosts)} label="Listening posts" />
          <Said items={notes(customers.painPoints)} label="Pain points" />
          <Said items={moments} label="Moments of truth" />
        </section>
      </div>
    </section>
  );
}

function Said({ items, label }: { items: string[]; label?: string }) {
  if (items.length === 0) return <p className="muted">{label ? `${label}: none` : "Nothing said"}</p>;
  return (
    <>
      {label && <p className="muted">{label}</p>}
      <ul>
        {items.map((text, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same words may come twice; their order is stable.
          <li key={i}>{text}</li>
        ))}
      </ul>
    </>
  );
}
