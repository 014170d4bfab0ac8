import { useEffect, useRef } from "react";
import { useUi } from "../ui-state.js";

/**
 * The app's own "are you sure?": a modal over the board, Escape or "Cancel" to keep things as they are,
 * the named action to go ahead. Replaces the browser's confirm(), which blocks every tab and cannot be
 * styled or tested.
 */
export function ConfirmDialog() {
  const confirmation = useUi((s) => s.confirmation);
  const answer = useUi((s) => s.answer);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!confirmation) return;
    cancel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") answer(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [confirmation, answer]);
  if (!confirmation) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-label={confirmation.title}>
        <h2>{confirmation.title}</h2>
        <p>{confirmation.message}</p>
        <div className="share-row">
          <button type="button" className="danger" onClick={() => answer(true)}>
            {confirmation.confirmLabel}
          </button>
          <button type="button" ref={cancel} onClick={() => answer(false)}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
