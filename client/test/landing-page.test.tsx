import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type BoardSource, LandingPage } from "../src/landing/landing-page.js";
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

  it("creates the board from the template chosen, the method's journey unless another is", async () => {
    const asked: BoardSource[] = [];
    const createBoard = async (source: BoardSource) => {
      asked.push(source);
      throw new Error("stop here");
    };
    render(<LandingPage createBoard={createBoard} />);
    expect((screen.getByRole("radio", { name: /The method's journey/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "New journey board" }));
    await screen.findByRole("alert");
    fireEvent.click(screen.getByRole("radio", { name: /Workshop-ready board/ }));
    fireEvent.click(screen.getByRole("button", { name: "New journey board" }));
    await screen.findByText(/could not be created: stop here/);
    expect(asked).toEqual([{ template: "journey" }, { template: "workshop" }]);
  });

  it("starts from a file: sends its text, and says why the server refused it", async () => {
    const asked: BoardSource[] = [];
    render(
      <LandingPage
        createBoard={async (source) => {
          asked.push(source);
          throw new Error("the file cannot be imported: maps[0].notes[2].text: expected string");
        }}
      />,
    );
    const file = new File(['{"format":"journeyboard"}'], "board.journeyboard.json", { type: "application/json" });
    fireEvent.change(screen.getByLabelText("Start from a file"), { target: { files: [file] } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "The board could not be made from this file: the file cannot be imported: maps[0].notes[2].text: expected string.",
    );
    expect(asked).toEqual([{ file: '{"format":"journeyboard"}' }]);
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
