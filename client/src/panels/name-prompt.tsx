import { MAX_NAME } from "@journeyboard/shared";
import { useId, useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { renameSelf } from "../sync/presence.js";

/**
 * Asks someone new to this browser for the name the others will see on their cursor, in the
 * participant list and on their notes. Meanwhile they are on the board under the suggested name; Escape
 * or "Skip" keeps it. Either answer is kept in this browser, so the question comes once.
 */
export function NamePrompt({ connection, suggestion }: { connection: BoardConnection; suggestion: string }) {
  const [open, setOpen] = useState(true);
  const [name, setName] = useState(suggestion);
  const titleId = useId();
  const hintId = useId();
  if (!open) return null;
  const answer = (chosen: string) => {
    renameSelf(connection, chosen.trim() || suggestion);
    setOpen(false);
  };
  return (
    <div className="modal-backdrop">
      <form
        className="modal name-prompt"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={hintId}
        onSubmit={(e) => {
          e.preventDefault();
          answer(name);
        }}
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          e.stopPropagation();
          answer(suggestion);
        }}
      >
        <h2 id={titleId}>What should others call you?</h2>
        <p id={hintId}>Your name shows on your cursor, in the participant list and on the notes you add.</p>
        <input
          className="name-field"
          aria-label="Your name"
          value={name}
          maxLength={MAX_NAME}
          // biome-ignore lint/a11y/noAutofocus: the dialog asks for this one field; it opens as the board does.
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="share-row">
          <button type="submit" className="primary">
            Join the board
          </button>
          <button type="button" onClick={() => answer(suggestion)}>
            Skip
          </button>
        </div>
      </form>
    </div>
  );
}
