import {
  type Grid,
  type JourneyMap,
  MAX_TITLE,
  readCurve,
  renameLane,
  renameStage,
  setEmotionLabel,
} from "@journeyboard/shared";
import { useBoardEdit } from "../commands/scope.js";
import { useUi } from "../ui-state.js";
import { emotionRow, scoreY, stageCenter } from "./curves.js";
import { headerRect, pinnedOffset } from "./headers.js";
import { toScreen } from "./viewport.js";

/** Renaming a stage or lane in place: a field over its header. Enter or a click outside saves, Escape cancels. */
export function HeaderEditor({ map, grid }: { map: JourneyMap; grid: Grid }) {
  const renaming = useUi((s) => s.renaming);
  const viewport = useUi((s) => s.viewport);
  const rename = useUi((s) => s.rename);
  const { edit } = useBoardEdit();
  if (!renaming) return null;
  const rect = headerRect(grid, renaming, pinnedOffset(viewport));
  const current =
    renaming.kind === "stage"
      ? grid.columns.find((c) => c.stage.id === renaming.id)?.stage.title
      : grid.rows.find((r) => r.lane.id === renaming.id)?.lane.title;
  if (!rect || current === undefined) return null;
  const at = toScreen(viewport, rect);
  const save = (title: string) => {
    if (title !== current) edit(() => (renaming.kind === "stage" ? renameStage : renameLane)(map, renaming.id, title));
    rename(null);
  };
  return (
    <input
      key={`${renaming.kind}-${renaming.id}`}
      className="header-editor"
      aria-label={renaming.kind === "stage" ? "Stage title" : "Lane title"}
      defaultValue={current}
      maxLength={MAX_TITLE}
      // biome-ignore lint/a11y/noAutofocus: the field appears because the participant double-clicked the header.
      autoFocus
      onFocus={(e) => e.target.select()}
      style={{ left: at.x, top: at.y, width: rect.w * viewport.scale, minWidth: 160 }}
      onBlur={(e) => save(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") rename(null);
      }}
    />
  );
}

/** Labelling an emotion point ("why" the customer feels so there): a field next to the point. */
export function PointLabelEditor({ map, grid }: { map: JourneyMap; grid: Grid }) {
  const labelling = useUi((s) => s.labelling);
  const viewport = useUi((s) => s.viewport);
  const label = useUi((s) => s.label);
  const { edit } = useBoardEdit();
  if (!labelling) return null;
  const row = emotionRow(grid);
  const column = grid.columns.find((c) => c.stage.id === labelling.stageId);
  if (!row || !column) return null;
  const point = readCurve(map, labelling.segmentId).find((p) => p.stageId === labelling.stageId);
  const at = toScreen(viewport, { x: stageCenter(column) + 14, y: scoreY(row, point?.score ?? 0) - 16 });
  return (
    <input
      key={`${labelling.segmentId}-${labelling.stageId}`}
      className="header-editor"
      aria-label="Why the customer feels this way here"
      placeholder="Why?"
      defaultValue={point?.label ?? ""}
      maxLength={MAX_TITLE}
      // biome-ignore lint/a11y/noAutofocus: the field appears because the participant double-clicked the point.
      autoFocus
      style={{ left: at.x, top: at.y, width: 240 }}
      onBlur={(e) => {
        if (e.target.value !== (point?.label ?? ""))
          edit(() => setEmotionLabel(map, labelling.segmentId, labelling.stageId, e.target.value));
        label(null);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") label(null);
      }}
    />
  );
}
