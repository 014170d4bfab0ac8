import { MAX_NAME } from "@journeyboard/shared";
import { useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { renameSelf, useParticipants } from "../sync/presence.js";

/** Everyone on the board as avatars; click your own to change your name. */
export function Participants({ connection }: { connection: BoardConnection }) {
  const participants = useParticipants(connection);
  const [renaming, setRenaming] = useState(false);
  const self = participants.find((p) => p.isSelf);
  return (
    <ul className="participants" aria-label={`${participants.length} on this board`}>
      {participants.map((p) => (
        <li key={p.clientId}>
          {p.isSelf && renaming ? (
            <input
              className="name-input"
              aria-label="Your name"
              defaultValue={self?.name}
              maxLength={MAX_NAME}
              // biome-ignore lint/a11y/noAutofocus: the field appears because the participant asked to rename.
              autoFocus
              onBlur={(e) => {
                renameSelf(connection, e.target.value);
                setRenaming(false);
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter") e.currentTarget.blur();
                if (e.key === "Escape") setRenaming(false);
              }}
            />
          ) : (
            <button
              type="button"
              className="avatar"
              style={{ background: p.color }}
              title={p.isSelf ? `${p.name} (you): click to change your name` : p.name}
              aria-label={p.isSelf ? `${p.name} (you)` : p.name}
              disabled={!p.isSelf}
              onClick={() => setRenaming(true)}
            >
              {initials(p.name)}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words.length > 1 ? (words.at(-1)?.[0] ?? "") : "")).toUpperCase();
}
