import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DraftField } from "../src/panels/draft-field.js";

describe("DraftField", () => {
  it("keeps what the participant types when someone else changes the value, and saves it on leaving", () => {
    const saved: string[] = [];
    const { rerender } = render(<DraftField label="Segment name" value="Families" onCommit={(v) => saved.push(v)} />);
    const field = screen.getByRole("textbox", { name: "Segment name" }) as HTMLInputElement;
    fireEvent.change(field, { target: { value: "Young fam" } });
    rerender(<DraftField label="Segment name" value="Households" onCommit={(v) => saved.push(v)} />);
    expect(field.value).toBe("Young fam");
    fireEvent.blur(field);
    expect(saved).toEqual(["Young fam"]);
  });

  it("shows the shared value live when nobody types, and Escape drops a draft", () => {
    const saved: string[] = [];
    const { rerender } = render(<DraftField label="Title" value="A" onCommit={(v) => saved.push(v)} />);
    const field = screen.getByRole("textbox", { name: "Title" }) as HTMLInputElement;
    rerender(<DraftField label="Title" value="B" onCommit={(v) => saved.push(v)} />);
    expect(field.value).toBe("B");
    field.focus();
    fireEvent.change(field, { target: { value: "C" } });
    fireEvent.keyDown(field, { key: "Escape" });
    expect(field.value).toBe("B");
    expect(saved).toEqual([]);
  });
});
