import type { CreatedBoard } from "@journeyboard/shared";
import { useState } from "react";
import { navigate } from "../routes.js";
import { recentBoards } from "./recent-boards.js";

/** Where a workshop starts: create a board, or go back to one this browser has opened. */
export function LandingPage({ createBoard = postBoard }: { createBoard?: () => Promise<CreatedBoard> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recent = recentBoards();

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard();
      navigate(board.url, { created: true });
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
      setBusy(false);
    }
  };

  return (
    <main className="landing">
      <h1>Journeyboard</h1>
      <p className="lede">
        Map the whole customer journey together, live: from “I have a job to do” through buying, using and renewing, to
        getting help. See at a glance whether the experience after the sale is as good as the one before it.
      </p>
      <button type="button" className="primary large" onClick={create} disabled={busy}>
        {busy ? "Creating…" : "New journey board"}
      </button>
      {error && (
        <p role="alert" className="error">
          The board could not be created: {error}. Check your connection and try again.
        </p>
      )}
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">Recent boards</h2>
        {recent.length === 0 ? (
          <p className="muted">Boards you open in this browser appear here.</p>
        ) : (
          <ul className="recent">
            {recent.map((board) => (
              <li key={board.id}>
                <a
                  href={board.path}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(board.path);
                  }}
                >
                  {board.title}
                </a>
                <span className="muted"> · opened {new Date(board.openedAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

async function postBoard(): Promise<CreatedBoard> {
  const response = await fetch("/api/boards", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `the server answered ${response.status}`);
  }
  return (await response.json()) as CreatedBoard;
}
