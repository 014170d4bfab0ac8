import { useRef, useState } from "react";

/**
 * A text field over a shared value: while someone types, their draft stays put whatever others change;
 * leaving the field (or Enter) saves it, Escape drops it. Otherwise it shows the shared value, live.
 */
export function DraftField(props: {
  value: string;
  onCommit: (value: string) => void;
  label: string;
  multiline?: boolean;
  /** A one-line value shown wrapped over lines (a narrow column's name): Enter saves it, as in a field. */
  wrapped?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  placeholder?: string;
  className?: string;
  /** Called once the field is left, saved or not (a field shown only while editing closes itself). */
  onDone?: () => void;
  autoFocus?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  // Escape blurs the field at once, before React has dropped the draft: the blur must not save it.
  const dropping = useRef(false);
  const common = {
    "aria-label": props.label,
    className: props.className,
    value: draft ?? props.value,
    readOnly: props.readOnly,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => {
      if (!dropping.current && draft !== null && draft !== props.value) props.onCommit(draft);
      dropping.current = false;
      setDraft(null);
      props.onDone?.();
    },
    autoFocus: props.autoFocus,
    onKeyDown: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === "Enter" && (!props.multiline || props.wrapped)) {
        e.preventDefault();
        e.currentTarget.blur();
      }
      if (e.key === "Escape") {
        dropping.current = true;
        setDraft(null);
        e.currentTarget.blur();
      }
    },
  };
  return props.multiline || props.wrapped ? (
    <textarea rows={props.wrapped ? 1 : 2} {...common} />
  ) : (
    <input {...common} />
  );
}
