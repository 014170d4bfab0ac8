import {
  formatDuration,
  type JourneyMap,
  journeyOf,
  readRunSheet,
  type StageSummary,
  type Summary,
  summarize,
  toJSON,
  toMarkdown,
} from "@journeyboard/shared";
import { useCallback, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import type { BoardConnection } from "../sync/connection.js";
import { useBoardMeta, useMaps } from "../sync/hooks.js";
import { useRelayNow } from "../sync/relay-clock.js";
import { useWalkthrough } from "../sync/walkthrough.js";
import { SidePanel } from "./side-panel.js";

/** How often the time of the stage being walked through is redrawn. */
const TICK_MS = 1000;

/** A version number that moves whenever the control document or the map changes. */
function useChanges(control: Y.Doc, map: JourneyMap): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const bump = () => {
        changes.set(control, (changes.get(control) ?? 0) + 1);
        onChange();
      };
      control.on("update", bump);
      map.y.observeDeep(bump);
      return () => {
        control.off("update", bump);
        map.y.unobserveDeep(bump);
      };
    },
    [control, map],
  );
  return useSyncExternalStore(subscribe, () => changes.get(control) ?? 0);
}
const changes = new WeakMap<Y.Doc, number>();

/**
 * The session summary of the map: live while the session runs, and kept after it (it is read from the
 * control document, which the relay stores). Anyone may read and download it: it shows only what the
 * control document already shows everyone.
 */
export function SummaryPanel({ connection, map }: { connection: BoardConnection; map: JourneyMap }) {
  const meta = useBoardMeta(connection);
  const title = useMaps(connection).find((m) => m.id === map.id)?.title ?? "";
  const walk = useWalkthrough(connection);
  const now = useRelayNow(false);
  useChanges(connection.control, map);
  // The stage being walked and the step running count up to now: redraw them as time passes.
  useTick(walk?.status === "running" || readRunSheet(connection.control).current !== null);
  const summary = summarize(
    { board: meta.title, mapId: map.id, map: title, journey: journeyOf(map) },
    connection.control,
    now ?? Date.now(),
  );
  const any = summary.stages.some((s) => s.feedbackByRound.length > 0 || s.crowd.length > 0) || summary.vote;
  return (
    <SidePanel title="Session summary">
      <div className="summary-downloads">
        <button type="button" onClick={() => download(summary, "md")}>
          Download Markdown
        </button>
        <button type="button" onClick={() => download(summary, "json")}>
          Download JSON
        </button>
      </div>
      {!any && <p className="muted">Nothing to sum up yet: walk the map through, vote or score, and it shows here.</p>}
      {summary.stages.map((stage) => (
        <StageSection key={stage.stageId} stage={stage} />
      ))}
      <Ranking summary={summary} />
      <StepTimes summary={summary} />
      <section aria-label="Timers">
        <h3>Timers</h3>
        {summary.timers.length === 0 ? (
          <p className="muted">No timer has run to its end yet.</p>
        ) : (
          <ul>
            {summary.timers.map((t) => (
              <li key={t.timerId}>
                {t.label || "Timer"} ({t.scope}): {formatDuration(t.actualMs)} of {formatDuration(t.plannedMs)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </SidePanel>
  );
}

function useTick(ticking: boolean): void {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!ticking) return () => undefined;
      const timer = setInterval(onChange, TICK_MS);
      return () => clearInterval(timer);
    },
    [ticking],
  );
  useSyncExternalStore(subscribe, () => (ticking ? Math.floor(Date.now() / TICK_MS) : 0));
}

function StageSection({ stage }: { stage: StageSummary }) {
  const timed = stage.timeByRound.filter((t) => t.visits > 0);
  return (
    <section className="summary-stage" aria-label={stage.title}>
      <h3>{stage.title}</h3>
      {timed.length > 0 && (
        <p className="muted">Time spent: {timed.map((t) => `${t.round} ${formatDuration(t.ms)}`).join(", ")}</p>
      )}
      {stage.feedbackByRound.map((round) => (
        <section key={round.roundId} aria-label={round.round}>
          <h4>{round.round}</h4>
          {round.feedback.length === 0 ? (
            <p className="muted">No feedback</p>
          ) : (
            <ul>
              {round.feedback.map((f) => (
                <li key={`${f.at}-${f.name}-${f.text}`}>
                  {f.text} ({f.name})
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {stage.voteDots > 0 && <p>Dots: {stage.voteDots}</p>}
      {stage.crowd.map((c) => (
        <p key={c.segmentId}>
          Crowd score, {c.segment}:{" "}
          {c.withheld ? "withheld (too few private scores)" : `${c.mean}${c.sd === null ? "" : ` ± ${c.sd}`}`} from{" "}
          {c.count}
        </p>
      ))}
    </section>
  );
}

function StepTimes({ summary }: { summary: Summary }) {
  const ran = summary.steps.filter((s) => s.runs > 0);
  return (
    <section aria-label="Time per step">
      <h3>Time per step</h3>
      {ran.length === 0 ? (
        <p className="muted">No run-sheet step has run yet.</p>
      ) : (
        <ul>
          {ran.map((s) => (
            <li key={s.stepId}>
              {s.title || "A removed step"}: {formatDuration(s.spentMs)}
              {s.plannedMs === null ? "" : ` of ${formatDuration(s.plannedMs)}`}
              {s.running ? " (running)" : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Ranking({ summary }: { summary: Summary }) {
  const { vote } = summary;
  if (!vote) return null;
  return (
    <section aria-label="Vote ranking">
      <h3>Vote: {vote.question}</h3>
      {vote.ranking.length === 0 ? (
        <p className="muted">{vote.status === "open" ? "The counts show when the vote closes." : "No dots."}</p>
      ) : (
        <ol className="summary-ranking">
          {vote.ranking.map((r) => (
            <li key={r.noteId}>
              #{r.rank} {r.text || "(no text)"}: {r.dots} {r.dots === 1 ? "dot" : "dots"}
              {r.stage && ` (${r.stage})`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "Shop redesign 2024-05-01.md": the board's title (without characters file systems refuse) and the date. */
export function summaryFileName(summary: Summary, extension: "md" | "json"): string {
  const title = summary.board.replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ").trim() || "Journeyboard";
  const date = new Date(summary.generatedAt).toISOString().slice(0, 10);
  return `${title} session summary ${date}.${extension}`;
}

function download(summary: Summary, extension: "md" | "json"): void {
  const blob =
    extension === "md"
      ? new Blob([toMarkdown(summary)], { type: "text/markdown;charset=utf-8" })
      : new Blob([toJSON(summary)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = summaryFileName(summary, extension);
  link.click();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
