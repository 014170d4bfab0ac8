import { useEffect } from "react";
import { create } from "zustand";
import type { BoardConnection } from "../sync/connection.js";
import { useUi } from "../ui-state.js";
import { applyWaitingImport } from "./board-files.js";

/** A file dropped onto the board page, waiting for the Files panel to ask what to do with it. */
export const useDroppedFile = create<{ file: File | null; offer(file: File | null): void }>((set) => ({
  file: null,
  offer: (file) => set({ file }),
}));

/** Fills a board just created for a file (see `importAsNewBoard`) once it has loaded, and shows its first map. */
export function useWaitingImport(connection: BoardConnection, loaded: boolean): void {
  useEffect(() => {
    if (!loaded) return;
    void applyWaitingImport(connection).then((mapId) => {
      if (mapId) useUi.getState().setMap(mapId);
    });
  }, [connection, loaded]);
}
