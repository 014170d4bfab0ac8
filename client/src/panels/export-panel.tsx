import type { JourneyMap } from "@journeyboard/shared";
import { useEffect, useRef, useState } from "react";
import type { ExportScope } from "../export/compose.js";
import { Pacing } from "../export/pacing.js";
import { PNG_SCALES, type PngScale } from "../export/png.js";
import type { ExportFormat } from "../export/run.js";
import type { ExportKind } from "../files/board-files.js";
import type { BoardConnection } from "../sync/connection.js";
import { useGrid } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { SidePanel } from "./side-panel.js";

type What = "map" | "maps" | "selection" | "stage";

/** Progress shows only for an export that takes longer than this: a quick one just downloads. */
const PROGRESS_AFTER_MS = 500;

/** A picture or document (drawn), or the board's data (a Journeyboard file or CSV, from the file format). */
type Format = ExportFormat | ExportKind;

const FORMATS: { format: Format; label: string }[] = [
  { format: "png", label: "PNG picture" },
  { format: "svg", label: "SVG (text stays text)" },
  { format: "pdf", label: "PDF document" },
  { format: "json", label: "Journeyboard file (JSON)" },
  { format: "notes", label: "Notes (CSV)" },
  { format: "crowd", label: "Crowd results (CSV)" },
];

const isData = (format: Format): format is ExportKind => format === "json" || format === "notes" || format === "crowd";

interface Job {
  done: number;
  shown: boolean;
}

/**
 * Exports the map, the selection or one stage as a PNG (1x, 2x or 3x), an SVG or a PDF (every map, a
 * page each, if chosen); or the map or every map as a Journeyboard file, notes CSV or crowd-results CSV. Exports read the board and never change it; a long one shows its progress and
 * can be cancelled, and the page stays responsive meanwhile.
 */
export function ExportPanel({
  connection,
  map,
}: {
  connection: Pick<BoardConnection, "board" | "control">;
  map: JourneyMap;
}) {
  const selection = useUi((s) => s.selection);
  const stages = useGrid(map).columns.map((c) => c.stage);
  const [format, setFormat] = useState<Format>("png");
  const [what, setWhat] = useState<What>("map");
  const [stageId, setStageId] = useState<string>("");
  const [scale, setScale] = useState<PngScale>(2);
  const [job, setJob] = useState<Job | null>(null);
  const [outcome, setOutcome] = useState<{ error: boolean; text: string } | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const chosenStage = stages.find((s) => s.id === stageId) ?? stages[0];
  // Data is exported a map or every map at a time; pictures, a map, the selection or a stage (PDF every map too).
  const whatNow = isData(format)
    ? what === "maps"
      ? "maps"
      : "map"
    : what === "maps" && format !== "pdf"
      ? "map"
      : what;

  const scope = (): ExportScope | { what: "maps" } => {
    if (whatNow === "selection") return { what: "selection", noteIds: selection };
    if (whatNow === "stage") return { what: "stage", stageId: chosenStage?.id ?? "" };
    return { what: whatNow };
  };

  const start = async () => {
    const abort = new AbortController();
    running.current = abort;
    setOutcome(null);
    setJob({ done: 0, shown: false });
    const reveal = setTimeout(() => setJob((j) => j && { ...j, shown: true }), PROGRESS_AFTER_MS);
    let percent = 0;
    const pacing = new Pacing(abort.signal, (done) => {
      // Redrawn once a percent, not on every slice.
      if (Math.floor(done * 100) === percent) return;
      percent = Math.floor(done * 100);
      setJob((j) => j && { ...j, done });
    });
    try {
      // The encoders (jsPDF above all) load with the first export, not with the board.
      const { download, exportPicture } = await import("../export/run.js");
      const file = isData(format)
        ? await (await import("../files/board-files.js")).exportFile(
            connection,
            whatNow === "maps" ? null : map.id,
            format,
          )
        : await exportPicture(connection, { mapId: map.id, format, scope: scope(), scale }, pacing);
      download(file);
      setOutcome({ error: false, text: `Exported ${file.name}.` });
    } catch (error) {
      setOutcome(
        abort.signal.aborted
          ? { error: false, text: "Export cancelled: nothing was downloaded." }
          : { error: true, text: `The export failed: ${error instanceof Error ? error.message : String(error)}` },
      );
    } finally {
      clearTimeout(reveal);
      running.current = null;
      setJob(null);
    }
  };

  return (
    <SidePanel title="Export">
      <form
        className="export-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!job) void start();
        }}
      >
        <label>
          Format
          <select
            aria-label="Format"
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
            disabled={job !== null}
          >
            {FORMATS.map((f) => (
              <option key={f.format} value={f.format}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          What
          <select
            aria-label="What"
            value={whatNow}
            onChange={(e) => setWhat(e.target.value as What)}
            disabled={job !== null}
          >
            <option value="map">This map</option>
            {format === "pdf" && <option value="maps">Every map, a page each</option>}
            {isData(format) && <option value="maps">Every map</option>}
            {!isData(format) && (
              <>
                <option value="selection" disabled={selection.length === 0}>
                  The selection ({selection.length} {selection.length === 1 ? "note" : "notes"})
                </option>
                <option value="stage">One stage</option>
              </>
            )}
          </select>
        </label>
        {whatNow === "stage" && (
          <label>
            Stage
            <select
              aria-label="Stage"
              value={chosenStage?.id ?? ""}
              onChange={(e) => setStageId(e.target.value)}
              disabled={job !== null}
            >
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
        )}
        {format === "png" && (
          <label>
            Scale
            <select
              aria-label="Scale"
              value={scale}
              onChange={(e) => setScale(Number(e.target.value) as PngScale)}
              disabled={job !== null}
            >
              {PNG_SCALES.map((s) => (
                <option key={s} value={s}>
                  {s}x
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="primary" disabled={job !== null}>
          Export
        </button>
      </form>
      {job?.shown && (
        <div className="export-progress" role="status" aria-label="Export progress">
          <progress max={1} value={job.done} aria-label="Exported so far" />
          <span>Exporting… {Math.floor(job.done * 100)} %</span>
          <button type="button" onClick={() => running.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {outcome && (
        <p className={outcome.error ? "export-error" : "muted"} role={outcome.error ? "alert" : "status"}>
          {outcome.text}
        </p>
      )}
    </SidePanel>
  );
}
