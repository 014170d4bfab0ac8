import { type JourneyMap, setNoteKind } from "@journeyboard/shared";
import { useEffect } from "react";
import { useBoardEdit } from "../commands/scope.js";
import { KIND_LABELS } from "../labels.js";
import { useUi } from "../ui-state.js";

/** How long the offer stays when nobody answers it. */
const OFFER_SECONDS = 8;

/**
 * After plain notes are moved into a lane that gives notes a kind, one click makes them that kind (one
 * step to undo); ignoring the offer keeps them as they are.
 */
export function KindOffer({ map }: { map: JourneyMap }) {
  const { readOnly, edit } = useBoardEdit();
  const offer = useUi((s) => s.kindOffer);
  const offerKind = useUi((s) => s.offerKind);
  useEffect(() => {
    if (!offer) return;
    const timer = setTimeout(() => offerKind(null), OFFER_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [offer, offerKind]);
  if (!offer || readOnly) return null;
  const name = KIND_LABELS[offer.kind].toLowerCase();
  const what = offer.ids.length === 1 ? "it" : `these ${offer.ids.length} notes`;
  return (
    <div className="kind-offer" role="status" aria-label="Change kind">
      <span>
        Make {what} {offer.ids.length === 1 ? `a ${name}` : `${name}s`}?
      </span>
      <button
        type="button"
        className="primary"
        onClick={() => {
          edit(() => setNoteKind(map, offer.ids, offer.kind));
          offerKind(null);
        }}
      >
        Make {offer.ids.length === 1 ? KIND_LABELS[offer.kind].toLowerCase() : `${name}s`}
      </button>
      <button type="button" onClick={() => offerKind(null)}>
        Keep as note
      </button>
    </div>
  );
}
