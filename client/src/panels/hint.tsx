import { useEffect } from "react";
import { useUi } from "../ui-state.js";

/** How long a hint stays on screen. */
const HINT_SECONDS = 4;

/** A short line at the bottom of the board, e.g. why an edit did nothing; it goes by itself. */
export function Hint() {
  const hint = useUi((s) => s.hint);
  const count = useUi((s) => s.hintCount);
  const clearHint = useUi((s) => s.clearHint);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each hint shown, even one shown again, stays its full time.
  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(clearHint, HINT_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [hint, count, clearHint]);
  return (
    <div className="hint" role="status" aria-live="polite" hidden={!hint}>
      {hint}
    </div>
  );
}
