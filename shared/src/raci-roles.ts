import { change, type JourneyMap, record } from "./doc.js";
import { readChild, records } from "./fields.js";
import { newId } from "./ids.js";
import { orderKeyAt } from "./order.js";
import { cellKey, cleanText, DEFAULT_ROLE_NAME, listRoles, RACI_LIMITS, raciPart } from "./raci.js";
import { RACI_LETTERS } from "./schema.js";

/** The RACI grid's columns: functions of the business (raci.ts describes the grid). */

/** Adds a role after `afterId` (at the end when null or unknown); null when the grid has as many as it takes. */
export function addRole(map: JourneyMap, name: string, afterId: string | null = null): string | null {
  return change(map.board, () => {
    const roles = listRoles(map);
    if (roles.length >= RACI_LIMITS.roles) return null;
    const at = afterId === null ? -1 : roles.findIndex((r) => r.id === afterId);
    const { key, rekeyed } = orderKeyAt(roles, at >= 0 ? at + 1 : roles.length);
    const id = newId();
    raciPart(map, "roles").set(
      id,
      record({ name: cleanText(name, RACI_LIMITS.roleName, DEFAULT_ROLE_NAME), order: key }),
    );
    rekey(map, rekeyed);
    return id;
  });
}

/** Renames a role; an empty name keeps the old one. */
export function renameRole(map: JourneyMap, roleId: string, name: string): void {
  change(map.board, () => {
    const y = readChild(raciPart(map, "roles"), roleId);
    const current = listRoles(map).find((r) => r.id === roleId);
    if (y && current) y.set("name", cleanText(name, RACI_LIMITS.roleName, current.name));
  });
}

/** Moves a role to position `toIndex` among the roles (0 is first). */
export function moveRole(map: JourneyMap, roleId: string, toIndex: number): void {
  change(map.board, () => {
    const y = readChild(raciPart(map, "roles"), roleId);
    if (!y) return;
    const { key, rekeyed } = orderKeyAt(
      listRoles(map).filter((r) => r.id !== roleId),
      toIndex,
    );
    y.set("order", key);
    rekey(map, rekeyed);
  });
}

function rekey(map: JourneyMap, rekeyed: readonly { id: string; order: string }[]): void {
  for (const { id, order } of rekeyed) readChild(raciPart(map, "roles"), id)?.set("order", order);
}

/** How many letters a role holds across the grid: the view asks before removing a role that holds any. */
export function roleLetterCount(map: JourneyMap, roleId: string): number {
  let count = 0;
  for (const [, activity] of records(raciPart(map, "activities"))) {
    const cells = readChild(activity, "cells");
    for (const letter of RACI_LETTERS) if (cells?.get(cellKey(roleId, letter)) === true) count++;
  }
  return count;
}

/**
 * Removes a role and its letters in every activity, in one transaction: one undo step brings both back.
 * Returns how many letters went with it.
 */
export function removeRole(map: JourneyMap, roleId: string): number {
  return change(map.board, () => {
    if (!readChild(raciPart(map, "roles"), roleId)) return 0;
    let removed = 0;
    for (const [, activity] of records(raciPart(map, "activities"))) {
      const cells = readChild(activity, "cells");
      for (const letter of RACI_LETTERS) {
        const key = cellKey(roleId, letter);
        if (!cells?.has(key)) continue;
        if (cells.get(key) === true) removed++;
        cells.delete(key);
      }
    }
    raciPart(map, "roles").delete(roleId);
    return removed;
  });
}
