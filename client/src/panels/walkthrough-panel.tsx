import {
  canScore,
  DEFAULT_ROUND_NAMES,
  getMap,
  type JourneyMap,
  listStages,
  MAX_FEEDBACK_TEXT,
  MAX_ROUND_NAME,
  type OnTimeUp,
  type WalkThrough,
} from "@journeyboard/shared";
import { useState } from "react";
import { visibleArea } from "../canvas/viewport.js";
import type { BoardConnection } from "../sync/connection.js";
import { sendFeedback, useFeedback, useWalkthrough, walkthroughAction } from "../sync/walkthrough.js";
import { useUi } from "../ui-state.js";
import { SidePanel } from "./side-panel.js";

const OTHER = "other";

/**
 * The trial walk-through: the facilitator starts a named round on this map and steps through its
 * stages; everyone gives feedback on the current stage, filed by the relay under its round and author.
 */
export function WalkthroughPanel({
  connection,
  map,
  name,
}: {
  connection: BoardConnection;
  map: JourneyMap;
  name: string;
}) {
  const walk = useWalkthrough(connection);
  const running = walk?.status === "running" ? walk : null;
  const [error, setError] = useState<string | null>(null);
  const act = (run: () => Promise<unknown>) => {
    setError(null);
    run().catch((e: Error) => setError(e.message));
  };
  const facilitator = connection.role === "facilitator";
  return (
    <SidePanel title="Walk-through">
      {running ? (
        <>
          {facilitator && <Steering connection={connection} walk={running} act={act} />}
          <StageFeedback connection={connection} walk={running} name={name} act={act} />
        </>
      ) : facilitator ? (
        <StartRound connection={connection} map={map} act={act} />
      ) : (
        <p className="muted">When the facilitator starts a walk-through, you follow it stage by stage here.</p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </SidePanel>
  );
}

type Act = (run: () => Promise<unknown>) => void;

function StartRound({ connection, map, act }: { connection: BoardConnection; map: JourneyMap; act: Act }) {
  const [choice, setChoice] = useState<string>(DEFAULT_ROUND_NAMES[0]);
  const [other, setOther] = useState("");
  const [minutes, setMinutes] = useState("");
  const [onTimeUp, setOnTimeUp] = useState<OnTimeUp>("warn");
  const roundName = choice === OTHER ? other : choice;
  const timeBoxSeconds = Number(minutes) > 0 ? Math.round(Number(minutes) * 60) : null;
  return (
    <form
      className="walkthrough-start"
      aria-label="Start a round"
      onSubmit={(e) => {
        e.preventDefault();
        useUi.getState().setFollowing(true);
        act(() =>
          walkthroughAction(connection, { action: "start", mapId: map.id, roundName, timeBoxSeconds, onTimeUp }),
        );
      }}
    >
      <p>Walk this map through with others, stage by stage, and compare what each round says.</p>
      <label>
        Round{" "}
        <select aria-label="Round" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {DEFAULT_ROUND_NAMES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
          <option value={OTHER}>Another round…</option>
        </select>
      </label>
      {choice === OTHER && (
        <input
          aria-label="Round name"
          placeholder="e.g. Sales team"
          maxLength={MAX_ROUND_NAME}
          value={other}
          onChange={(e) => setOther(e.target.value)}
        />
      )}
      <TimeBoxFields minutes={minutes} setMinutes={setMinutes} onTimeUp={onTimeUp} setOnTimeUp={setOnTimeUp} />
      <button type="submit" className="primary">
        Start the walk-through
      </button>
    </form>
  );
}

function TimeBoxFields(props: {
  minutes: string;
  setMinutes: (minutes: string) => void;
  onTimeUp: OnTimeUp;
  setOnTimeUp: (onTimeUp: OnTimeUp) => void;
}) {
  return (
    <div className="share-row">
      <label>
        Minutes per stage{" "}
        <input
          aria-label="Minutes per stage"
          type="number"
          min={0}
          max={60}
          step={0.5}
          placeholder="none"
          value={props.minutes}
          onChange={(e) => props.setMinutes(e.target.value)}
        />
      </label>
      <select
        aria-label="When time is up"
        value={props.onTimeUp}
        onChange={(e) => props.setOnTimeUp(e.target.value === "advance" ? "advance" : "warn")}
      >
        <option value="warn">then warn</option>
        <option value="advance">then go to the next stage</option>
      </select>
    </div>
  );
}

function Steering({ connection, walk, act }: { connection: BoardConnection; walk: WalkThrough; act: Act }) {
  const map = useUi((s) => s.mapId);
  const walked = getMap(connection.board, walk.mapId);
  const stages = walked ? listStages(walked) : [];
  const [minutes, setMinutes] = useState(walk.timeBoxSeconds ? String(walk.timeBoxSeconds / 60) : "");
  const [onTimeUp, setOnTimeUp] = useState<OnTimeUp>(walk.onTimeUp);
  const gather = () => {
    const ui = useUi.getState();
    act(() => walkthroughAction(connection, { action: "gather", rect: visibleArea(ui.viewport, ui.screen) }));
  };
  return (
    <section aria-label="Steer the walk-through">
      <label>
        Go to stage{" "}
        <select
          aria-label="Go to stage"
          value={walk.stageId}
          onChange={(e) => act(() => walkthroughAction(connection, { action: "go", stageId: e.target.value }))}
        >
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <TimeBoxFields minutes={minutes} setMinutes={setMinutes} onTimeUp={onTimeUp} setOnTimeUp={setOnTimeUp} />
      <div className="share-row">
        <button
          type="button"
          onClick={() => {
            const timeBoxSeconds = Number(minutes) > 0 ? Math.round(Number(minutes) * 60) : null;
            act(() => walkthroughAction(connection, { action: "timebox", timeBoxSeconds, onTimeUp }));
          }}
        >
          Set the time box
        </button>
        <button type="button" disabled={map !== walk.mapId} onClick={gather}>
          Bring everyone to me
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => act(() => walkthroughAction(connection, { action: "end" }))}
        >
          End the round
        </button>
      </div>
    </section>
  );
}

function StageFeedback(props: { connection: BoardConnection; walk: WalkThrough; name: string; act: Act }) {
  const { connection, walk } = props;
  const all = useFeedback(connection);
  const [text, setText] = useState("");
  const here = all.filter((f) => f.roundId === walk.roundId && f.stageId === walk.stageId);
  return (
    <section aria-label="Feedback on this stage">
      <h3>Feedback on this stage ({walk.roundName})</h3>
      {canScore(connection.role) ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const said = text;
            props.act(async () => {
              await sendFeedback(connection, walk.stageId, said, props.name);
              setText("");
            });
          }}
        >
          <textarea
            aria-label="Your feedback"
            maxLength={MAX_FEEDBACK_TEXT}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="primary" disabled={text.trim() === ""}>
            Add feedback
          </button>
        </form>
      ) : (
        <p className="muted">Facilitators and editors give feedback; you see it here as it comes.</p>
      )}
      <ul className="feedback-list" aria-label="Feedback given">
        {here.map((f) => (
          <li key={f.id} className="feedback-item">
            <strong>{f.name}</strong>: {f.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
