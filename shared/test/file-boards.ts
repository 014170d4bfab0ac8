import fc from "fast-check";
import * as Y from "yjs";
import {
  addActivity,
  addMap,
  addNote,
  addSegment,
  aggregateScores,
  CHANNELS,
  createBoard,
  DEFAULT_LANES,
  DEFAULT_STAGES,
  getMap,
  type JourneyMap,
  LISTENING_SOURCES,
  listMaps,
  listNotes,
  listRoles,
  listSegments,
  listStages,
  NOTE_KINDS,
  POLARITIES,
  RACI_LETTERS,
  rankNotes,
  SEGMENT_COLORS,
  SYSTEM_STATUSES,
  setAccountableShare,
  setEmotion,
  setEmotionLabel,
  setSystemStatus,
  tagNotes,
  toggleLetter,
  VALUE_TIERS,
  writeCrowd,
  writeVote,
} from "../src/index.js";

/**
 * Boards for the file format's tests, made through the model's public API from a recipe fast-check
 * generates: several maps, notes of every kind inside and outside the grid, segments with curves, a RACI
 * grid with letters and systems, crowd results and a closed vote in the control document.
 */

const text = (max: number) => fc.string({ unit: "grapheme", maxLength: max });

const noteRecipe = fc.record({
  stage: fc.nat(),
  lane: fc.nat(),
  inGrid: fc.boolean(),
  y: fc.integer({ min: -500, max: 2000 }),
  w: fc.integer({ min: 48, max: 960 }),
  h: fc.integer({ min: 48, max: 960 }),
  kind: fc.constantFrom(...NOTE_KINDS),
  text: text(300),
  author: text(40),
  authorColor: fc.option(fc.constantFrom("#12abEF", "#000000"), { nil: null }),
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }),
  polarity: fc.option(fc.constantFrom(...POLARITIES), { nil: null }),
  source: fc.option(fc.constantFrom(...LISTENING_SOURCES), { nil: null }),
  tagged: fc.boolean(),
});

const mapRecipe = fc.record({
  stages: fc.integer({ min: 1, max: DEFAULT_STAGES.length }),
  future: fc.boolean(),
  notes: fc.array(noteRecipe, { maxLength: 10 }),
  segments: fc.array(
    fc.record({
      name: text(30),
      description: text(60),
      color: fc.constantFrom(...SEGMENT_COLORS),
      tier: fc.constantFrom(...VALUE_TIERS),
    }),
    { maxLength: 2 },
  ),
  points: fc.array(
    fc.record({ segment: fc.nat(), stage: fc.nat(), score: fc.integer({ min: -3, max: 3 }), label: text(40) }),
    {
      maxLength: 8,
    },
  ),
  activities: fc.array(
    fc.record({
      title: text(60),
      stage: fc.option(fc.nat(), { nil: null }),
      notes: fc.array(fc.nat(), { maxLength: 3 }),
      systems: fc.array(fc.constantFrom("CRM", "Billing", "field service app"), { maxLength: 2 }),
      letters: fc.array(fc.record({ role: fc.nat(), letter: fc.constantFrom(...RACI_LETTERS) }), { maxLength: 4 }),
    }),
    { maxLength: 4 },
  ),
  statuses: fc.array(
    fc.record({ system: fc.constantFrom("crm", "billing"), status: fc.constantFrom(...SYSTEM_STATUSES) }),
    {
      maxLength: 2,
    },
  ),
  share: fc.integer({ min: 10, max: 100 }),
  crowd: fc.array(
    fc.record({
      scores: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 9 }),
      shared: fc.boolean(),
    }),
    {
      maxLength: 6,
    },
  ),
  votes: fc.array(fc.nat(), { maxLength: 6 }),
});

export const boardRecipe = fc.record({
  title: text(60),
  maps: fc.array(mapRecipe, { minLength: 1, maxLength: 3 }),
  voteMap: fc.nat(),
});

export type BoardRecipe = typeof boardRecipe extends fc.Arbitrary<infer T> ? T : never;
type MapRecipe = BoardRecipe["maps"][number];

const pick = <T>(list: readonly T[], index: number): T | undefined => list[index % list.length];

