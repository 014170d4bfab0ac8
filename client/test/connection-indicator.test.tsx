import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConnectionIndicator } from "../src/panels/connection-indicator.js";
import type { ConnectionState } from "../src/sync/connection.js";

const base: ConnectionState = {
  link: "live",
  loaded: true,
  unsent: false,
  refusal: null,
  waiting: null,
  tooNew: false,
  mustReload: false,
};

describe("ConnectionIndicator", () => {
  it.each([
    [{ link: "live" }, "Live"],
    [{ link: "connecting" }, "Connecting…"],
    [{ link: "offline" }, "Offline"],
    [{ link: "offline", unsent: true }, "Offline · unsent changes"],
    [{ link: "connecting", unsent: true }, "Offline · unsent changes"],
  ] as const)("%j reads %s", (patch, text) => {
    render(<ConnectionIndicator state={{ ...base, ...patch }} />);
    expect(screen.getByRole("status").textContent).toBe(text);
    expect(screen.getByRole("status").dataset.link).toBe(patch.link);
  });

  it("says why the server turned the page away for now, while it tries again", () => {
    const waiting = "The server is busy. This page keeps trying to open the board.";
    render(<ConnectionIndicator state={{ ...base, link: "offline", waiting }} />);
    expect(screen.getByRole("status").textContent).toBe("Offline");
    expect(screen.getByRole("status").title).toBe(waiting);
  });
});
