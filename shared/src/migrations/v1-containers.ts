import * as Y from "yjs";

/**
 * Version 1, frozen: every map holds all its containers. Like every migration it reads and writes the
 * document directly and calls no application code, so a later change of the app cannot change it.
 */
const CONTAINERS = ["stages", "lanes", "notes", "segments", "raci"];

export function up(doc: Y.Doc): void {
  for (const [, map] of doc.getMap("maps").entries()) {
    if (!(map instanceof Y.Map)) continue;
    for (const name of CONTAINERS) {
      if (!(map.get(name) instanceof Y.Map)) map.set(name, new Y.Map<unknown>());
    }
  }
}
