import type { CommandContext } from "../commands/commands.js";
import { useUi } from "../ui-state.js";
import { CommandButton } from "./command-button.js";

/** The vertical tool bar on the left: tools, undo and redo, and the shortcut list. */
export function Toolbar({ ctx }: { ctx: CommandContext }) {
  const tool = useUi((s) => s.tool);
  const panel = useUi((s) => s.panel);
  return (
    <nav className="toolbar" aria-label="Tools">
      <CommandButton id="tool.select" icon="select" ctx={ctx} pressed={tool === "select"} />
      <CommandButton id="tool.hand" icon="hand" ctx={ctx} pressed={tool === "hand"} />
      <CommandButton id="tool.note" icon="note" ctx={ctx} pressed={tool === "note"} />
      <hr />
      <CommandButton id="edit.undo" icon="undo" ctx={ctx} />
      <CommandButton id="edit.redo" icon="redo" ctx={ctx} />
      <hr />
      <CommandButton id="panel.segments" icon="segments" ctx={ctx} pressed={panel === "segments"} />
      <CommandButton id="panel.scoring" icon="scoring" ctx={ctx} pressed={panel === "scoring"} />
      <CommandButton id="panel.voting" icon="voting" ctx={ctx} pressed={panel === "voting"} />
      <CommandButton id="panel.balance" icon="balance" ctx={ctx} pressed={panel === "balance"} />
      <CommandButton id="panel.compare" icon="compare" ctx={ctx} pressed={panel === "compare"} />
      <CommandButton id="panel.legend" icon="legend" ctx={ctx} pressed={panel === "legend"} />
      <CommandButton id="panel.runsheet" icon="runsheet" ctx={ctx} pressed={panel === "runsheet"} />
      <CommandButton id="panel.walkthrough" icon="walkthrough" ctx={ctx} pressed={panel === "walkthrough"} />
      <CommandButton id="panel.rounds" icon="rounds" ctx={ctx} pressed={panel === "rounds"} />
      <CommandButton id="panel.summary" icon="summary" ctx={ctx} pressed={panel === "summary"} />
      <hr />
      <CommandButton id="panel.shortcuts" icon="help" ctx={ctx} pressed={panel === "shortcuts"} />
    </nav>
  );
}
