import {
  activityTitle,
  addSystem,
  describeFlag,
  type JourneyMap,
  nextCellLetters,
  RACI_LIMITS,
  type RaciActivity,
  type RaciFlag,
  type RaciGrid,
  removeActivity,
  removeSystem,
  type Stage,
  setCellLetters,
  UNTITLED_ACTIVITY,
  updateActivity,
} from "@journeyboard/shared";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { runCommand } from "../commands/commands.js";
import { matches } from "../commands/keys.js";
import { useBoardEdit, useCommandContext } from "../commands/scope.js";
import { bindTextarea } from "../sync/text-binding.js";
import { type CellVisitor, cellId } from "./cell-presence.js";
import { STAGE_COLUMN, SYSTEMS_COLUMN, TITLE_COLUMN } from "./grid-rows.js";
import { useNoteTexts } from "./use-grid.js";

/** The id of the datalist that offers the systems already named on the board. */
export const SYSTEMS_LIST = "raci-system-suggestions";

type CellProps = {
  cell: string;
  column: string;
  tabStop: string | null;
  visitors: ReadonlyMap<string, CellVisitor[]>;
  onFocusCell: (cell: { activityId: string; column: string }) => void;
  activityId: string;
};

/** A cell of the roving grid: focusable by the arrows, the Tab stop when it is the active one, others' presence shown. */
function Cell(
  props: CellProps & {
    header?: boolean;
    label?: string;
    className?: string;
    onClick?: () => void;
    children: ReactNode;
  },
) {
  const here = props.visitors.get(props.cell) ?? [];
  const Tag = props.header ? "th" : "td";
  return (
    <Tag
      role={props.header ? "rowheader" : "gridcell"}
      scope={props.header ? "row" : undefined}
      tabIndex={props.tabStop === props.column ? 0 : -1}
      data-cell={props.cell}
      aria-label={props.label}
      className={props.className}
      style={here[0] ? { boxShadow: `inset 0 0 0 2px ${here[0].color}` } : undefined}
      onFocus={() => props.onFocusCell({ activityId: props.activityId, column: props.column })}
      onClick={props.onClick}
    >
      {props.children}
      {here.length > 0 && (
        <span className="raci-visitors">
          {here.slice(0, 3).map((v) => (
            <span key={v.clientId} className="raci-visitor" style={{ background: v.color }} title={`${v.name} is here`}>
              {v.name.slice(0, 1).toUpperCase()}
            </span>
          ))}
          {here.length > 3 && <span className="raci-visitor more">+{here.length - 3}</span>}
        </span>
      )}
    </Tag>
  );
}

