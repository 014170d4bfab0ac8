import { COMMANDS } from "../commands/commands.js";
import { displayCombo } from "../commands/keys.js";
import { SidePanel } from "./side-panel.js";

const GESTURES: readonly [string, string][] = [
  ["Double-click the board", "New note there"],
  ["Double-click a note", "Edit its text"],
  ["Drag empty board", "Pan"],
  ["Shift + drag empty board", "Select with a rubber band"],
  ["Shift + click a note", "Add to or remove from the selection"],
  ["Drag a selected note's corner handle", "Resize it"],
  ["Space + drag", "Pan from anywhere"],
  ["Ctrl/⌘ + wheel, or pinch", "Zoom around the pointer"],
  ["Double-click a stage or lane header", "Rename it"],
  ["Right-click a stage or lane header", "Add, move, delete, set the phase"],
  ["Drag a stage or lane header", "Reorder; drag its edge to resize"],
  ["Drag a point in the emotion lane", "Set how the stage feels (-3 to +3)"],
  ["Double-click an emotion point", "Say why"],
];

/** Every shortcut, read from the command registry itself. */
export function ShortcutsPanel() {
  return (
    <SidePanel title="Keyboard shortcuts">
      <dl>
        {COMMANDS.map((c) => (
          <div key={c.id}>
            <dt>{c.label}</dt>
            <dd>
              {c.keys.map((k) => (
                <kbd key={k}>{displayCombo(k)}</kbd>
              ))}
            </dd>
          </div>
        ))}
        {GESTURES.map(([gesture, effect]) => (
          <div key={gesture}>
            <dt>{effect}</dt>
            <dd>{gesture}</dd>
          </div>
        ))}
      </dl>
    </SidePanel>
  );
}
