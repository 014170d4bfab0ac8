import type { Role } from "@journeyboard/shared";
import { useState } from "react";
import type { BoardConnection } from "../sync/connection.js";
import { createLink, revokeLinks } from "../sync/links.js";
import { useUi } from "../ui-state.js";
import { Icon } from "./icons.js";

const EXPIRIES: readonly [string, number | null][] = [
  ["Never expires", null],
  ["Expires in 1 hour", 3600],
  ["Expires in 1 day", 86_400],
  ["Expires in 7 days", 7 * 86_400],
];

const ROLE_TEXT: Record<Role, string> = {
  facilitator: "Facilitator: can edit, invite and withdraw links.",
  editor: "Editor: can change the board.",
  viewer: "Viewer: can look, and is seen, but cannot change the board.",
};

/**
 * Sharing the board. Everyone sees their own link and role; a facilitator also makes editor and viewer
 * links (optionally expiring) and withdraws all links of a role at once.
 */
export function SharePanel({ connection, initiallyOpen }: { connection: BoardConnection; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <div className="share">
      <button type="button" className="primary" onClick={() => setOpen(!open)} aria-expanded={open}>
        <Icon name="link" /> Share
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Share this board">
          <p className="muted">{ROLE_TEXT[connection.role]}</p>
          <LinkRow label="Your link" url={location.href} />
          {connection.role === "facilitator" && (
            <>
              <Invite connection={connection} invitee="editor" />
              <Invite connection={connection} invitee="viewer" />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Invite({ connection, invitee: role }: { connection: BoardConnection; invitee: "editor" | "viewer" }) {
  const [expiry, setExpiry] = useState(0);
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const title = role === "editor" ? "Editors" : "Viewers";

  const make = async () => {
    setMessage(null);
    try {
      const link = await createLink(connection.boardId, connection.token, role, EXPIRIES[expiry]?.[1] ?? null);
      setUrl(`${location.origin}${link.url}`);
    } catch (error) {
      setMessage(`The link could not be made: ${(error as Error).message}.`);
    }
  };
  const withdraw = async () => {
    try {
      await revokeLinks(connection.boardId, connection.token, role);
      setUrl(null);
      setMessage(`All ${role} links were withdrawn. Make a new one to invite ${role}s again.`);
    } catch (error) {
      setMessage(`The links could not be withdrawn: ${(error as Error).message}.`);
    }
  };

  return (
    <section className="invite" aria-label={`Invite ${role}s`}>
      <h3>{title}</h3>
      <div className="share-row">
        <select aria-label={`${title}' link expiry`} value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
          {EXPIRIES.map(([label], index) => (
            <option key={label} value={index}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" onClick={make}>
          Make {role} link
        </button>
        <button
          type="button"
          className="danger"
          onClick={() =>
            useUi.getState().ask({
              title: `Withdraw every ${role} link?`,
              message: `Everyone who joined with one is disconnected, and the links stop working. Make a new one to invite ${role}s again.`,
              confirmLabel: "Withdraw all",
              run: () => void withdraw(),
            })
          }
        >
          Withdraw all
        </button>
      </div>
      {url && <LinkRow label={`${title}' link`} url={url} />}
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </section>
  );
}

function LinkRow({ label, url }: { label: string; url: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="share-row">
      <input readOnly value={url} aria-label={label} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={copy}>
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
