import { useMinimapShown } from "../canvas/minimap-shown.js";
import { useUi } from "../ui-state.js";
import { CommandButton } from "./command-button.js";

export function ZoomControls() {
  const scale = useUi((s) => s.viewport.scale);
  const minimap = useMinimapShown((s) => s.shown);
  return (
    <fieldset className="zoom-controls" aria-label="Zoom">
      <CommandButton id="view.minimap" icon="minimap" pressed={minimap} />
      <CommandButton id="view.zoom-out" icon="minus" />
      <CommandButton id="view.actual-size" text={`${Math.round(scale * 100)} %`} />
      <CommandButton id="view.zoom-in" icon="plus" />
      <CommandButton id="view.fit" icon="fit" />
    </fieldset>
  );
}
