import {
  canScore,
  EMOTION_SCALE,
  type JourneyMap,
  type ScoringRound,
  type StageScores,
  withheldStages,
} from "@journeyboard/shared";
import { useEffect, useRef, useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { useCrowd, useJourney, useScoring } from "../sync/hooks.js";
import { closeScoring, openScoring, submitScores } from "../sync/scores.js";
import { SidePanel } from "./side-panel.js";

const SCALE = Array.from({ length: EMOTION_SCALE.max - EMOTION_SCALE.min + 1 }, (_, i) => EMOTION_SCALE.min + i);

/**
 * Crowd scoring: everyone scores each stage for a segment, privately. The scores go to the relay alone;
 * when the facilitator closes the round, the map shows the group's mean and spread beside the curve the
 * team agreed on, and the scores of those who chose to share them.
 */
export function ScoringPanel({
  connection,
  map,
  name,
}: {
  connection: BoardConnection;
  map: JourneyMap;
  name: string;
}) {
  const round = useScoring(connection);
  const journey = useJourney(map);
  const [error, setError] = useState<string | null>(null);
  const facilitator = connection.role === "facilitator";
  const [picked, setPicked] = useState<string | null>(null);
  // The picked segment may have been deleted meanwhile: fall back to one that exists.
  const segmentId = journey.segments.some((s) => s.id === picked)
    ? (picked as string)
    : (journey.segments[0]?.id ?? "");
  const act = (run: () => Promise<void>) => {
    setError(null);
    run().catch((e: Error) => setError(e.message));
  };
  const open = round?.status === "open" && round.mapId === map.id ? round : null;
  const segment = journey.segments.find((s) => s.id === open?.segmentId);
  const elsewhere = round?.status === "open" && !segment;
  const title = (stageId: string) => journey.stages.find((s) => s.id === stageId)?.title ?? "A removed stage";
  const withheld = open ? withheldStages(open.privateScores) : [];
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    setConfirming(false);
    act(() => closeScoring(connection.boardId, connection.token));
  };
  const closeButton = facilitator && (open || elsewhere) && (
    <>
      {withheld.length > 0 && (
        <section className="withheld" aria-label="Withheld if closed now">
          <p>Closing now would withhold the mean of:</p>
          <ul>
            {withheld.map(({ stageId, needs }) => (
              <li key={stageId}>
                {title(stageId)}: {needs === 1 ? "1 more private score" : `${needs} more private scores`} needed
              </li>
            ))}
          </ul>
        </section>
      )}
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label="Close the round?">
          <p>Close the round anyway? Those stages' means stay hidden for good.</p>
          <div className="share-row">
            <button type="button" className="danger" onClick={close}>
              Close anyway
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep scoring
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => (withheld.length > 0 ? setConfirming(true) : close())}>
          Close the round and show the result
        </button>
      )}
    </>
  );
  return (
    <SidePanel title="Crowd scoring">
      {elsewhere ? (
        <>
          <p>A round is open on another map. Switch to it to score.</p>
          {closeButton}
        </>
      ) : open && segment ? (
        <>
          {canScore(connection.role) ? (
            <p>
              How does each stage feel for <strong>{segment.name}</strong>? Your scores are private: nobody sees them,
              only the group's result once the facilitator closes the round.
            </p>
          ) : (
            <p>
              Facilitators and editors are scoring each stage for <strong>{segment.name}</strong>. As a viewer you
              watch: the group's result shows on the map when the facilitator closes the round.
            </p>
          )}
          <p role="status" className="muted">
            {open.submitted === 1 ? "1 person has scored." : `${open.submitted} people have scored.`}
          </p>
          {canScore(connection.role) && (
            <MyScores key={open.roundId} connection={connection} round={open} stages={journey.stages} name={name} />
          )}
          {closeButton}
        </>
      ) : facilitator ? (
        <>
          <p>Ask everyone to score each stage for a segment, privately; then show the group's result on the map.</p>
          <div className="share-row">
            <select aria-label="Segment to score" value={segmentId} onChange={(e) => setPicked(e.target.value)}>
              {journey.segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="primary"
              onClick={() => act(() => openScoring(connection.boardId, connection.token, map.id, segmentId))}
            >
              Start scoring
            </button>
          </div>
        </>
      ) : (
        <p className="muted">
          {canScore(connection.role)
            ? "When the facilitator starts a round, you score each stage here, privately."
            : "When the facilitator starts a round, facilitators and editors score here; you see the group's result."}
        </p>
      )}
      <LastResults map={map} connection={connection} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </SidePanel>
  );
}

