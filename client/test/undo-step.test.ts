import { listSegments, listStages, readCurve, setEmotion } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { beginUndoStep } from "../src/sync/undo-step.js";
import { localBoard } from "./board.js";

describe("a drag is one step to undo", () => {
  it("even when it pauses longer than the undo manager's capture timeout between changes", () => {
    const { map, ctx } = localBoard();
    const { undo } = ctx.connection;
    // No time is short enough to merge two changes: as if the drag paused after each step.
    undo.captureTimeout = 0;
    const segment = listSegments(map)[0]?.id ?? "";
    const stage = listStages(map)[0]?.id ?? "";
    const score = () => readCurve(map, segment).find((p) => p.stageId === stage)?.score;

    const end = beginUndoStep(undo);
    for (const value of [1, 2, 3]) {
      setEmotion(map, segment, stage, value);
    }
    end();
    expect(score()).toBe(3);
    undo.undo();
    expect(score()).toBeUndefined();
    expect(undo.captureTimeout).toBe(0);
  });

  it("and the change after it is a step of its own", () => {
    const { map, ctx } = localBoard();
    const { undo } = ctx.connection;
    const segment = listSegments(map)[0]?.id ?? "";
    const stage = listStages(map)[0]?.id ?? "";
    const score = () => readCurve(map, segment).find((p) => p.stageId === stage)?.score;
    const end = beginUndoStep(undo);
    setEmotion(map, segment, stage, -2);
    end();
    end();
    setEmotion(map, segment, stage, 1);
    undo.undo();
    expect(score()).toBe(-2);
  });
});
