import { BOARD_TEMPLATES, type BoardTemplateId, type CreatedBoard, DEFAULT_TEMPLATE } from "@journeyboard/shared";
import { useState } from "react";
import { useFileDrop } from "../files/file-drop.js";
import { navigate } from "../routes.js";
import { recentBoards } from "./recent-boards.js";

/** What a new board starts from: one of the templates, or a Journeyboard file someone exported. */
export type BoardSource = { template: BoardTemplateId } | { file: string };

/** Where a workshop starts: create a board from a template or a file, or go back to one this browser has opened. */
export function LandingPage({
  createBoard = postBoard,
}: {
  createBoard?: (source: BoardSource) => Promise<CreatedBoard>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [template, setTemplate] = useState<BoardTemplateId>(DEFAULT_TEMPLATE);
  const recent = recentBoards();

  const create = async (source: BoardSource) => {
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard(source);
      navigate(board.url, { created: true });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      setError(
        "file" in source
          ? `The board could not be made from this file: ${reason}.`
          : `The board could not be created: ${reason}. Check your connection and try again.`,
      );
      setBusy(false);
    }
  };

  // A PNG exported with its board gives the board's file from its text chunk; the server checks it as any file.
  const startFromFile = async (file: File | undefined) => {
    if (!file) return;
    let text: string;
    try {
      text = isPng(file) ? await boardInPng(file) : await textOf(file);
    } catch (cause) {
      setError(
        `The board could not be made from this file: ${cause instanceof Error ? cause.message : String(cause)}.`,
      );
      return;
    }
    await create({ file: text });
  };
  useFileDrop(startFromFile);

  return (
    <main className="landing">
      <h1>Journeyboard</h1>
      <p className="lede">
        Map the whole customer journey together, live: from “I have a job to do” through buying, using and renewing, to
        getting help. See at a glance whether the experience after the sale is as good as the one before it.
      </p>
      <fieldset className="templates" disabled={busy}>
        <legend>Start from</legend>
        {BOARD_TEMPLATES.map((t) => (
          <label key={t.id} className="template">
            <input
              type="radio"
              name="template"
              value={t.id}
              checked={template === t.id}
              onChange={() => setTemplate(t.id)}
            />
            <span>
              <strong>{t.name}</strong>
              <span className="muted"> · {t.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="landing-actions">
        <button type="button" className="primary large" onClick={() => create({ template })} disabled={busy}>
          {busy ? "Creating…" : "New journey board"}
        </button>
        <label className={`file-button${busy ? " disabled" : ""}`}>
          Start from a file
          <input
            type="file"
            accept=".json,.png,application/json,image/png"
            disabled={busy}
            onChange={(event) => {
              const input = event.currentTarget;
              void startFromFile(input.files?.[0]).finally(() => {
                // The same file chosen again (after fixing it) is a change too.
                input.value = "";
              });
            }}
          />
        </label>
      </div>
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

function isPng(file: File): boolean {
  return file.type === "image/png" || file.name.toLowerCase().endsWith(".png");
}

/** The Journeyboard file a PNG carries; the file API loads only when a picture is given. */
async function boardInPng(file: File): Promise<string> {
  const { boardFromPng } = await import("@journeyboard/shared/file");
  const carried = boardFromPng(new Uint8Array(await file.arrayBuffer()));
  if (!carried.ok) throw new Error(carried.message);
  return carried.text;
}

function textOf(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsText(file);
  });
}

/** The method's journey is what a board gets when nothing else is asked; a file is sent as it is, to be checked there. */
async function postBoard(source: BoardSource): Promise<CreatedBoard> {
  const body =
    "file" in source
      ? source.file
      : JSON.stringify(source.template === DEFAULT_TEMPLATE ? {} : { template: source.template });
  const response = await fetch("/api/boards", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  if (!response.ok) {
    const answer = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(answer.error ?? `the server answered ${response.status}`);
  }
  return (await response.json()) as CreatedBoard;
}