function MyScores(props: {
  connection: BoardConnection;
  round: ScoringRound;
  stages: { id: string; title: string }[];
  name: string;
}) {
  const { connection, round } = props;
  // A draft survives closing and reopening the panel (and a reload), for this round only.
  const draftKey = `journeyboard:scores:${round.roundId}`;
  const [draft] = useState(() => readDraft(draftKey));
  const [scores, setScores] = useState<StageScores>(draft.scores);
  const [share, setShare] = useState(draft.share);
  const [state, setState] = useState<"idle" | "saving" | "saved" | string>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  /** A change not sent yet: sent at once if the panel closes within the pause. */
  const pending = useRef<(() => Promise<unknown>) | null>(null);
  useEffect(() => {
    if (Object.keys(scores).length === 0) return;
    sessionStorage.setItem(draftKey, JSON.stringify({ scores, share }));
    const send = () => submitScores(connection, round.roundId, scores, share ? props.name : null);
    pending.current = send;
    timer.current = setTimeout(() => {
      pending.current = null;
      setState("saving");
      send().then(
        () => setState("saved"),
        (error: Error) => setState(`Not saved: ${error.message}`),
      );
    }, 300);
    return () => clearTimeout(timer.current);
  }, [scores, share, connection, round.roundId, props.name, draftKey]);
  useEffect(() => () => void pending.current?.().catch(() => undefined), []);

  return (
    <form className="my-scores" aria-label="Your scores" onSubmit={(e) => e.preventDefault()}>
      {props.stages.map((stage) => (
        <fieldset key={stage.id} className="score-row">
          <legend>{stage.title}</legend>
          {SCALE.map((score) => (
            <label key={score} className={scores[stage.id] === score ? "chosen" : undefined}>
              <input
                type="radio"
                name={`score-${stage.id}`}
                value={score}
                checked={scores[stage.id] === score}
                onChange={() => setScores({ ...scores, [stage.id]: score })}
              />
              {score > 0 ? `+${score}` : score}
            </label>
          ))}
        </fieldset>
      ))}
      <label className="visible-toggle">
        <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} /> Show my scores under my
        name ({props.name}) after the round
      </label>
      <p role="status" className="muted">
        {state === "saving"
          ? "Saving privately…"
          : state === "saved"
            ? "Saved privately."
            : state === "idle"
              ? ""
              : state}
      </p>
    </form>
  );
}

function readDraft(key: string): { scores: StageScores; share: boolean } {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(key) ?? "{}") as { scores?: StageScores; share?: boolean };
    return { scores: parsed.scores ?? {}, share: parsed.share === true };
  } catch {
    return { scores: {}, share: false };
  }
}

/** What the last rounds on this map gave, and where figures were withheld to keep scores private. */
function LastResults({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const crowd = useCrowd(connection, map);
  const journey = useJourney(map);
  if (crowd.size === 0) return null;
  return (
    <section aria-label="Results">
      <h3>Results</h3>
      {journey.segments.flatMap((segment) => {
        const result = crowd.get(segment.id);
        if (!result) return [];
        const withheld = journey.stages.filter((s) => result.stages[s.id] && result.stages[s.id]?.mean === null);
        return [
          <p key={segment.id}>
            <strong>{segment.name}</strong>: {result.participants} scored
            {Object.keys(result.shared).length > 0 && `, ${Object.keys(result.shared).join(", ")} by name`}.
            {withheld.length > 0 &&
              ` Withheld for ${withheld.map((s) => s.title).join(", ")}: fewer than three kept their score private there.`}
          </p>,
        ];
      })}
    </section>
  );
}
