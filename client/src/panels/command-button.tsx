import { command, runCommand } from "../commands/commands.js";
import { displayCombo } from "../commands/keys.js";
import { useCommandContext } from "../commands/scope.js";
import { Icon } from "./icons.js";

/** A button that runs a command; its tooltip names the command and its shortcut. */
export function CommandButton({
  id,
  icon,
  pressed,
  text,
}: {
  id: string;
  icon?: Parameters<typeof Icon>[0]["name"];
  pressed?: boolean;
  text?: string;
}) {
  const ctx = useCommandContext();
  const found = command(id);
  const shortcut = found.keys[0] ? ` (${displayCombo(found.keys[0])})` : "";
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={found.label}
      aria-pressed={pressed}
      title={`${found.label}${shortcut}`}
      disabled={found.edits === true && ctx.readOnly}
      onClick={() => runCommand(id, ctx)}
    >
      {icon && <Icon name={icon} />}
      {text}
    </button>
  );
}
