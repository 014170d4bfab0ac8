import { create } from "zustand";

/** Whether this browser shows the minimap: a preference of the person, kept across boards and reloads. */
const KEY = "journeyboard:minimap";

export const useMinimapShown = create<{ shown: boolean }>()(() => ({ shown: localStorage.getItem(KEY) !== "hidden" }));

export function toggleMinimap(): void {
  const shown = !useMinimapShown.getState().shown;
  useMinimapShown.setState({ shown });
  localStorage.setItem(KEY, shown ? "shown" : "hidden");
}
