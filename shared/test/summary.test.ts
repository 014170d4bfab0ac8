import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  appendFeedback,
  appendStageVisit,
  appendTimerRun,
  defaultAgenda,
  journeyOf,
  listLanes,
  listSegments,
  listStages,
  MAX_STAGE_VISITS,
  markdownText,
  readStageVisits,
  type Summary,
  startTimer,
  summarize,
  switchStep,
  timerRun,
  toJSON,
  toMarkdown,
  writeAgenda,
  writeCrowd,
  writeRound,
  writeVote,
  writeWalkthrough,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

function session() {
  const { map } = newBoard();
  const [first, second] = listStages(map);
  const lane = listLanes(map)[0];
  const segment = listSegments(map)[0];
  if (!first || !second || !lane || !segment) throw new Error("the template has these");
  const control = new Y.Doc();
  writeRound(control, { roundId: "exp", name: "Internal experts", mapId: map.id, startedAt: 1000 }, "relay");
  writeRound(control, { roundId: "cus", name: "Customers", mapId: map.id, startedAt: 9000 }, "relay");
  const say = (id: string, roundId: string, stageId: string, text: string) =>
    appendFeedback(
      control,
      { id, roundId, mapId: map.id, stageId, participantId: "p", name: "Ann", text, at: 1 },
      "relay",
    );
  say("f1", "exp", first.id, "Confusing start");
  say("f2", "cus", first.id, "Too many forms");
  say("f3", "exp", second.id, "Fine");
  const visit = (roundId: string, stageId: string, startedAt: number, endedAt: number) =>
    appendStageVisit(control, { v: 1, roundId, mapId: map.id, stageId, startedAt, endedAt }, "relay");
  visit("exp", first.id, 1000, 4000);
  visit("exp", second.id, 4000, 6000);
  // The facilitator came back to the first stage: both visits count.
  visit("exp", first.id, 6000, 7000);
  visit("cus", first.id, 9000, 10_000);
  // The customers' round is on its second stage now: it counts up to the summary's time.
  writeWalkthrough(
    control,
    {
      version: 1,
      roundId: "cus",
      roundName: "Customers",
      mapId: map.id,
      stageId: second.id,
      stageStartedAt: 10_000,
      timeBoxSeconds: null,
      onTimeUp: "warn",
      status: "running",
      gather: null,
    },
    "relay",
  );
  const a = addNote(map, { cell: { stageId: first.id, laneId: lane.id }, x: 0, y: 0, author: "", text: "Forms" });
  const b = addNote(map, { cell: { stageId: second.id, laneId: lane.id }, x: 0, y: 0, author: "", text: "Price" });
  const c = addNote(map, { cell: { stageId: second.id, laneId: lane.id }, x: 0, y: 0, author: "", text: "Wait" });
  writeVote(
    control,
    {
      voteId: "v",
      mapId: map.id,
      question: "Priorities?",
      budget: 3,
      kinds: ["note"],
      multiple: true,
      hidden: true,
      status: "closed",
      voters: 2,
      counts: { [a]: 1, [b]: 3, [c]: 1 },
      ranking: [
        { noteId: b, dots: 3, rank: 1 },
        { noteId: a, dots: 1, rank: 2 },
        { noteId: c, dots: 1, rank: 2 },
      ],
      closedAt: 12_000,
    },
    "relay",
  );
  writeCrowd(
    control,
    map.id,
    segment.id,
    {
      roundId: "s",
      closedAt: 1,
      participants: 4,
      stages: { [first.id]: { mean: 1.5, sd: null, count: 4 }, [second.id]: { mean: null, sd: null, count: 2 } },
      shared: {},
    },
    "relay",
  );
  appendTimerRun(control, timerRun(startTimer("t1", 0, "step", 300_000, "Write"), 360_000), "relay");
  // The run-sheet: the first step ran twice, the second runs now.
  const steps = defaultAgenda(
    map.id,
    (() => {
      let n = 0;
      return () => `step${++n}`;
    })(),
  ).slice(0, 2);
  writeAgenda(control, steps, "relay");
  switchStep(control, steps, { stepId: "step1" }, 0, "relay");
  switchStep(control, steps, { stepId: "step2" }, 4000, "relay");
  switchStep(control, steps, { stepId: "step1" }, 6000, "relay");
  switchStep(control, steps, { stepId: "step2" }, 7000, "relay");
  const summary = summarize({ board: "Shop", mapId: map.id, map: "Current", journey: journeyOf(map) }, control, 15_000);
  return { summary, first, second, segment, control, map };
}

const stageOf = (summary: Summary, stageId: string) => {
  const stage = summary.stages.find((s) => s.stageId === stageId);
  if (!stage) throw new Error("the stage is in the summary");
  return stage;
};

