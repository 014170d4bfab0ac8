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
  { title: "Pain points", kind: "pain-points" },
  { title: "Opportunities", kind: "opportunities" },
  { title: "Backstage / owner", kind: "backstage" },
];

export const DEFAULT_BOARD_TITLE = "Customer journey";
export const DEFAULT_MAP_TITLE = "Current state";
