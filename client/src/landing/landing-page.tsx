import type { CreatedBoard } from "@journeyboard/shared";
import { useCallback, useState } from "react";
import { useFileDrop } from "../files/file-drop.js";
import { navigate } from "../routes.js";
import { recentBoards } from "./recent-boards.js";

/** Where a workshop starts: create a board, or go back to one this browser has opened. */
export function LandingPage({ createBoard = postBoard }: { createBoard?: () => Promise<CreatedBoard> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recent = recentBoards();
  const [opening, setOpening] = useState<string | null>(null);

  // A Journeyboard file, or a PNG exported with its board, opens as a new board: checked whole first.
  const open = useCallback(async (file: File) => {
    setError(null);
    setOpening(`Reading ${file.name}…`);
    try {
      // Loaded with the first file, so the landing page stays light.
      const { importAsNewBoard, readBoardFile } = await import("../files/board-files.js");
      const read = await readBoardFile(file, (step) =>
        setOpening(step === "reading" ? `Reading ${file.name}…` : `Checking ${file.name}…`),
      );
      if (!read.ok) {
        setError(`${file.name} cannot be opened: ${read.message}`);
        return;
      }
      setOpening("Creating the board…");
      const board = await importAsNewBoard(read.file);
      navigate(board.url, { created: true });
    } catch (cause) {
      setError(`The board could not be created: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      setOpening(null);
    }
  }, []);
  useFileDrop(open);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard();
      navigate(board.url, { created: true });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      setError(`The board could not be created: ${reason}. Check your connection and try again.`);
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
      <label className="landing-open">
        Or open a file: a Journeyboard file (JSON) or a PNG exported with its board; or drop it on this page.
        <input
          type="file"
          aria-label="Open a file"
          accept=".json,.png,application/json,image/png"
          disabled={opening !== null}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void open(file);
          }}
        />
      </label>
      {opening && (
        <p role="status" className="muted">
          {opening}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
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
