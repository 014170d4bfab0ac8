import { create } from "zustand";

/** A file dropped onto the board page, waiting for the Import panel to ask what to do with it. */
export const useDroppedFile = create<{ file: File | null; offer(file: File | null): void }>((set) => ({
  file: null,
  offer: (file) => set({ file }),
}));
