import { useEffect } from "react";
import { COMMANDS, type CommandContext, runCommand } from "./commands.js";
import { matches } from "./keys.js";

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === "INPUT" ||
      target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT")
  );
}

/** Runs the command bound to a key, unless the participant is typing in a field. */
export function handleShortcut(event: KeyboardEvent, ctx: CommandContext): boolean {
  if (isTyping(event.target)) return false;
  const found = COMMANDS.find((c) => c.keys.some((combo) => matches(event, combo)));
  if (!found) return false;
  event.preventDefault();
  runCommand(found.id, ctx);
  return true;
}

export function useShortcuts(ctx: CommandContext): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => handleShortcut(event, ctx);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ctx]);
}
