import { createContext, useContext, useMemo } from "react";
import { type CommandContext, editBoard } from "./commands.js";

const Scope = createContext<CommandContext | null>(null);

/** Gives every control of the board page the command context, so they share one read-only gate. */
export const CommandScope = Scope.Provider;

export function useCommandContext(): CommandContext {
  const ctx = useContext(Scope);
  if (!ctx) throw new Error("a board control is used outside its board's CommandScope");
  return ctx;
}

/**
 * For controls that change the board (panels, menus, fields): whether they may, and `edit`, which runs a
 * change through the registry's gate (refused with the reason on a read-only board; one undo step).
 */
export function useBoardEdit(): { readOnly: boolean; edit: <T>(change: () => T) => T | undefined } {
  const ctx = useCommandContext();
  return useMemo(() => ({ readOnly: ctx.readOnly, edit: <T,>(change: () => T) => editBoard(ctx, change) }), [ctx]);
}
