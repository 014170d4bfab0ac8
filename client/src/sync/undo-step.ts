import type * as Y from "yjs";

/**
 * Makes everything this participant changes from now until the returned `end` is called one step to
 * undo, however long it takes: a drag that pauses longer than the undo manager's capture timeout would
 * otherwise be split into several steps. Calling `end` again does nothing.
 */
export function beginUndoStep(undo: Pick<Y.UndoManager, "stopCapturing" | "captureTimeout">): () => void {
  undo.stopCapturing();
  const timeout = undo.captureTimeout;
  undo.captureTimeout = Number.POSITIVE_INFINITY;
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    undo.captureTimeout = timeout;
    undo.stopCapturing();
  };
}
