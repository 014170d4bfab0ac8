import { useUi } from "../ui-state.js";
import { CommandButton } from "./command-button.js";

/** The vertical tool bar on the left: tools, undo and redo, and the shortcut list. */
export function Toolbar() {
  const tool = useUi((s) => s.tool);
  const panel = useUi((s) => s.panel);
  return (
    <nav className="toolbar" aria-label="Tools">
      <CommandButton id="tool.select" icon="select" pressed={tool === "select"} />
      <CommandButton id="tool.hand" icon="hand" pressed={tool === "hand"} />
      <CommandButton id="tool.note" icon="note" pressed={tool === "note"} />
      <hr />
      <CommandButton id="edit.undo" icon="undo" />
      <CommandButton id="edit.redo" icon="redo" />
      <hr />
      <CommandButton id="panel.segments" icon="segments" pressed={panel === "segments"} />
      <CommandButton id="panel.scoring" icon="scoring" pressed={panel === "scoring"} />
      <CommandButton id="panel.voting" icon="voting" pressed={panel === "voting"} />
      <CommandButton id="panel.balance" icon="balance" pressed={panel === "balance"} />
      <CommandButton id="panel.compare" icon="compare" pressed={panel === "compare"} />
      <CommandButton id="panel.legend" icon="legend" pressed={panel === "legend"} />
      <CommandButton id="panel.runsheet" icon="runsheet" pressed={panel === "runsheet"} />
      <CommandButton id="panel.walkthrough" icon="walkthrough" pressed={panel === "walkthrough"} />
      <CommandButton id="panel.rounds" icon="rounds" pressed={panel === "rounds"} />
      <CommandButton id="panel.summary" icon="summary" pressed={panel === "summary"} />
      <CommandButton id="panel.raci" icon="raci" pressed={panel === "raci"} />
      <CommandButton id="panel.export" icon="export" pressed={panel === "export"} />
      <CommandButton id="panel.import" icon="import" pressed={panel === "import"} />
      <hr />
      <CommandButton id="panel.shortcuts" icon="help" pressed={panel === "shortcuts"} />
    </nav>
  );
}
