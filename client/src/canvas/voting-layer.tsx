import { canVote, type Grid, type JourneyMap, type Note, noteRect, stageHeat, type Vote } from "@journeyboard/shared";
import type Konva from "konva";
import { useEffect, useMemo } from "react";
import { Circle, Group, Layer, Rect, Text } from "react-konva";
import type { BoardConnection } from "../sync/connection.js";
import { useNotes, useVote } from "../sync/hooks.js";
import { useMyDots } from "../sync/votes.js";

/** Dots drawn on one note before the rest are counted as "+n". */
const DRAWN_DOTS = 8;
const DOT_RADIUS = 7;
const DOT_COLOR = "#1864ab";
/** Height of the heat strip over the stage headers. */
export const HEAT_STRIP = 8;

/** The dots each note shows: everyone's once counts are public, else this participant's own. */
function shownCounts(vote: Vote | null, mapId: string, mine: readonly string[]): Record<string, number> {
  if (!vote || vote.mapId !== mapId) return {};
  if (vote.counts) return vote.counts;
  const counts: Record<string, number> = {};
  for (const noteId of mine) counts[noteId] = (counts[noteId] ?? 0) + 1;
  return counts;
}

/**
 * The vote on the canvas: dots on notes, and while a vote is open a + (place a dot) and a − (take one
 * back) on each note that can get dots. One layer for every note, drawn only when the vote or the notes
 * change; nothing of it moves with a pan or a zoom.
 */
export function VotingLayer({ connection, map, grid }: { connection: BoardConnection; map: JourneyMap; grid: Grid }) {
  const vote = useVote(connection);
  const voter = canVote(connection.role);
  useEffect(() => {
    if (voter) useMyDots.getState().follow(connection, vote);
  }, [connection, vote, voter]);
  // Without a vote on this map nothing here reads the notes: a note moved elsewhere costs nothing.
  if (!vote || vote.mapId !== map.id) return null;
  return <VoteDots vote={vote} map={map} grid={grid} voting={vote.status === "open" && voter} />;
}

function VoteDots({ vote, map, grid, voting }: { vote: Vote; map: JourneyMap; grid: Grid; voting: boolean }) {
  const notes = useNotes(map);
  const mine = useMyDots((s) => s.dots);
  const counts = shownCounts(vote, map.id, mine);
  return (
    <Layer name="voting">
      {notes.map((note) => {
        const dots = counts[note.id] ?? 0;
        const control = voting && vote.kinds.includes(note.kind);
        if (dots === 0 && !control) return null;
        return (
          <NoteDots key={note.id} note={note} grid={grid} dots={dots} control={control} mine={mine.includes(note.id)} />
        );
      })}
    </Layer>
  );
}

function NoteDots(props: { note: Note; grid: Grid; dots: number; control: boolean; mine: boolean }) {
  const { note, dots } = props;
  const rect = noteRect(props.grid, note);
  const press = (run: () => Promise<void>) => (event: Konva.KonvaEventObject<MouseEvent>) => {
    // A press on the control is not a press on the note or the board (no drag, no selection band).
    event.cancelBubble = true;
    void run();
  };
  return (
    <Group x={rect.x} y={rect.y}>
      <Group name="note-dots" id={`dots-${note.id}`} listening={false}>
        {Array.from({ length: Math.min(dots, DRAWN_DOTS) }, (_, i) => (
          <Circle
            // biome-ignore lint/suspicious/noArrayIndexKey: the dots of a note are alike; their place is their identity.
            key={i}
            name="vote-dot"
            x={rect.w - DOT_RADIUS - 4 - i * (2 * DOT_RADIUS + 2)}
            y={0}
            radius={DOT_RADIUS}
            fill={DOT_COLOR}
            stroke="#fff"
            strokeWidth={1.5}
            perfectDrawEnabled={false}
          />
        ))}
        {dots > DRAWN_DOTS && (
          <Text
            text={`+${dots - DRAWN_DOTS}`}
            x={rect.w - DRAWN_DOTS * (2 * DOT_RADIUS + 2) - 24}
            y={-6}
            fontSize={12}
            fontStyle="bold"
            fill={DOT_COLOR}
          />
        )}
      </Group>
      {props.control && (
        <>
          <DotButton
            name="dot-place"
            id={`place-${note.id}`}
            label="+"
            x={14}
            y={rect.h}
            onPress={press(() => useMyDots.getState().place(note.id))}
          />
          {props.mine && (
            <DotButton
              name="dot-remove"
              id={`remove-${note.id}`}
              label="−"
              x={38}
              y={rect.h}
              onPress={press(() => useMyDots.getState().remove(note.id))}
            />
          )}
        </>
      )}
    </Group>
  );
}

function DotButton(props: {
  name: string;
  id: string;
  label: string;
  x: number;
  y: number;
  onPress: (event: Konva.KonvaEventObject<MouseEvent>) => void;
}) {
  return (
    <Group name={props.name} id={props.id} x={props.x} y={props.y} onMouseDown={props.onPress}>
      <Circle radius={10} fill="#fff" stroke={DOT_COLOR} strokeWidth={2} />
      <Text
        text={props.label}
        x={-10}
        y={-8}
        width={20}
        align="center"
        fontSize={16}
        fontStyle="bold"
        fill={DOT_COLOR}
      />
    </Group>
  );
}

/**
 * Over the stage headers, a strip as red as the stage is hot: its dots and its pain points, beside the
 * hottest stage. Shown once dots are public (an open vote that is not hidden, or a closed one).
 */
export function HeatStrip({ connection, map, grid }: { connection: BoardConnection; map: JourneyMap; grid: Grid }) {
  const vote = useVote(connection);
  const counts = vote?.mapId === map.id ? vote.counts : null;
  return counts ? <Heat map={map} grid={grid} counts={counts} /> : null;
}

function Heat({ map, grid, counts }: { map: JourneyMap; grid: Grid; counts: Record<string, number> }) {
  const notes = useNotes(map);
  const heat = useMemo(() => stageHeat(notes, counts), [notes, counts]);
  return (
    <Layer listening={false}>
      <Group name="vote-heat">
        {grid.columns.map(({ stage, x }) => {
          const stageHeatOf = heat.get(stage.id);
          return (
            <Rect
              key={stage.id}
              name="vote-heat-cell"
              id={`heat-${stage.id}`}
              x={x}
              y={0}
              width={stage.width}
              height={HEAT_STRIP}
              fill="#e03131"
              opacity={stageHeatOf?.heat ?? 0}
            />
          );
        })}
      </Group>
    </Layer>
  );
}
