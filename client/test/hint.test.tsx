import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Hint } from "../src/panels/hint.js";
import { useUi } from "../src/ui-state.js";

const WHY = "Someone has locked the stages other than the current one.";

describe("Hint", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("goes by itself after its time on screen", () => {
    render(<Hint />);
    act(() => useUi.getState().showHint(WHY));
    expect(screen.getByRole("status", { hidden: true }).hidden).toBe(false);
    act(() => vi.advanceTimersByTime(4000));
    expect(screen.getByRole("status", { hidden: true }).hidden).toBe(true);
  });

  it("stays its full time again when the same hint is shown again (the same refusal twice)", () => {
    render(<Hint />);
    act(() => useUi.getState().showHint(WHY));
    act(() => vi.advanceTimersByTime(3000));
    act(() => useUi.getState().showHint(WHY));
    act(() => vi.advanceTimersByTime(3000));
    expect(screen.getByRole("status", { hidden: true }).textContent).toBe(WHY);
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByRole("status", { hidden: true }).hidden).toBe(true);
  });
});
