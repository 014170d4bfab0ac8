import { useMinimapShown } from "../canvas/minimap-shown.js";
import type { CommandContext } from "../commands/commands.js";
import { useUi } from "../ui-state.js";
import { CommandButton } from "./command-button.js";

export function ZoomControls({ ctx }: { ctx: CommandContext }) {
  const scale = useUi((s) => s.viewport.scale);
  const minimap = useMinimapShown((s) => s.shown);
  return (
    <fieldset className="zoom-controls" aria-label="Zoom">
      <CommandButton id="view.minimap" icon="minimap" ctx={ctx} pressed={minimap} />
      <CommandButton id="view.zoom-out" icon="minus" ctx={ctx} />
      <CommandButton id="view.actual-size" ctx={ctx} text={`${Math.round(scale * 100)} %`} />
      <CommandButton id="view.zoom-in" icon="plus" ctx={ctx} />
      <CommandButton id="view.fit" icon="fit" ctx={ctx} />
    </fieldset>
  );
}
