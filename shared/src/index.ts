/** @journeyboard/shared: the board's document model, its pure logic, and what client and relay agree on. */

export * from "./access.js";
export {
  addMap,
  createBoard,
  deleteMap,
  distinctMapTitle,
  duplicateMap,
  getMap,
  isCreated,
  listMaps,
  type MapTemplate,
  moveMap,
  readMeta,
  renameBoard,
  renameMap,
} from "./board.js";
export * from "./board-templates.js";
export * from "./crowd.js";
export * from "./csv.js";
export * from "./derive/balance.js";
export * from "./derive/compare.js";
export * from "./derive/journey.js";
export * from "./derive/moments.js";
export { type Board, change, cleanTitle, containerOf, type JourneyMap, mapsOf, metaOf, openBoard } from "./doc.js";
export * from "./emotion.js";
export * from "./feedback.js";
export * from "./ids.js";
export {
  addSystem,
  type ItStackEntry,
  itStack,
  removeSystem,
  setSystemStatus,
  systemKey,
  systemSpellings,
  systemSuggestions,
} from "./it-stack.js";
export * from "./lanes.js";
export * from "./layout.js";
export * from "./locks.js";
export * from "./migrations.js";
export * from "./notes.js";
export { byOrder, type Ordered, type OrderPlacement, orderKeyAt } from "./order.js";
export * from "./png-chunk.js";
export * from "./private-writing.js";
export * from "./protocol.js";
export {
  ACCOUNTABLE_SHARE,
  activitiesPerStage,
  DEFAULT_ACCOUNTABLE_SHARE,
  DEFAULT_ROLE_NAME,
  listActivities,
  listRoles,
  RACI_LIMITS,
  readGrid,
  setAccountableShare,
  UNTITLED_ACTIVITY,
} from "./raci.js";
export * from "./raci-activities.js";
export * from "./raci-cells.js";
export * from "./raci-checks.js";
export * from "./raci-csv.js";
export * from "./raci-roles.js";
export * from "./reconnect.js";
export { applyRepaired, repairBoard, repairChanges } from "./repair.js";
export * from "./rounds.js";
export * from "./run-sheet.js";
export * from "./sample-board.js";
export * from "./schema.js";
export * from "./segments.js";
export * from "./session-log.js";
export * from "./stages.js";
export * from "./summary.js";
export * from "./summary-markdown.js";
export * from "./template.js";
export * from "./text.js";
export * from "./timer.js";
export * from "./voting.js";
