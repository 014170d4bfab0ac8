/**
 * What a new board can start from. Each template is a Journeyboard file in shared/templates/<id>.json
 * (checked against the file schema by a test); the relay reads them, so a page only needs this list.
 * "journey" is the method's own journey, which a board created without a template gets too.
 */
export const BOARD_TEMPLATES = [
  {
    id: "journey",
    name: "The method's journey",
    description: "Nine stages from the need to getting help, the method's lanes and one segment.",
  },
  {
    id: "blank",
    name: "Blank board",
    description: "One stage and one lane, to build your own journey.",
  },
  {
    id: "service",
    name: "Post-sale service journey",
    description: "Receiving, installing, using, getting help and renewing, step by step.",
  },
  {
    id: "workshop",
    name: "Workshop-ready board",
    description: "Three segments, a future-state map beside the current one, and the RACI grid prepared.",
  },
] as const;

export type BoardTemplateId = (typeof BOARD_TEMPLATES)[number]["id"];

export const DEFAULT_TEMPLATE: BoardTemplateId = "journey";

export function isBoardTemplate(value: unknown): value is BoardTemplateId {
  return BOARD_TEMPLATES.some((template) => template.id === value);
}
