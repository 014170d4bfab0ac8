import { generateNKeysBetween } from "fractional-indexing";
import * as Y from "yjs";

/**
 * Version 4, frozen: every map's `raci` container holds the RACI grid's structure, `roles`,
 * `activities` and `systems`, and a new `roles` starts with the method's functions. Ids and order keys
 * are derived from the map's id (no randomness), so two copies migrated apart merge into the same
 * roles. Anything else an earlier client may have put in `raci` is left as it was: no reader looks at it.
 */
const ROLES = ["Design and development", "Finance", "Operations", "Contact center", "IT", "Sales"];

export function up(doc: Y.Doc): void {
  for (const [mapId, map] of doc.getMap("maps").entries()) {
    const raci = map instanceof Y.Map ? map.get("raci") : undefined;
    // A map without its container (damaged) is left as it is rather than failing the whole board.
    if (!(raci instanceof Y.Map)) continue;
    if (!(raci.get("roles") instanceof Y.Map)) {
      const roles = new Y.Map<unknown>();
      const keys = generateNKeysBetween(null, null, ROLES.length);
      ROLES.forEach((name, i) => {
        const role = new Y.Map<unknown>();
        role.set("name", name);
        role.set("order", keys[i]);
        roles.set(`${mapId}-role-${i + 1}`, role);
      });
      raci.set("roles", roles);
    }
    for (const name of ["activities", "systems"]) {
      if (!(raci.get(name) instanceof Y.Map)) raci.set(name, new Y.Map<unknown>());
    }
  }
}
