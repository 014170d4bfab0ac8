import { computeGrid, listLanes, listStages } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { crowdBandPoints, emotionRow, scoreY, stageCenter } from "../src/canvas/curves.js";
import { localBoard } from "./board.js";

describe("the crowd band", () => {
  const { map } = localBoard();
  const grid = computeGrid(listStages(map), listLanes(map));
  const row = emotionRow(grid);
  const [first, second, third] = grid.columns;
  if (!row || !first || !second || !third) throw new Error("a new board has an emotion lane and stages");
  const x = (column: typeof first) => stageCenter(column);

  it("runs one standard deviation either side of the mean, within the scale, and skips withheld stages", () => {
    const points = crowdBandPoints(grid, row, {
      [first.stage.id]: { mean: -1, sd: 1.5, count: 4 },
      [second.stage.id]: { mean: null, sd: null, count: 2 },
      [third.stage.id]: { mean: 2.5, sd: 1, count: 3 },
    });
    expect(points).toEqual({
      band: [
        x(first),
        scoreY(row, 0.5),
        x(third),
        scoreY(row, 3),
        x(third),
        scoreY(row, 1.5),
        x(first),
        scoreY(row, -2.5),
      ],
      mean: [x(first), scoreY(row, -1), x(third), scoreY(row, 2.5)],
    });
  });

  it("draws an old result's mean without a band, and nothing when every stage was withheld", () => {
    const old = crowdBandPoints(grid, row, { [first.stage.id]: { mean: 1, sd: null, count: 3 } });
    expect(old).toEqual({
      band: [x(first), scoreY(row, 1), x(first), scoreY(row, 1)],
      mean: [x(first), scoreY(row, 1)],
    });
    expect(crowdBandPoints(grid, row, { [first.stage.id]: { mean: null, sd: null, count: 1 } })).toBeNull();
  });
});
