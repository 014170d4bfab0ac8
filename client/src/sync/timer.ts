import { readTimers, type Timer, type TimerAction, type TimerScope } from "@journeyboard/shared";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { callApi } from "./api.js";
import type { BoardConnection } from "./connection.js";

/** Asks the relay to change the timer; only a facilitator's link is heard. */
export async function changeTimer(connection: Pick<BoardConnection, "boardId" | "token">, request: TimerAction) {
  await callApi("POST", `/api/boards/${connection.boardId}/timer`, connection.token, request);
}

/** The session and step timers, from the control document (written by the relay alone). */
export function useTimers(connection: Pick<BoardConnection, "control">): Partial<Record<TimerScope, Timer>> {
  const { control } = connection;
  const store = useMemo(() => {
    let value = readTimers(control);
    const stored = control.getMap("timer");
    return {
      subscribe(onChange: () => void) {
        const handler = () => {
          value = readTimers(control);
          onChange();
        };
        stored.observe(handler);
        return () => stored.unobserve(handler);
      },
      get: () => value,
    };
  }, [control]);
  return useSyncExternalStore(
    store.subscribe,
    useCallback(() => store.get(), [store]),
  );
}
