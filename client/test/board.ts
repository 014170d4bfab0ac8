import { type Board, createBoard, getMap, type JourneyMap, listMaps, openBoard } from "@journeyboard/shared";
import { createElement, type ReactNode } from "react";
import * as Y from "yjs";
import type { CommandContext } from "../src/commands/commands.js";
import { CommandScope } from "../src/commands/scope.js";

/** A real board document with this participant's origin and undo history, as the app makes it. */
export function localBoard(): { doc: Y.Doc; board: Board; map: JourneyMap; ctx: CommandContext } {
  const doc = new Y.Doc();
  createBoard(doc);
  const origin = { participant: "local" };
  const board = openBoard(doc, origin);
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("a new board has a map");
  const undo = new Y.UndoManager([doc.getMap("maps"), doc.getMap("meta")], { trackedOrigins: new Set([origin]) });
  return {
    doc,
    board,
    map,
    ctx: { connection: { undo }, map, author: "Ana", authorColor: "#1971C2", readOnly: false },
  };
}

/** A board control as the board page gives it: inside its command scope. */
export function inScope(ctx: CommandContext, control: ReactNode): ReactNode {
  return createElement(CommandScope, { value: ctx }, control);
}
