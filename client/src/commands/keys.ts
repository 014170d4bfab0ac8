/**
 * Keyboard combos written as "Mod+Shift+Z": Mod is Cmd on macOS and Ctrl elsewhere. A combo matches an
 * event when the key and exactly those modifiers are down (Shift is ignored for symbols like "?" and "+",
 * which need it on some layouts).
 */
export const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

interface Combo {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

function parse(combo: string): Combo {
  const parts = combo.split("+").filter((p, i, all) => p !== "" || i === all.length - 1);
  const key = (parts.pop() || "+").toLowerCase();
  return { key, mod: parts.includes("Mod"), shift: parts.includes("Shift"), alt: parts.includes("Alt") };
}

const SHIFTED_SYMBOLS = new Set(["?", "+", "_", "!", ")"]);

export function matches(event: KeyboardEvent, combo: string): boolean {
  const want = parse(combo);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (mod !== want.mod || event.altKey !== want.alt) return false;
  const key = event.key.toLowerCase();
  // With Shift held, digits arrive as symbols ("!" for 1); the physical key tells the digit.
  const digit = event.code.startsWith("Digit") ? event.code.slice(5) : undefined;
  if (SHIFTED_SYMBOLS.has(want.key)) return key === want.key;
  if (event.shiftKey !== want.shift) return false;
  return key === want.key || (digit !== undefined && digit === want.key);
}

/** How a combo is shown in tooltips and the shortcut list. */
export function displayCombo(combo: string): string {
  const { key, mod, shift, alt } = parse(combo);
  const names: Record<string, string> = {
    arrowleft: "←",
    arrowright: "→",
    arrowup: "↑",
    arrowdown: "↓",
    escape: "Esc",
    delete: "Del",
    backspace: "⌫",
    enter: "Enter",
  };
  const label = names[key] ?? key.toUpperCase();
  const parts = [
    mod ? (isMac ? "⌘" : "Ctrl") : "",
    shift ? (isMac ? "⇧" : "Shift") : "",
    alt ? (isMac ? "⌥" : "Alt") : "",
  ];
  return [...parts.filter(Boolean), label].join(isMac ? "" : "+");
}
