import { MAX_NAME, type Point } from "@journeyboard/shared";
import { useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { BoardConnection } from "./connection.js";

/** Who is on the board, where their cursor is, and which map they look at: y-protocols awareness. */

export interface Participant {
  clientId: number;
  name: string;
  color: string;
  cursor: Point | null;
  mapId: string | null;
  isSelf: boolean;
}

interface PresenceState {
  user: { name: string; color: string };
  cursor: Point | null;
  mapId: string | null;
}

/** Saturated, distinct colors for cursors and avatars; one per participant while both are present. */
export const PARTICIPANT_COLORS = [
  "#E03131",
  "#1971C2",
  "#2F9E44",
  "#F08C00",
  "#9C36B5",
  "#0C8599",
  "#C2255C",
  "#5C940D",
  "#3B5BDB",
  "#E8590C",
  "#6741D9",
  "#087F5B",
];

/** Cursors go out at most this often (about 30 a second). */
export const CURSOR_INTERVAL_MS = 33;

const NAME_KEY = "journeyboard:name";
const ADJECTIVES = ["Curious", "Bright", "Calm", "Brave", "Kind", "Quick", "Wise", "Bold"];
const ANIMALS = ["Heron", "Otter", "Lynx", "Robin", "Fox", "Panda", "Falcon", "Badger"];

/** The name this browser last used on a board, or null before its first choice. */
export function savedName(): string | null {
  return localStorage.getItem(NAME_KEY)?.trim().slice(0, MAX_NAME) || null;
}

/** A friendly name to offer someone new, such as "Curious Heron". */
export function suggestedName(): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)] as T;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}

export function pickColor(taken: ReadonlySet<string>, seed: number): string {
  const free = PARTICIPANT_COLORS.filter((c) => !taken.has(c));
  const from = free.length > 0 ? free : PARTICIPANT_COLORS;
  return from[seed % from.length] as string;
}

function stateOf(value: unknown): PresenceState | undefined {
  const state = value as Partial<PresenceState> | undefined;
  return state?.user && typeof state.user.name === "string" ? (state as PresenceState) : undefined;
}

/** Joins the board's presence with a name and a color nobody else present is using. */
export function joinPresence(connection: BoardConnection, name: string): () => void {
  const { awareness } = connection.provider;
  const othersColors = () => {
    const taken = new Map<string, number>();
    for (const [id, value] of awareness.getStates()) {
      const state = stateOf(value);
      if (state && id !== awareness.clientID) taken.set(state.user.color, id);
    }
    return taken;
  };
  awareness.setLocalState({
    user: { name, color: pickColor(new Set(othersColors().keys()), awareness.clientID) },
    cursor: null,
    mapId: null,
  } satisfies PresenceState);
  // Two people who joined at the same moment may pick the same color: the later client id yields.
  const onChange = () => {
    const mine = stateOf(awareness.getLocalState());
    if (!mine) return;
    const holder = othersColors().get(mine.user.color);
    if (holder !== undefined && holder < awareness.clientID) {
      const color = pickColor(new Set(othersColors().keys()), awareness.clientID);
      awareness.setLocalStateField("user", { ...mine.user, color });
    }
  };
  awareness.on("change", onChange);
  return () => awareness.off("change", onChange);
}

/** Takes a name for this participant, kept in this browser for the boards it opens next. Blank names are ignored. */
export function renameSelf(connection: BoardConnection, name: string): void {
  const trimmed = name.trim().slice(0, MAX_NAME);
  if (!trimmed) return;
  localStorage.setItem(NAME_KEY, trimmed);
  const mine = stateOf(connection.provider.awareness.getLocalState());
  if (mine) connection.provider.awareness.setLocalStateField("user", { ...mine.user, name: trimmed });
}

export function showMap(connection: BoardConnection, mapId: string | null): void {
  connection.provider.awareness.setLocalStateField("mapId", mapId);
}

/** A cursor sender that sends at most every CURSOR_INTERVAL_MS, always ending on the latest position. */
export function cursorSender(awareness: Awareness): (cursor: Point | null) => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Point | null = null;
  const flush = () => {
    timer = undefined;
    last = performance.now();
    awareness.setLocalStateField("cursor", pending);
  };
  return (cursor) => {
    pending = cursor ? { x: Math.round(cursor.x), y: Math.round(cursor.y) } : null;
    if (timer !== undefined) return;
    const wait = CURSOR_INTERVAL_MS - (performance.now() - last);
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };
}

function readParticipants(connection: BoardConnection): Participant[] {
  const { awareness } = connection.provider;
  const list: Participant[] = [];
  for (const [clientId, value] of awareness.getStates()) {
    const state = stateOf(value);
    if (!state) continue;
    list.push({
      clientId,
      name: state.user.name,
      color: state.user.color,
      cursor: state.cursor ?? null,
      mapId: state.mapId ?? null,
      isSelf: clientId === awareness.clientID,
    });
  }
  return list.sort((a, b) => (a.isSelf ? -1 : b.isSelf ? 1 : a.name.localeCompare(b.name)));
}

const cache = new WeakMap<BoardConnection, { subscribe: (cb: () => void) => () => void; get: () => Participant[] }>();

/** Everyone on the board, this participant first. */
export function useParticipants(connection: BoardConnection): Participant[] {
  let store = cache.get(connection);
  if (!store) {
    let value = readParticipants(connection);
    const { awareness } = connection.provider;
    store = {
      subscribe(onChange) {
        const handler = () => {
          value = readParticipants(connection);
          onChange();
        };
        awareness.on("change", handler);
        return () => awareness.off("change", handler);
      },
      get: () => value,
    };
    cache.set(connection, store);
  }
  return useSyncExternalStore(store.subscribe, store.get);
}
