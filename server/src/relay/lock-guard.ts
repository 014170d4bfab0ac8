import { type ActiveLocks, lockBreaches } from "@journeyboard/shared";
import * as Y from "yjs";

/**
 * Applies an editor's update to a board with locks (`apply` applies it, with or without the repair
 * pass), then takes back whatever it did in a locked part, in the same batch: the update and its
 * take-back are stored and relayed as one message, so nobody ever holds the locked change, and the
 * sender, which holds it already, is brought back to the board's state by the take-back. A stock
 * y-websocket client cannot drop an update once sent (its later updates build on it), so refusing
 * one without taking it back would leave the sender apart from the board for good.
 *
 * The check reads what the transaction changed, and the take-back touches only the locked types it
 * changed: the cost follows the update, as the repair pass does. Returns the reasons of the breaches.
 */
export function applyWithinLocks(
  doc: Y.Doc,
  origin: unknown,
  locks: ActiveLocks,
  apply: () => number,
): { mended: number; refused: string[] } {
  const refused: string[] = [];
  const inspect = (transaction: Y.Transaction) => {
    if (transaction.origin !== origin) return;
    for (const breach of lockBreaches(doc, transaction.changed, locks)) {
      takeBack.addToScope(breach.type);
      refused.push(breach.reason);
    }
  };
  // Registered before the undo manager's own listener: it learns its scope before it records the change.
  doc.on("afterTransaction", inspect);
  const takeBack = new Y.UndoManager([], { doc, trackedOrigins: new Set([origin]), captureTimeout: 0 });
  try {
    const mended = apply();
    if (refused.length > 0) takeBack.undo();
    return { mended, refused };
  } finally {
    doc.off("afterTransaction", inspect);
    takeBack.destroy();
  }
}
