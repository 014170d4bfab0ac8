import {
  addSegment,
  deleteSegment,
  type JourneyMap,
  SEGMENT_COLORS,
  type Segment,
  updateSegment,
  VALUE_TIERS,
  type ValueTier,
} from "@journeyboard/shared";
import { useBoardEdit } from "../commands/scope.js";
import { TIER_LABELS } from "../labels.js";
import { useSegments } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { DraftField } from "./draft-field.js";
import { SidePanel } from "./side-panel.js";

/**
 * Customer segments: who they are, what they are worth, and which of their curves this participant
 * looks at (hiding a segment also dims the notes about it, in this view only).
 */
export function SegmentsPanel({ map }: { map: JourneyMap }) {
  const { readOnly, edit } = useBoardEdit();
  const { segments } = useSegments(map);
  const hidden = useUi((s) => s.hiddenSegments);
  const toggle = useUi((s) => s.toggleSegment);
  const showOnly = useUi((s) => s.showOnlySegment);
  const chosen = useUi((s) => s.chosenSegment);
  const choose = useUi((s) => s.chooseSegment);
  const ids = segments.map((s) => s.id);
  return (
    <SidePanel title="Segments">
      <p className="muted">
        Not all customers are treated equally: give each segment its own curve. Drag a point in the emotion lane to set
        how a stage feels; double-click it to say why. Choose a segment to bring its curve to the front: where curves
        overlap, its points are the ones you drag.
      </p>
      <div className="share-row">
        <button type="button" onClick={() => showOnly(null, ids)}>
          Show all
        </button>
      </div>
      {segments.map((segment) => (
        <SegmentRow
          key={segment.id}
          map={map}
          segment={segment}
          visible={!hidden.includes(segment.id)}
          onToggle={() => toggle(segment.id)}
          onShowOnly={() => showOnly(segment.id, ids)}
          chosen={chosen === segment.id}
          onChoose={() => choose(chosen === segment.id ? null : segment.id)}
          deletable={segments.length > 1}
        />
      ))}
      {!readOnly && (
        <button
          type="button"
          className="primary"
          onClick={() =>
            edit(() =>
              addSegment(map, {
                name: `Segment ${segments.length + 1}`,
                color: SEGMENT_COLORS[segments.length % SEGMENT_COLORS.length] ?? SEGMENT_COLORS[0],
                description: "",
                valueTier: "mid",
              }),
            )
          }
        >
          Add segment
        </button>
      )}
    </SidePanel>
  );
}

function SegmentRow(props: {
  map: JourneyMap;
  segment: Segment;
  visible: boolean;
  onToggle: () => void;
  onShowOnly: () => void;
  chosen: boolean;
  onChoose: () => void;
  deletable: boolean;
}) {
  const { map, segment } = props;
  const { readOnly, edit } = useBoardEdit();
  const update = (patch: Parameters<typeof updateSegment>[2]) => edit(() => updateSegment(map, segment.id, patch));
  return (
    <section className="segment" aria-label={`Segment ${segment.name}`} style={{ borderLeftColor: segment.color }}>
      <div className="share-row">
        <DraftField
          label="Segment name"
          value={segment.name}
          readOnly={readOnly}
          onCommit={(name) => update({ name })}
        />
        <label className="visible-toggle">
          <input type="checkbox" checked={props.visible} onChange={props.onToggle} /> Show
        </label>
        <button type="button" onClick={props.onShowOnly}>
          Only
        </button>
      </div>
      <div className="share-row">
        <button
          type="button"
          className="choose-curve"
          aria-pressed={props.chosen}
          title="Draw this curve in front; where curves overlap, drag its points"
          onClick={props.onChoose}
        >
          Choose this curve
        </button>
      </div>
      <div className="share-row">
        <select
          aria-label="Value tier"
          value={segment.valueTier}
          disabled={readOnly}
          onChange={(e) => update({ valueTier: e.target.value as ValueTier })}
        >
          {VALUE_TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {TIER_LABELS[tier]}
            </option>
          ))}
        </select>
        <select
          aria-label="Curve color"
          value={segment.color}
          disabled={readOnly}
          onChange={(e) => update({ color: e.target.value })}
          style={{ color: segment.color }}
        >
          {SEGMENT_COLORS.map((color) => (
            <option key={color} value={color} style={{ color }}>
              ● {color}
            </option>
          ))}
        </select>
      </div>
      <DraftField
        label="Segment description"
        placeholder="Who they are, what they expect"
        multiline
        value={segment.description}
        readOnly={readOnly}
        onCommit={(description) => update({ description })}
      />
      {!readOnly && props.deletable && (
        <button
          type="button"
          className="danger"
          onClick={() =>
            useUi.getState().ask({
              title: `Delete the segment "${segment.name}"?`,
              message: "Its curve goes with it; notes tagged with it lose the tag. Undo brings it back.",
              confirmLabel: "Delete segment",
              run: () => edit(() => deleteSegment(map, segment.id)),
            })
          }
        >
          Delete segment
        </button>
      )}
    </section>
  );
}