/** One activity: its title (with its linked notes and its flags), its stage, its letters, its systems. */
export function ActivityRow(props: {
  map: JourneyMap;
  grid: RaciGrid;
  activity: RaciActivity;
  stages: readonly Stage[];
  flags: readonly RaciFlag[];
  tabStop: string | null;
  visitors: ReadonlyMap<string, CellVisitor[]>;
  editing: boolean;
  /** Ends editing the title; `refocus` puts the focus back on its cell (not when it went elsewhere). */
  stopEditing: (refocus: boolean) => void;
  onFocusCell: (cell: { activityId: string; column: string }) => void;
}) {
  const { map, grid, activity, stages, flags } = props;
  const { edit } = useBoardEdit();
  const name = activity.title || UNTITLED_ACTIVITY;
  const common = {
    tabStop: props.tabStop,
    visitors: props.visitors,
    onFocusCell: props.onFocusCell,
    activityId: activity.id,
  };
  const cell = (column: string) => ({ ...common, column, cell: cellId(activity.id, column) });
  const notes = useNoteTexts(map, activity.noteIds);
  return (
    <tr>
      <Cell {...cell(TITLE_COLUMN)} header className="raci-title">
        {props.editing ? (
          <TitleEditor map={map} activityId={activity.id} done={props.stopEditing} />
        ) : (
          <span className={activity.title ? "raci-title-text" : "raci-title-text untitled"}>{name}</span>
        )}
        <button
          type="button"
          className="icon-button raci-remove"
          tabIndex={-1}
          aria-label={`Remove activity ${name}`}
          title="Remove this activity (undo brings it back)"
          onClick={() => edit(() => removeActivity(map, activity.id))}
        >
          ×
        </button>
        {activity.noteIds.length > 0 && (
          <ul className="raci-notes">
            {activity.noteIds.map((id) => (
              <li key={id}>{notes[id] || "(empty note)"}</li>
            ))}
          </ul>
        )}
        {flags.length > 0 && (
          <ul className="raci-flags">
            {flags.map((flag) => (
              <li key={flag.kind}>⚑ {describeFlag(flag, grid, "inline")}</li>
            ))}
          </ul>
        )}
      </Cell>
      <Cell {...cell(STAGE_COLUMN)} label={`Stage of ${name}`}>
        <select
          aria-label={`Stage of ${name}`}
          tabIndex={-1}
          value={activity.stageId ?? ""}
          onChange={(e) => edit(() => updateActivity(map, activity.id, { stageId: e.target.value || null }))}
        >
          <option value="">No stage</option>
          {stages.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.title}
            </option>
          ))}
        </select>
      </Cell>
      {grid.roles.map((role) => {
        const letters = activity.cells[role.id] ?? [];
        return (
          <Cell
            key={role.id}
            {...cell(role.id)}
            label={`${name}, ${role.name}: ${letters.length > 0 ? letters.join(" ") : "none"}`}
            className="raci-cell"
            onClick={() => edit(() => setCellLetters(map, activity.id, role.id, nextCellLetters(letters)))}
          >
            <span aria-hidden="true">{letters.join("/")}</span>
          </Cell>
        );
      })}
      <Cell {...cell(SYSTEMS_COLUMN)} label={`Systems ${name} needs`} className="raci-systems">
        <SystemsField map={map} activity={activity} name={name} />
      </Cell>
    </tr>
  );
}

/** The systems an activity needs: each removable, a field to add one with the board's systems offered. */
function SystemsField({ map, activity, name }: { map: JourneyMap; activity: RaciActivity; name: string }) {
  const { edit } = useBoardEdit();
  const [typed, setTyped] = useState("");
  return (
    <>
      {activity.systems.map((system) => (
        <span key={system.key} className="raci-system">
          {system.name}
          <button
            type="button"
            tabIndex={-1}
            aria-label={`${name} no longer needs ${system.name}`}
            onClick={() => edit(() => removeSystem(map, activity.id, system.key))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={`Add a system ${name} needs`}
        placeholder="Add system"
        list={SYSTEMS_LIST}
        tabIndex={-1}
        maxLength={RACI_LIMITS.systemName}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") (e.currentTarget.closest("[data-cell]") as HTMLElement | null)?.focus();
          if (e.key !== "Enter" || typed.trim() === "") return;
          e.preventDefault();
          if (edit(() => addSystem(map, activity.id, typed))) setTyped("");
        }}
      />
    </>
  );
}

/**
 * The activity's title, bound to its Y.Text as a note's text is (two people typing both keep their text),
 * kept to the title's limit. Enter, Escape or leaving ends editing; undo and redo work while typing.
 */
function TitleEditor({
  map,
  activityId,
  done,
}: {
  map: JourneyMap;
  activityId: string;
  done: (refocus: boolean) => void;
}) {
  const ctx = useCommandContext();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const text = activityTitle(map, activityId);
    const textarea = ref.current;
    if (!text || !textarea) return;
    const unbind = bindTextarea(textarea, text, map.board.origin, RACI_LIMITS.activityTitle);
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    ctx.connection.undo.stopCapturing();
    return () => {
      unbind();
      ctx.connection.undo.stopCapturing();
    };
  }, [map, activityId, ctx]);
  return (
    <textarea
      ref={ref}
      className="raci-title-editor"
      aria-label="Activity title"
      rows={2}
      maxLength={RACI_LIMITS.activityTitle}
      onBlur={() => done(false)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        const native = e.nativeEvent;
        if ((e.key === "Enter" && !e.shiftKey) || e.key === "Escape") {
          e.preventDefault();
          done(true);
        } else if (matches(native, "Mod+Z")) {
          e.preventDefault();
          runCommand("edit.undo", ctx);
        } else if (matches(native, "Mod+Shift+Z") || matches(native, "Mod+Y")) {
          e.preventDefault();
          runCommand("edit.redo", ctx);
        }
      }}
    />
  );
}
