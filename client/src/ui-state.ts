import type { NoteKind } from "@journeyboard/shared";
import { create } from "zustand";
import type { ResizePreview } from "./canvas/note-resize.js";
import type { Viewport } from "./canvas/viewport.js";

/**
 * Local UI state only: what this participant is doing and looking at. Board content is never here;
 * it lives in the shared Y.Doc and views derive from it.
 */
export type Tool = "select" | "hand" | "note";
export type Panel =
  | "shortcuts"
  | "balance"
  | "segments"
  | "scoring"
  | "voting"
  | "legend"
  | "compare"
  | "timer"
  | "walkthrough"
  | "rounds"
  | "summary"
  | "locks"
  | "private"
  | "runsheet"
  | "raci"
  | "export"
  | "import";
/** A stage or lane header whose title is being edited. */
export type HeaderRef = { kind: "stage" | "lane"; id: string };
/** An emotion point whose label ("why") is being edited. */
export type PointRef = { segmentId: string; stageId: string };
/** Plain notes just moved into a lane that gives notes a kind: the participant is offered that kind. */
export type KindOffer = { ids: readonly string[]; kind: NoteKind };
/** An action that asks first, in the app's own dialog. */
export type Confirmation = { title: string; message: string; confirmLabel: string; run: () => void };

export interface UiState {
  tool: Tool;
  mapId: string | null;
  selection: readonly string[];
  editingNoteId: string | null;
  renaming: HeaderRef | null;
  labelling: PointRef | null;
  viewport: Viewport;
  /** The canvas size in CSS pixels. */
  screen: { w: number; h: number };
  panel: Panel | null;
  /** Segments whose curves are hidden and whose notes are dimmed, in this participant's view only. */
  hiddenSegments: readonly string[];
  /** The segment whose curve is drawn in front, whose points a press takes where curves overlap. */
  chosenSegment: string | null;
  kindOffer: KindOffer | null;
  /** Why this participant cannot change the board, when they cannot. */
  readOnlyReason: string | null;
  /** A short hint on screen, e.g. why an edit did nothing. */
  hint: string | null;
  /** How many hints were shown: the same hint shown again stays its full time again. */
  hintCount: number;
  confirmation: Confirmation | null;
  /** The note this participant is resizing, at the size it has so far (stored when the gesture ends). */
  resizing: ResizePreview | null;
  /** Whether this participant's view follows the facilitator's walk-through (on until they stop it). */
  following: boolean;
  /** The RACI grid takes the canvas's place instead of sitting beside it. */
  raciExpanded: boolean;
  /** An activity the RACI grid is to show and focus (its title cell) once it draws it. */
  raciFocus: string | null;
  setTool(tool: Tool): void;
  setMap(mapId: string | null): void;
  select(ids: readonly string[]): void;
  toggleSelected(id: string): void;
  startEditing(id: string): void;
  stopEditing(): void;
  rename(header: HeaderRef | null): void;
  label(point: PointRef | null): void;
  setViewport(viewport: Viewport): void;
  setScreen(screen: { w: number; h: number }): void;
  openPanel(panel: Panel | null): void;
  toggleSegment(segmentId: string): void;
  showOnlySegment(segmentId: string | null, all: readonly string[]): void;
  /** Chooses a segment's curve (and shows it), or none. */
  chooseSegment(segmentId: string | null): void;
  offerKind(offer: KindOffer | null): void;
  setReadOnlyReason(reason: string | null): void;
  /** Shows why an edit did nothing (no hint when the board can be changed). */
  explainReadOnly(): void;
  showHint(hint: string): void;
  clearHint(): void;
  /** Asks before running an action; `answer` runs it (yes) or drops it (no). */
  ask(confirmation: Confirmation): void;
  answer(yes: boolean): void;
  previewResize(resizing: ResizePreview | null): void;
  setFollowing(following: boolean): void;
  expandRaci(expanded: boolean): void;
  /** Opens the RACI grid on an activity (null: that focus is done). */
  focusActivity(activityId: string | null): void;
  reset(): void;
}

const initial = {
  tool: "select" as Tool,
  mapId: null,
  selection: [],
  editingNoteId: null,
  renaming: null,
  labelling: null,
  viewport: { x: 0, y: 0, scale: 1 },
  screen: { w: 0, h: 0 },
  panel: null,
  hiddenSegments: [],
  chosenSegment: null,
  kindOffer: null,
  readOnlyReason: null,
  hint: null,
  hintCount: 0,
  confirmation: null,
  resizing: null,
  following: true,
  raciExpanded: false,
  raciFocus: null,
};

export const useUi = create<UiState>()((set) => ({
  ...initial,
  setTool: (tool) => set({ tool }),
  setMap: (mapId) => set({ mapId, selection: [], editingNoteId: null }),
  select: (ids) => set({ selection: [...new Set(ids)] }),
  toggleSelected: (id) =>
    set((s) => ({ selection: s.selection.includes(id) ? s.selection.filter((x) => x !== id) : [...s.selection, id] })),
  startEditing: (id) => set({ editingNoteId: id, selection: [id] }),
  stopEditing: () => set({ editingNoteId: null }),
  rename: (renaming) => set({ renaming, editingNoteId: null }),
  label: (labelling) => set({ labelling, editingNoteId: null }),
  setViewport: (viewport) => set({ viewport }),
  setScreen: (screen) => set({ screen }),
  openPanel: (panel) => set({ panel }),
  toggleSegment: (id) =>
    set((s) => ({
      hiddenSegments: s.hiddenSegments.includes(id)
        ? s.hiddenSegments.filter((x) => x !== id)
        : [...s.hiddenSegments, id],
    })),
  showOnlySegment: (id, all) => set({ hiddenSegments: id === null ? [] : all.filter((x) => x !== id) }),
  chooseSegment: (id) => set((s) => ({ chosenSegment: id, hiddenSegments: s.hiddenSegments.filter((x) => x !== id) })),
  offerKind: (kindOffer) => set({ kindOffer }),
  setReadOnlyReason: (readOnlyReason) => set({ readOnlyReason }),
  explainReadOnly: () => set((s) => ({ hint: s.readOnlyReason, hintCount: s.hintCount + 1 })),
  showHint: (hint) => set((s) => ({ hint, hintCount: s.hintCount + 1 })),
  clearHint: () => set({ hint: null }),
  ask: (confirmation) => set({ confirmation }),
  answer: (yes) =>
    set((s) => {
      if (yes) s.confirmation?.run();
      return { confirmation: null };
    }),
  previewResize: (resizing) => set({ resizing }),
  setFollowing: (following) => set({ following }),
  expandRaci: (raciExpanded) => set({ raciExpanded }),
  focusActivity: (raciFocus) => set(raciFocus === null ? { raciFocus } : { raciFocus, panel: "raci" }),
  reset: () => set(initial),
}));
