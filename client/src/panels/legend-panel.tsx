import { KIND_COLORS, NOTE_COLORS, NOTE_KINDS } from "@journeyboard/shared";
import { KIND_LABELS } from "../labels.js";
import { SidePanel } from "./side-panel.js";

const MEANINGS: Record<(typeof NOTE_KINDS)[number], string> = {
  note: "Anything worth writing down.",
  touchpoint:
    "Where the customer meets the business, in a channel (web, app, email, phone, store, chat, social, field).",
  "pain-point": "What hurts, slows down or annoys the customer.",
  opportunity: "A way to do better.",
  "moment-of-truth": "An emotional reaction to doing business with you: ★ positive or ⚡ negative.",
  "listening-post":
    "Where the team learns about the experience: sales data, social media, in-product feedback, support.",
};

/** What each kind of note and each mark on the curves means. */
export function LegendPanel() {
  return (
    <SidePanel title="Legend">
      <ul className="legend">
        {NOTE_KINDS.map((kind) => (
          <li key={kind} className="legend-item">
            <span className="legend-swatch" style={{ background: NOTE_COLORS[KIND_COLORS[kind]] }} />
            <div>
              <strong>{KIND_LABELS[kind]}</strong>
              <p>{MEANINGS[kind]}</p>
            </div>
          </li>
        ))}
      </ul>
      <h3>On the emotion curves</h3>
      <ul className="legend-marks">
        <li>▲ peak: the best moment around it</li>
        <li>▼ trough: the worst moment around it</li>
        <li>↘ largest drop from one stage to the next</li>
        <li>★ / ⚡ a moment-of-truth note placed in that stage</li>
      </ul>
    </SidePanel>
  );
}
