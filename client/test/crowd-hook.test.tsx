import { type CrowdResult, duplicateMap, listSegments, listStages, writeCrowd } from "@journeyboard/shared";
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useCrowd } from "../src/sync/hooks.js";
import { localBoard } from "./board.js";

describe("useCrowd", () => {
  it("shows the crowd results of the map on screen, not of the map shown before", () => {
    const { board, map: current } = localBoard();
    // A future-state map keeps the current map's segment ids: only the map tells their results apart.
    const future = duplicateMap(board, current.id, "Future", "future");
    if (!future) throw new Error("the map was copied");
    const segmentId = listSegments(current)[0]?.id ?? "";
    const stageId = listStages(current)[0]?.id ?? "";
    const result = (roundId: string, mean: number): CrowdResult => ({
      roundId,
      closedAt: 1,
      participants: 3,
      stages: { [stageId]: { mean, sd: 0, count: 3 } },
      shared: {},
    });
    const control = new Y.Doc();
    writeCrowd(control, current.id, segmentId, result("current-round", -2), null);

    const { result: shown, rerender } = renderHook(({ map }) => useCrowd({ control }, map), {
      initialProps: { map: current },
    });
    expect(shown.current.get(segmentId)?.roundId).toBe("current-round");

    rerender({ map: future });
    expect(shown.current.size).toBe(0);
    act(() => writeCrowd(control, future.id, segmentId, result("future-round", 2), null));
    expect(shown.current.get(segmentId)?.roundId).toBe("future-round");

    rerender({ map: current });
    expect(shown.current.get(segmentId)?.roundId).toBe("current-round");
  });
});
