import type { ReactNode } from "react";
import { useUi } from "../ui-state.js";

/** A panel sliding in on the right, one at a time, closed with its button or Escape. */
export function SidePanel({ title, children }: { title: string; children: ReactNode }) {
  const open = useUi((s) => s.openPanel);
  return (
    <aside className="side-panel" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={() => open(null)}>
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}
