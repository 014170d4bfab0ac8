import type { CommandContext } from "../commands/commands.js";
import { useUi } from "../ui-state.js";
import { CommandButton } from "./command-button.js";

/** The vertical tool bar on the left: tools, undo and redo, and the shortcut list. */
export function Toolbar({ ctx }: { ctx: CommandContext }) {
  const tool = useUi((s) => s.tool);
  return (
    <nav className="toolbar" aria-label="Tools">
      <CommandButton id="tool.select" icon="select" ctx={ctx} pressed={tool === "select"} />
      <CommandButton id="tool.hand" icon="hand" ctx={ctx} pressed={tool === "hand"} />
      <CommandButton id="tool.note" icon="note" ctx={ctx} pressed={tool === "note"} />
      <hr />
      <CommandButton id="edit.undo" icon="undo" ctx={ctx} />
      <CommandButton id="edit.redo" icon="redo" ctx={ctx} />
      <hr />
      <CommandButton id="help.shortcuts" icon="help" ctx={ctx} />
    </nav>
  );
}
