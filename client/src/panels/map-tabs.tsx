import { type Board, deleteMap, type MapSummary, moveMap, renameMap } from "@journeyboard/shared";
import { useEffect, useState } from "react";
import { useBoardEdit } from "../commands/scope.js";
import { useUi } from "../ui-state.js";
import { DraftField } from "./draft-field.js";

/**
 * The map tabs (current state, future state...). Double-click a tab to rename it; right-click it to
 * rename, move or delete it. Deleting asks first, and undo brings the map back.
 */
export function MapTabs(props: { board: Board; maps: readonly MapSummary[] }) {
  const { board, maps } = props;
  // Each action on a tab is a step of its own in this participant's undo history.
  const { readOnly, edit: step } = useBoardEdit();
  const mapId = useUi((s) => s.mapId);
  const setMap = useUi((s) => s.setMap);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  useEffect(() => {
    if (!menu) return;
    const close = () => setMenu(null);
    window.addEventListener("pointerdown", close);
    return () => window.removeEventListener("pointerdown", close);
  }, [menu]);
  const index = maps.findIndex((m) => m.id === menu?.id);
  const target = maps[index];
  const items: [string, () => void, boolean][] = target
    ? [
        ["Rename", () => setRenaming(target.id), false],
        ["Move left", () => step(() => moveMap(board, target.id, index - 1)), index === 0],
        ["Move right", () => step(() => moveMap(board, target.id, index + 1)), index === maps.length - 1],
        [
          "Delete map",
          () =>
            useUi.getState().ask({
              title: `Delete the map "${target.title}"?`,
              message: "Its notes and curves go with it. Undo brings it back.",
              confirmLabel: "Delete map",
              run: () => step(() => deleteMap(board, target.id)),
            }),
          maps.length <= 1,
        ],
      ]
    : [];
  return (
    <nav className="map-tabs" aria-label="Maps">
      {maps.map((m) =>
        renaming === m.id ? (
          <DraftField
            key={m.id}
            className="map-tab-name"
            label="Map name"
            value={m.title}
            maxLength={120}
            onCommit={(title) => step(() => renameMap(board, m.id, title))}
            onDone={() => setRenaming(null)}
            autoFocus
          />
        ) : (
          <button
            key={m.id}
            type="button"
            aria-current={m.id === mapId ? "page" : undefined}
            onClick={() => setMap(m.id)}
            onDoubleClick={() => !readOnly && setRenaming(m.id)}
            onContextMenu={(event) => {
              event.preventDefault();
              if (!readOnly) setMenu({ id: m.id, x: event.clientX, y: event.clientY });
            }}
          >
            {m.title}
          </button>
        ),
      )}
      {menu && target && (
        <div
          className="context-menu"
          role="menu"
          aria-label="Map"
          style={{ position: "fixed", left: menu.x, top: menu.y }}
        >
          {items.map(([label, run, disabled]) => (
            <button
              key={label}
              type="button"
              role="menuitem"
              disabled={disabled}
              // Runs on pointer down, before the window's listener closes the menu.
              onPointerDown={(event) => {
                event.stopPropagation();
                setMenu(null);
                run();
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </nav>
  );
}
