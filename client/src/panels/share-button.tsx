import { useState } from "react";
import { Icon } from "./icons.js";

/** Shows the board's link and copies it; open on arrival right after the board was created. */
export function ShareButton({ url, initiallyOpen }: { url: string; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
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
    <div className="share">
      <button type="button" className="primary" onClick={() => setOpen(!open)} aria-expanded={open}>
        <Icon name="link" /> Share
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Share this board">
          <p>Anyone with this link can join the board and edit it.</p>
          <div className="share-row">
            <input readOnly value={url} aria-label="Board link" onFocus={(e) => e.target.select()} />
            <button type="button" onClick={copy}>
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
