import {
  canVote,
  DEFAULT_VOTE_QUESTION,
  type JourneyMap,
  NOTE_KINDS,
  type NoteKind,
  VOTE_BUDGET,
  type Vote,
  type VoteSettings,
} from "@journeyboard/shared";
import { useState } from "react";
import { KIND_LABELS } from "../labels.js";
import type { BoardConnection } from "../sync/connection.js";
import { useNotes, useVote } from "../sync/hooks.js";
import { closeVote, openVote, useMyDots } from "../sync/votes.js";
import { SidePanel } from "./side-panel.js";

/**
 * Dot voting: the facilitator opens a vote; facilitators and editors place their dots on notes (the dot
 * control on each note, or D and Shift+D on the selected note); the facilitator closes it and the map
 * shows the ranking, the dots on the notes and the heat over the stages.
 */
export function VotingPanel({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const vote = useVote(connection);
  const [error, setError] = useState<string | null>(null);
  const facilitator = connection.role === "facilitator";
  const act = (run: () => Promise<void>) => {
    setError(null);
    run().catch((e: Error) => setError(e.message));
  };
  const open = vote?.status === "open" ? vote : null;
  return (
    <SidePanel title="Dot voting">
      {open ? (
        <>
          <p>
            <strong>{open.question}</strong>
          </p>
          {open.mapId !== map.id && <p>The vote is on another map. Switch to it to vote.</p>}
          <p className="muted">
            {open.budget} dots each{open.multiple ? ", several on one note allowed" : ", one per note"}; on{" "}
            {open.kinds.map((k) => KIND_LABELS[k]).join(", ")}.{" "}
            {open.hidden ? "Votes stay hidden until the vote closes." : "Counts show as people vote."}
          </p>
          <p role="status" className="muted">
            {open.voters === 1 ? "1 person has voted." : `${open.voters} people have voted.`}
          </p>
          {canVote(connection.role) ? (
            <MyDotsLeft />
          ) : (
            <p>As a viewer you watch: the ranking shows here when the facilitator closes the vote.</p>
          )}
          {facilitator && (
            <button type="button" className="primary" onClick={() => act(() => closeVote(connection))}>
              Close the vote and show the result
            </button>
          )}
        </>
      ) : facilitator ? (
        <OpenVoteForm onOpen={(settings) => act(() => openVote(connection, map.id, settings))} />
      ) : (
        <p className="muted">When the facilitator opens a vote, you place your dots on notes here and on the map.</p>
      )}
      {vote?.status === "closed" && vote.mapId === map.id && <Ranking vote={vote} map={map} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </SidePanel>
  );
}

function MyDotsLeft() {
  const left = useMyDots((s) => s.left);
  const refusal = useMyDots((s) => s.refusal);
  return (
    <>
      <p role="status" aria-label="Your dots">
        {left === null ? "" : left === 1 ? "You have 1 dot left." : `You have ${left} dots left.`}
      </p>
      <p className="muted">
        Place a dot with the + on a note (or select it and press D); take it back with − (Shift+D).
      </p>
      {refusal && (
        <p role="alert" className="error">
          {refusal}
        </p>
      )}
    </>
  );
}

function OpenVoteForm({ onOpen }: { onOpen: (settings: VoteSettings) => void }) {
  const [question, setQuestion] = useState(DEFAULT_VOTE_QUESTION);
  const [budget, setBudget] = useState<number>(VOTE_BUDGET.initial);
  const [kinds, setKinds] = useState<NoteKind[]>([...NOTE_KINDS]);
  const [multiple, setMultiple] = useState(false);
  const [hidden, setHidden] = useState(true);
  return (
    <form
      className="vote-form"
      aria-label="Open a vote"
      onSubmit={(e) => {
        e.preventDefault();
        onOpen({ question, budget, kinds, multiple, hidden });
      }}
    >
      <label>
        Question
        <input value={question} maxLength={200} onChange={(e) => setQuestion(e.target.value)} />
      </label>
      <label>
        Dots per participant
        <input
          type="number"
          min={VOTE_BUDGET.min}
          max={VOTE_BUDGET.max}
          value={budget}
          onChange={(e) => setBudget(Number(e.target.value))}
        />
      </label>
      <fieldset>
        <legend>Notes that can get dots</legend>
        {NOTE_KINDS.map((kind) => (
          <label key={kind} className="visible-toggle">
            <input
              type="checkbox"
              checked={kinds.includes(kind)}
              onChange={(e) => setKinds(e.target.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))}
            />{" "}
            {KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <label className="visible-toggle">
        <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} /> Several dots on one
        note
      </label>
      <label className="visible-toggle">
        <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} /> Keep votes hidden until
        the vote closes
      </label>
      <button type="submit" className="primary" disabled={kinds.length === 0}>
        Open the vote
      </button>
    </form>
  );
}

function Ranking({ vote, map }: { vote: Vote; map: JourneyMap }) {
  const notes = useNotes(map);
  const text = (noteId: string) => notes.find((n) => n.id === noteId)?.text.trim() || "A note without text";
  return (
    <section aria-label="Vote result">
      <h3>Result: {vote.question}</h3>
      <p className="muted">{vote.voters === 1 ? "1 person voted." : `${vote.voters} people voted.`}</p>
      {vote.ranking && vote.ranking.length > 0 ? (
        <ol className="vote-ranking">
          {vote.ranking.map((r) => (
            <li key={r.noteId}>
              #{r.rank} {text(r.noteId)}: {r.dots === 1 ? "1 dot" : `${r.dots} dots`}
            </li>
          ))}
        </ol>
      ) : (
        <p>No dots were placed.</p>
      )}
    </section>
  );
}
