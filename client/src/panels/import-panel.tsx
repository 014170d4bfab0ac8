import { MAX_UPDATE_ITEMS } from "@journeyboard/shared";
import type { BoardFile } from "@journeyboard/shared/file";
import { useEffect, useState } from "react";
import { useBoardEdit } from "../commands/scope.js";
import {
  importAsMap,
  importAsNewBoard,
  nextTask,
  type ReadStep,
  readBoardFile,
  tooLargeForOneStep,
} from "../files/board-files.js";
import { useDroppedFile } from "../files/file-hooks.js";
import { navigate } from "../routes.js";
import type { BoardConnection } from "../sync/connection.js";
import { useUi } from "../ui-state.js";
import { SidePanel } from "./side-panel.js";

type Work = { step: ReadStep | "writing"; done: number };
type Outcome = { error: boolean; text: string };

const STEP_TEXT: Record<Work["step"], string> = {
  reading: "Reading the file…",
  checking: "Checking the file…",
  writing: "Importing…",
};

/**
 * A Journeyboard file (or a PNG exported with its board) imported as a new map of this board or as a new
 * board. A file dropped onto the board opens here. Nothing is imported until the whole file has been
 * checked; a file that fails shows the check's message, naming the field.
 */
export function ImportPanel({ connection }: { connection: BoardConnection }) {
  const { readOnly, edit } = useBoardEdit();
  const dropped = useDroppedFile((s) => s.file);
  const [work, setWork] = useState<Work | null>(null);
  const [chosen, setChosen] = useState<{ name: string; file: BoardFile; items: number[] } | null>(null);
  const [mapIndex, setMapIndex] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const read = async (file: File) => {
    setChosen(null);
    setOutcome(null);
    setWork({ step: "reading", done: 0 });
    try {
      const result = await readBoardFile(file, (step, done) => setWork({ step, done }));
      if (result.ok) {
        setChosen({ name: file.name, file: result.file, items: result.items });
        setMapIndex(0);
      } else setOutcome({ error: true, text: `${file.name} cannot be imported: ${result.message}` });
    } finally {
      setWork(null);
    }
  };

  useEffect(() => {
    if (!dropped) return;
    useDroppedFile.getState().offer(null);
    void read(dropped);
  });

  // The relay takes a map added here in one update, of at most so many items: a larger one goes to a new board.
  const tooLarge = chosen && tooLargeForOneStep(chosen.file, chosen.items, mapIndex, MAX_UPDATE_ITEMS);

  const addMap = async () => {
    if (!chosen || tooLarge) return;
    setWork({ step: "writing", done: 0 });
    let added: string | undefined;
    try {
      await nextTask();
      added = await importAsMap(connection, chosen.file, mapIndex, edit);
    } catch (error) {
      setOutcome({ error: true, text: `The map could not be added: ${(error as Error).message}` });
    } finally {
      setWork(null);
    }
    if (!added) return;
    useUi.getState().setMap(added);
    setChosen(null);
    setOutcome({ error: false, text: `Added ${chosen.file.maps[mapIndex]?.title ?? "the map"} as a new map.` });
  };

  const newBoard = async () => {
    if (!chosen) return;
    setWork({ step: "writing", done: 0 });
    try {
      const created = await importAsNewBoard(chosen.file);
      navigate(created.url, { created: true });
    } catch (error) {
      setWork(null);
      setOutcome({ error: true, text: `The board could not be created: ${(error as Error).message}` });
    }
  };

  return (
    <SidePanel title="Import">
      <section>
        <label className="import-choice">
          A Journeyboard file (JSON), or a PNG exported with its board; or drop it on the board
          <input
            type="file"
            aria-label="File to import"
            accept=".json,.png,application/json,image/png"
            disabled={work !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void read(file);
            }}
          />
        </label>
        {work && (
          <div className="import-progress" role="status" aria-label="Import progress">
            <progress max={1} value={work.step === "reading" ? work.done : undefined} />
            <span>
              {STEP_TEXT[work.step]}
              {work.step === "reading" && ` ${Math.floor(work.done * 100)} %`}
            </span>
          </div>
        )}
        {chosen && !work && (
          <fieldset className="import-chosen" aria-label="Import what">
            <p>
              {chosen.name}: “{chosen.file.board.title}”, {chosen.file.maps.length}{" "}
              {chosen.file.maps.length === 1 ? "map" : "maps"}. Add it as a new map here, or open it as a new board?
            </p>
            {chosen.file.maps.length > 1 && (
              <select aria-label="Map to add" value={mapIndex} onChange={(e) => setMapIndex(Number(e.target.value))}>
                {chosen.file.maps.map((m, i) => (
                  <option key={m.id} value={i}>
                    {m.title}
                  </option>
                ))}
              </select>
            )}
            {tooLarge && (
              <p className="error" role="alert">
                {tooLarge}
              </p>
            )}
            <div className="import-buttons">
              <button
                type="button"
                className="primary"
                disabled={readOnly || Boolean(tooLarge)}
                onClick={() => void addMap()}
              >
                Add as a new map
              </button>
              <button type="button" onClick={() => void newBoard()}>
                Open as a new board
              </button>
              <button type="button" onClick={() => setChosen(null)}>
                Cancel
              </button>
            </div>
          </fieldset>
        )}
      </section>
      {outcome && (
        <p className={outcome.error ? "error" : "muted"} role={outcome.error ? "alert" : "status"}>
          {outcome.text}
        </p>
      )}
    </SidePanel>
  );
}
