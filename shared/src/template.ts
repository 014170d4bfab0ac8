import { type LaneKind, Phase as P, type Phase } from "./schema.js";

/** The journey of the method: the whole customer lifecycle, from the need to getting help. */
export const DEFAULT_STAGES: readonly { title: string; phase: Phase }[] = [
  { title: "I have a job to do / pain point", phase: P.preSale },
  { title: "I am aware", phase: P.preSale },
  { title: "I shop", phase: P.preSale },
  { title: "I buy", phase: P.preSale },
  { title: "I receive", phase: P.postSale },
  { title: "I install", phase: P.postSale },
  { title: "I use", phase: P.postSale },
  { title: "I continue or renew", phase: P.postSale },
  { title: "I get help", phase: P.postSale },
];

export const DEFAULT_LANES: readonly { title: string; kind: LaneKind }[] = [
  { title: "Customer actions", kind: "actions" },
  { title: "Touchpoints", kind: "touchpoints" },
  { title: "Channels", kind: "channels" },
  { title: "Thoughts and feelings", kind: "thoughts" },
  { title: "How it feels", kind: "emotion" },
  { title: "Pain points", kind: "pain-points" },
  { title: "Opportunities", kind: "opportunities" },
  { title: "Backstage / owner", kind: "backstage" },
];

export const DEFAULT_BOARD_TITLE = "Customer journey";
export const DEFAULT_MAP_TITLE = "Current state";

/** The segment every new map starts with; teams rename it and add their own. */
export const DEFAULT_SEGMENT = {
  name: "Typical customer",
  color: "#1971C2",
  description: "",
  valueTier: "mid",
} as const;

/** Colors offered for segments' curves, distinct from the note colors. */
export const SEGMENT_COLORS = ["#1971C2", "#E8590C", "#2F9E44", "#9C36B5", "#C2255C", "#0C8599"] as const;

/** The RACI grid's columns on a new map: the functions the method names. */
export const DEFAULT_ROLES: readonly string[] = [
  "Design and development",
  "Finance",
  "Operations",
  "Contact center",
  "IT",
  "Sales",
];
