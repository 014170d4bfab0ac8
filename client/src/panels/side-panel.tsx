import type { ReactNode } from "react";
import { useUi } from "../ui-state.js";

/** A panel sliding in on the right, one at a time, closed with its button or Escape. */
export function SidePanel({
  title,
  children,
  className,
  actions,
}: {
  title: string;
  children: ReactNode;
  /** More classes, e.g. for a wide panel. */
  className?: string;
  /** Buttons beside the close button. */
  actions?: ReactNode;
}) {
  const open = useUi((s) => s.openPanel);
  return (
    <aside className={className ? `side-panel ${className}` : "side-panel"} aria-label={title}>
      <header>
        <h2>{title}</h2>
        {actions}
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={() => open(null)}>
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}
