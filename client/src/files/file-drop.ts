import { useEffect, useRef } from "react";

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes("Files") ?? false;
}

/**
 * Takes a file dropped anywhere on the page (a Journeyboard file or a PNG exported with its board); the
 * browser would otherwise open it in place of the app. Its own module, light enough for the landing page.
 */
export function useFileDrop(onFile: (file: File) => void): void {
  // The latest handler, so the page's listeners are added once however often it renders.
  const handler = useRef(onFile);
  handler.current = onFile;
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) handler.current(file);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("drop", drop);
    };
  }, []);
}