/** The board (and its control document) a recipe describes. */
export function boardFrom(recipe: BoardRecipe): { doc: Y.Doc; control: Y.Doc; maps: JourneyMap[] } {
  const doc = new Y.Doc();
  const control = new Y.Doc();
  const board = createBoard(doc, { title: recipe.title, now: 1_700_000_000_000 });
  recipe.maps.forEach((mapRecipe, i) => {
    if (i > 0) {
      const stages = DEFAULT_STAGES.slice(0, mapRecipe.stages);
      addMap(board, {
        title: `Map ${i}`,
        state: mapRecipe.future ? "future" : "current",
        stages,
        lanes: DEFAULT_LANES,
      });
    }
  });
  const maps = listMaps(board).flatMap((m) => getMap(board, m.id) ?? []);
  recipe.maps.forEach((mapRecipe, i) => {
    const map = maps[i];
    if (map) fill(map, mapRecipe, control);
  });
  const voted = pick(maps, recipe.voteMap);
  const voteRecipe = pick(recipe.maps, recipe.voteMap);
  if (voted && voteRecipe) vote(control, voted, voteRecipe.votes);
  return { doc, control, maps };
}

function fill(map: JourneyMap, recipe: MapRecipe, control: Y.Doc): void {
  for (const segment of recipe.segments) {
    addSegment(map, {
      name: segment.name,
      description: segment.description,
      color: segment.color,
      valueTier: segment.tier,
    });
  }
  const stages = listStages(map);
  const lanes = DEFAULT_LANES.length;
  const segments = listSegments(map);
  const laneIds = [...(map.y.get("lanes") as Y.Map<unknown>).keys()];
  recipe.notes.forEach((note, i) => {
    const stageId = pick(stages, note.stage)?.id;
    const laneId = laneIds[note.lane % lanes];
    const id = addNote(map, {
      ...note,
      // Distinct offsets: notes in one cell never tie on position, so their order needs no id.
      x: i * 7,
      cell: note.inGrid && stageId && laneId ? { stageId, laneId } : null,
    });
    const segment = pick(segments, i);
    if (note.tagged && segment) tagNotes(map, [id], segment.id, true);
  });
  for (const point of recipe.points) {
    const segment = pick(segments, point.segment);
    const stage = pick(stages, point.stage);
    if (!segment || !stage) continue;
    setEmotion(map, segment.id, stage.id, point.score);
    if (point.label) setEmotionLabel(map, segment.id, stage.id, point.label);
  }
  const notes = listNotes(map);
  const roles = listRoles(map);
  for (const activity of recipe.activities) {
    const id = addActivity(map, {
      title: activity.title,
      stageId: activity.stage === null ? null : pick(stages, activity.stage)?.id,
      noteIds: activity.notes.flatMap((n) => pick(notes, n)?.id ?? []),
      systems: activity.systems,
    });
    for (const { role, letter } of activity.letters) {
      const roleId = pick(roles, role)?.id;
      if (id && roleId) toggleLetter(map, id, roleId, letter);
    }
  }
  for (const { system, status } of recipe.statuses) setSystemStatus(map, system, status);
  setAccountableShare(map, recipe.share / 100);
  const segment = segments[0];
  if (segment && recipe.crowd.length > 0) {
    const all = recipe.crowd.map((c) => ({
      shared: c.shared,
      scores: Object.fromEntries(c.scores.flatMap((score, s) => (stages[s] ? [[stages[s].id, score]] : []))),
    }));
    const shared = Object.fromEntries(all.filter((c) => c.shared).map((c, i) => [`Person ${i}`, c.scores]));
    writeCrowd(
      control,
      map.id,
      segment.id,
      {
        roundId: "round1",
        closedAt: 1_700_000_100_000,
        participants: all.length,
        stages: aggregateScores(all),
        shared,
      },
      null,
    );
  }
}

function vote(control: Y.Doc, map: JourneyMap, picks: readonly number[]): void {
  const notes = listNotes(map);
  const counts: Record<string, number> = {};
  for (const n of picks) {
    const note = pick(notes, n);
    if (note) counts[note.id] = (counts[note.id] ?? 0) + 1;
  }
  writeVote(
    control,
    {
      voteId: "vote1",
      mapId: map.id,
      question: "What first?",
      budget: 3,
      kinds: [...NOTE_KINDS],
      multiple: true,
      hidden: false,
      status: "closed",
      voters: 2,
      counts,
      ranking: rankNotes(counts),
      closedAt: 1_700_000_200_000,
    },
    null,
  );
}
