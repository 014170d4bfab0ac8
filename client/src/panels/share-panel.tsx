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

type Invitee = "editor" | "viewer";

/**
 * Sharing the board. A facilitator reads, in order, the links people send (editors', viewers', each
 * optionally expiring), then their own facilitator link, marked as the one to keep; withdrawing links
 * stands apart and asks first. Everyone else sees their own link and role.
 */
export function SharePanel({ connection, initiallyOpen }: { connection: BoardConnection; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [made, setMade] = useState<Record<Invitee, string | null>>({ editor: null, viewer: null });
  const [message, setMessage] = useState<string | null>(null);
  const facilitator = connection.role === "facilitator";
  const withdraw = async (role: Invitee) => {
    setMessage(null);
    try {
      await revokeLinks(connection.boardId, connection.token, role);
      setMade((links) => ({ ...links, [role]: null }));
      setMessage(`All ${role} links were withdrawn. Make a new one to invite ${role}s again.`);
    } catch (error) {
      setMessage(`The links could not be withdrawn: ${(error as Error).message}.`);
    }
  };
  const ask = (role: Invitee) =>
    useUi.getState().ask({
      title: `Withdraw every ${role} link?`,
      message: `Everyone who joined with one is disconnected, and the links stop working. Make a new one to invite ${role}s again.`,
      confirmLabel: "Withdraw all",
      run: () => void withdraw(role),
    });
  return (
    <div className="share">
      <button type="button" className="primary" onClick={() => setOpen(!open)} aria-expanded={open}>
        <Icon name="link" /> Share
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Share this board">
          <p className="muted">{ROLE_TEXT[connection.role]}</p>
          {facilitator ? (
            <>
              {(["editor", "viewer"] as const).map((role) => (
                <Invite
                  key={role}
                  connection={connection}
                  invitee={role}
                  url={made[role]}
                  onMade={(url) => setMade((links) => ({ ...links, [role]: url }))}
                />
              ))}
              <section className="invite" aria-label="Your facilitator link">
                <h3>Your facilitator link</h3>
                <p className="muted">Keep it to yourself: it lets whoever has it run this board.</p>
                <LinkRow label="Your link" url={location.href} />
              </section>
              <section className="invite withdraw" aria-label="Withdraw links">
                <h3>Withdraw links</h3>
                <div className="share-row">
                  <button type="button" className="danger" onClick={() => ask("editor")}>
                    Withdraw all editor links
                  </button>
                  <button type="button" className="danger" onClick={() => ask("viewer")}>
                    Withdraw all viewer links
                  </button>
                </div>
                {message && (
                  <p role="status" className="muted">
                    {message}
                  </p>
                )}
              </section>
            </>
          ) : (
            <LinkRow label="Your link" url={location.href} />
          )}
        </div>
      )}
    </div>
  );
}

function Invite(props: {
  connection: BoardConnection;
  invitee: Invitee;
  url: string | null;
  onMade: (url: string) => void;
}) {
  const { connection, invitee: role } = props;
  const [expiry, setExpiry] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const title = role === "editor" ? "Editors" : "Viewers";

  const make = async () => {
    setMessage(null);
    try {
      const link = await createLink(connection.boardId, connection.token, role, EXPIRIES[expiry]?.[1] ?? null);
      props.onMade(`${location.origin}${link.url}`);
    } catch (error) {
      setMessage(`The link could not be made: ${(error as Error).message}.`);
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
      </div>
      {props.url && <LinkRow label={`${title}' link`} url={props.url} />}
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
