import { applyTextChange, diffText, MAX_NOTE_TEXT } from "@journeyboard/shared";
import * as Y from "yjs";

/**
 * Binds a plain textarea to a shared Y.Text (a note's, an activity's title): local typing becomes the
 * smallest Y.Text change, kept to `limit` characters, and remote typing updates the textarea while the
 * caret stays on the same character (a Yjs relative position).
 */
export function bindTextarea(
  textarea: HTMLTextAreaElement,
  text: Y.Text,
  origin: unknown,
  limit: number = MAX_NOTE_TEXT,
): () => void {
  const doc = text.doc;
  if (!doc) throw new Error("the text is not in a document");
  textarea.value = text.toString();
  let value = textarea.value;
  let anchor = caretStart(text, textarea);
  let focus = caretEnd(text, textarea);

  const remember = () => {
    anchor = caretStart(text, textarea);
    focus = caretEnd(text, textarea);
  };
  const onInput = () => {
    applyTextChange(text, diffText(value, textarea.value, textarea.selectionEnd), origin, limit);
    // The model may have cut an oversized paste: show what was kept.
    if (textarea.value !== text.toString()) textarea.value = text.toString();
    value = textarea.value;
    remember();
  };
  const onRemote = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin && textarea.value === text.toString()) return;
    textarea.value = text.toString();
    value = textarea.value;
    const start = Y.createAbsolutePositionFromRelativePosition(anchor, doc)?.index ?? value.length;
    const end = Y.createAbsolutePositionFromRelativePosition(focus, doc)?.index ?? start;
    if (textarea.ownerDocument.activeElement === textarea) textarea.setSelectionRange(start, end);
  };

  textarea.addEventListener("input", onInput);
  textarea.addEventListener("select", remember);
  textarea.addEventListener("keyup", remember);
  textarea.addEventListener("pointerup", remember);
  text.observe(onRemote);
  return () => {
    textarea.removeEventListener("input", onInput);
    textarea.removeEventListener("select", remember);
    textarea.removeEventListener("keyup", remember);
    textarea.removeEventListener("pointerup", remember);
    text.unobserve(onRemote);
  };
}

/**
 * The caret sticks to the character before it (assoc -1), as in Yjs editor bindings: what someone else
 * types at the same place then lands after it, never pushes it along, so each typist's run stays whole.
 * A selection's start sticks to its first character instead, so text typed before it stays outside it.
 */
function caretStart(text: Y.Text, textarea: HTMLTextAreaElement): Y.RelativePosition {
  const collapsed = textarea.selectionStart === textarea.selectionEnd;
  return Y.createRelativePositionFromTypeIndex(text, textarea.selectionStart, collapsed ? -1 : 0);
}

function caretEnd(text: Y.Text, textarea: HTMLTextAreaElement): Y.RelativePosition {
  return Y.createRelativePositionFromTypeIndex(text, textarea.selectionEnd, -1);
}
