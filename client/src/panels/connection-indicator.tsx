import type { ConnectionState } from "../sync/connection.js";

/** Live, connecting, or offline (and whether edits made offline are still to be sent). */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { text, detail } = describe(state);
  return (
    <output className="connection" data-link={state.link} title={detail} aria-live="polite">
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </output>
  );
}

export function describe(state: ConnectionState): { text: string; detail: string } {
  if (state.link === "live") return { text: "Live", detail: "Connected: everyone sees your changes as you make them." };
  if (state.unsent) {
    return {
      text: "Offline · unsent changes",
      detail: "Your changes are kept in this browser and will be sent when the connection is back.",
    };
  }
  if (state.link === "connecting")
    return { text: "Connecting…", detail: state.waiting ?? "Reaching the board's server." };
  return {
    text: "Offline",
    detail: state.waiting ?? "Not connected. You can keep working; changes are sent when the connection is back.",
  };
}
