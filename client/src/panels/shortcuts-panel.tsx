import { COMMANDS } from "../commands/commands.js";
import { displayCombo } from "../commands/keys.js";
import { useUi } from "../ui-state.js";

const GESTURES: readonly [string, string][] = [
  ["Double-click the board", "New note there"],
  ["Double-click a note", "Edit its text"],
  ["Drag empty board", "Pan"],
  ["Shift + drag empty board", "Select with a rubber band"],
  ["Shift + click a note", "Add to or remove from the selection"],
  ["Space + drag", "Pan from anywhere"],
  ["Ctrl/⌘ + wheel, or pinch", "Zoom around the pointer"],
];

/** Every shortcut, read from the command registry itself. */
export function ShortcutsPanel() {
  const close = useUi((s) => s.openPanel);
  return (
    <aside className="side-panel" aria-label="Keyboard shortcuts">
      <header>
        <h2>Keyboard shortcuts</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          title="Close (Esc)"
          onClick={() => close(null)}
        >
          ×
        </button>
      </header>
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
    </aside>
  );
}
