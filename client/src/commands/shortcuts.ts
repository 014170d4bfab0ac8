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

/**
 * A widget marked `data-own-keys` (the RACI grid) handles its own keys: arrows, letters and Delete there
 * must not nudge, switch tools or delete notes. Undo, redo and Escape still reach the board.
 */
const THROUGH_OWN_KEYS: ReadonlySet<string> = new Set(["edit.undo", "edit.redo", "escape"]);

function ownsKeys(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("[data-own-keys]") !== null;
}

/** Runs the command bound to a key, unless the participant is typing in a field. */
export function handleShortcut(event: KeyboardEvent, ctx: CommandContext): boolean {
  if (isTyping(event.target)) return false;
  const found = COMMANDS.find((c) => c.keys.some((combo) => matches(event, combo)));
  if (!found || (ownsKeys(event.target) && !THROUGH_OWN_KEYS.has(found.id))) return false;
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
