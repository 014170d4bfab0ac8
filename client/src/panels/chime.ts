import { useSyncExternalStore } from "react";

/** Whether this participant hears a chime at zero: theirs alone, kept in this browser, off until turned on. */
const CHIME_KEY = "journeyboard:timer-chime";
const listeners = new Set<() => void>();
let context: AudioContext | undefined;

export function chimeOn(): boolean {
  return localStorage.getItem(CHIME_KEY) === "on";
}

export function setChime(on: boolean): void {
  if (on) localStorage.setItem(CHIME_KEY, "on");
  else localStorage.removeItem(CHIME_KEY);
  // Made during the click that turns it on: browsers let a page sound only after a gesture.
  if (on) context ??= new AudioContext();
  void context?.resume();
  for (const listener of listeners) listener();
}

export function useChimeOn(): boolean {
  return useSyncExternalStore((onChange) => {
    listeners.add(onChange);
    return () => listeners.delete(onChange);
  }, chimeOn);
}

/** A soft two-note bell, about a second long, quiet enough not to startle a room. */
export function playChime(): void {
  if (!chimeOn()) return;
  context ??= new AudioContext();
  const start = context.currentTime;
  for (const [i, frequency] of [660, 880].entries()) {
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.type = "sine";
    tone.frequency.value = frequency;
    const at = start + i * 0.25;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.12, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
    tone.connect(gain).connect(context.destination);
    tone.start(at);
    tone.stop(at + 0.95);
  }
}
