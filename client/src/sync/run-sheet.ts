import { type RunSheet, type RunSheetStep, readRunSheet, readStepRuns, type StepRun } from "@journeyboard/shared";
import { useCallback } from "react";
import type * as Y from "yjs";
import { callApi } from "./api.js";
import type { BoardConnection } from "./connection.js";
import { useObserved } from "./hooks.js";

/** The agenda, the current step and every step's runs, from the control document (written by the relay alone). */
export function useRunSheet(connection: Pick<BoardConnection, "control">): RunSheet & { runs: StepRun[] } {
  const { control } = connection;
  const read = useCallback(() => ({ ...readRunSheet(control), runs: readStepRuns(control) }), [control]);
  return useObserved(
    control.getMap("runSheet") as Y.AbstractType<unknown>,
    control.getArray("stepRuns") as Y.AbstractType<unknown>,
    read,
  );
}

/** A step's fields as the facilitator sets them (the relay gives a new step its id). */
export type StepFields = Omit<RunSheetStep, "id">;

export type RunSheetRequest =
  | { action: "default"; mapId: string }
  | { action: "add"; step: StepFields }
  | { action: "edit"; stepId: string; step: StepFields }
  | { action: "move"; stepId: string; to: number }
  | { action: "remove"; stepId: string }
  | { action: "start"; stepId: string; from: string | null }
  | { action: "finish"; from: string | null };

/** A facilitator's run-sheet action: the relay checks it and writes the result into the control document. */
export function runSheetAction(connection: Pick<BoardConnection, "boardId" | "token">, request: RunSheetRequest) {
  return callApi<RunSheet>("POST", `/api/boards/${connection.boardId}/runsheet`, connection.token, request);
}