describe("the session summary", () => {
  it("groups each stage's feedback by round, in the order the rounds ran", () => {
    const { summary, first, second } = session();
    const texts = (stageId: string) =>
      stageOf(summary, stageId).feedbackByRound.map((r) => [r.round, r.feedback.map((f) => f.text)]);
    expect(texts(first.id)).toEqual([
      ["Internal experts", ["Confusing start"]],
      ["Customers", ["Too many forms"]],
    ]);
    expect(texts(second.id)).toEqual([
      ["Internal experts", ["Fine"]],
      ["Customers", []],
    ]);
  });

  it("adds up the time per stage per round, the stage being walked counting up to now", () => {
    const { summary, first, second } = session();
    const times = (stageId: string) => stageOf(summary, stageId).timeByRound.map((t) => [t.round, t.ms, t.visits]);
    expect(times(first.id)).toEqual([
      ["Internal experts", 4000, 2],
      ["Customers", 1000, 1],
    ]);
    expect(times(second.id)).toEqual([
      ["Internal experts", 2000, 1],
      ["Customers", 5000, 1],
    ]);
  });

  it("ranks the vote's notes with their text and stage, and counts each stage's dots", () => {
    const { summary, first, second } = session();
    expect(summary.vote?.ranking.map((r) => [r.rank, r.dots, r.text, r.stage])).toEqual([
      [1, 3, "Price", second.title],
      [2, 1, "Forms", first.title],
      [2, 1, "Wait", second.title],
    ]);
    expect(stageOf(summary, first.id).voteDots).toBe(1);
    expect(stageOf(summary, second.id).voteDots).toBe(4);
  });

  it("shows crowd scores per stage, and a withheld mean as withheld", () => {
    const { summary, first, second, segment } = session();
    expect(stageOf(summary, first.id).crowd).toEqual([
      { segmentId: segment.id, segment: segment.name, mean: 1.5, sd: null, count: 4, withheld: false },
    ]);
    expect(stageOf(summary, second.id).crowd[0]?.withheld).toBe(true);
    expect(toMarkdown(summary)).toContain("withheld (too few private scores) from 2 scores");
  });

  it("lists each timer run with its planned and actual length", () => {
    const { summary } = session();
    expect(summary.timers).toEqual([
      {
        timerId: "t1",
        scope: "step",
        label: "Write",
        plannedMs: 300_000,
        actualMs: 360_000,
        startedAt: 0,
        endedAt: 360_000,
      },
    ]);
    expect(toMarkdown(summary)).toContain("| Write | step | 5:00 | 6:00 |");
  });

  it("lists the time spent per run-sheet step: runs of a restarted step add up, the running one counts to now", () => {
    const { summary } = session();
    expect(summary.steps.map(({ stepId, spentMs, runs, running }) => ({ stepId, spentMs, runs, running }))).toEqual([
      { stepId: "step1", spentMs: 5000, runs: 2, running: false },
      { stepId: "step2", spentMs: 2000 + 8000, runs: 2, running: true },
    ]);
    const md = toMarkdown(summary);
    expect(md).toContain("## Time per step");
    expect(md).toContain("| Set the objective and the audience | 10:00 | 0:05 | 2 |");
    expect(md).toContain("| Map the current state | 20:00 | 0:10 (running) | 2 |");
  });

  it("is versioned JSON that reads back as the same summary", () => {
    const { summary } = session();
    const json = JSON.parse(toJSON(summary));
    expect(json.version).toBe(2);
    expect(json).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(Object.keys(json)).toEqual([
      "version",
      "board",
      "mapId",
      "map",
      "stages",
      "vote",
      "steps",
      "timers",
      "generatedAt",
    ]);
  });

  it("keeps the stage-visit history bounded, dropping the oldest", () => {
    const control = new Y.Doc();
    for (let i = 0; i < MAX_STAGE_VISITS + 5; i++) {
      appendStageVisit(
        control,
        { v: 1, roundId: "r", mapId: "m", stageId: "s", startedAt: i, endedAt: i + 1 },
        "relay",
      );
    }
    const visits = readStageVisits(control);
    expect(visits).toHaveLength(MAX_STAGE_VISITS);
    expect(visits[0]?.startedAt).toBe(5);
  });
});

describe("user text in the Markdown", () => {
  it("cannot start a heading, break a table, or inject HTML", () => {
    const hostile = "# Boom | col\n<script>alert(1)</script>\n- item [x](javascript:1) *b* `c`";
    const text = markdownText(hostile);
    expect(text).not.toContain("\n");
    expect(text).not.toMatch(/(^|[^\\])[|<>#[\]*`]/);
    expect(text.replace(/\\(.)/g, "$1")).toBe(hostile.replace(/\s+/g, " "));
  });

  it("keeps a hostile note and remark inside their table row and list item", () => {
    const { summary, second } = session();
    const stage = stageOf(summary, second.id);
    const round = stage.feedbackByRound[0];
    if (!round || !summary.vote?.ranking[0]) throw new Error("the session has these");
    round.feedback[0] = { name: "Eve | x", text: "1. first\n## Heading\n<b>bold</b>", at: 1 };
    summary.vote.ranking[0].text = "A | B\n| --- |\n<img src=x onerror=alert(1)>";
    const step = summary.steps[0];
    if (!step) throw new Error("the session has a run-sheet step");
    step.title = "Step | x\n## <b>y</b>";
    const md = toMarkdown(summary);
    const lines = md.split("\n");
    expect(lines.filter((l) => l.startsWith("## "))).toHaveLength(summary.stages.length + 3);
    expect(lines.find((l) => l.startsWith("| Step"))?.split(/(?<!\\)\|/)).toHaveLength(6);
    const rankRow = lines.find((l) => l.startsWith("| 1 | 3 |"));
    expect(rankRow?.split(/(?<!\\)\|/)).toHaveLength(6);
    expect(md).not.toMatch(/(^|[^\\])<(b|img)/);
    expect(lines).toContain("- 1\\. first \\#\\# Heading \\<b\\>bold\\</b\\> (Eve \\| x)");
  });
});
