import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LandingPage } from "../src/landing/landing-page.js";
import { rememberBoard } from "../src/landing/recent-boards.js";

describe("LandingPage", () => {
  it("creates a board and opens it, marked as just created so its link is shown", async () => {
    let created = 0;
    render(
      <LandingPage
        createBoard={async () => {
          created++;
          const link = {
            role: "facilitator" as const,
            token: "v1.x.y",
            expiresAt: null,
            url: "/b/abcdefgh12345678?token=v1.x.y",
          };
          return { id: "abcdefgh12345678", url: link.url, link };
        }}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "New journey board" }));
    await screen.findByRole("button", { name: "Creating…" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(created).toBe(1);
    expect(`${location.pathname}${location.search}`).toBe("/b/abcdefgh12345678?token=v1.x.y");
    expect(history.state).toEqual({ created: true });
  });

  it("says what went wrong when the board cannot be created, and lets the user retry", async () => {
    render(
      <LandingPage
        createBoard={async () => {
          throw new Error("the server answered 500");
        }}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "New journey board" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the server answered 500");
    expect((screen.getByRole("button", { name: "New journey board" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("lists the boards this browser opened, most recent first", () => {
    rememberBoard({ id: "firstboard123456", title: "Onboarding", path: "/b/firstboard123456?token=a" }, 1);
    rememberBoard({ id: "secondboard12345", title: "Renewals", path: "/b/secondboard12345?token=b" }, 2);
    render(<LandingPage />);
    const links = screen.getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toEqual([
      ["Renewals", "/b/secondboard12345?token=b"],
      ["Onboarding", "/b/firstboard123456?token=a"],
    ]);
  });
});
