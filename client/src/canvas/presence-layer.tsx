import { Children, type ReactNode } from "react";
import { Group, Label, Layer, Path, Tag, Text } from "react-konva";
import type { BoardConnection } from "../sync/connection.js";
import { useParticipants } from "../sync/presence.js";
import { useUi } from "../ui-state.js";
import { FONT_FAMILY } from "./theme.js";

const ARROW = "M0 0 L0 16 L4.5 12 L8 19 L10.5 18 L7 11 L12.5 11 Z";

/** Everyone else's cursor on this map, with their name, at a constant size whatever the zoom. */
export function PresenceLayer({
  connection,
  mapId,
  children,
}: {
  connection: BoardConnection;
  mapId: string;
  /** Other transient marks drawn over everything (rubber band, drop marker). */
  children?: ReactNode;
}) {
  const participants = useParticipants(connection);
  const scale = useUi((s) => s.viewport.scale);
  const cursors = participants.flatMap((p) =>
    !p.isSelf && p.cursor && p.mapId === mapId ? [{ ...p, cursor: p.cursor }] : [],
  );
  // Hidden while it has nothing to show: each canvas shown is cleared and composited on every frame.
  return (
    <Layer listening={false} visible={cursors.length > 0 || Children.toArray(children).length > 0}>
      {cursors.map((p) => (
        <Group
          key={p.clientId}
          name="cursor"
          id={`cursor-${p.clientId}`}
          x={p.cursor.x}
          y={p.cursor.y}
          scaleX={1 / scale}
          scaleY={1 / scale}
        >
          <Path data={ARROW} fill={p.color} stroke="#FFFFFF" strokeWidth={1.2} />
          <Label x={12} y={18}>
            <Tag fill={p.color} cornerRadius={4} />
            <Text text={p.name} fontFamily={FONT_FAMILY} fontSize={12} padding={4} fill="#FFFFFF" />
          </Label>
        </Group>
      ))}
      {children}
    </Layer>
  );
}
