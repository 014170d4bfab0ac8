/** Small line icons for the toolbars (24×24, drawn with the current text color). */
const PATHS: Record<string, string> = {
  select: "M5 3l14 8-6 1.5L10 19z",
  hand: "M8 13V6a1.5 1.5 0 013 0v5m0-6.5a1.5 1.5 0 013 0V11m0-5a1.5 1.5 0 013 0v5m0-2a1.5 1.5 0 013 0v6a7 7 0 01-7 7h-1a7 7 0 01-5.6-2.8L4 15a1.5 1.5 0 012.3-2l1.7 2",
  note: "M4 4h16v11l-5 5H4zM15 20v-5h5",
  undo: "M9 14L4 9l5-5M4 9h11a5 5 0 010 10h-3",
  redo: "M15 14l5-5-5-5M20 9H9a5 5 0 000 10h3",
  help: "M9.5 9a2.5 2.5 0 115 0c0 2-2.5 2-2.5 4M12 17h.01M12 3a9 9 0 100 18 9 9 0 000-18z",
  plus: "M12 5v14M5 12h14",
  minus: "M5 12h14",
  fit: "M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5",
  trash: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
  copy: "M9 9h11v11H9zM5 15H4V4h11v1",
  segments: "M9 11a3 3 0 100-6 3 3 0 000 6zM3 20a6 6 0 0112 0M17 11a2.5 2.5 0 100-5M16 14a5 5 0 015 6",
  scoring: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  voting: "M7 9a2 2 0 100-4 2 2 0 000 4zM17 9a2 2 0 100-4 2 2 0 000 4zM12 19a2 2 0 100-4 2 2 0 000 4zM4 13h16",
  balance: "M12 4v16M5 20h14M4 9l3-5 3 5a3 3 0 01-6 0zM14 9l3-5 3 5a3 3 0 01-6 0zM7 4h10",
  compare: "M4 5h6v14H4zM14 5h6v14h-6zM7 9v6M17 9v2M17 13v2",
  legend: "M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01",
  walkthrough: "M4 12h4l2-4 4 8 2-4h4M4 5v14M20 5v14",
  rounds: "M3 6h8v12H3zM13 6h8v12h-8zM6 10h2M16 10h2M6 14h2M16 14h2",
  summary: "M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7",
  runsheet: "M9 6h11M9 12h11M9 18h11M4 5l1 1 2-2M4 11l1 1 2-2M4 17l1 1 2-2",
  raci: "M3 4h18v16H3zM3 9h18M3 14h18M9 4v16M15 4v16",
  export: "M12 4v11M7 10l5 5 5-5M4 20h16",
  import: "M12 15V4M7 9l5-5 5 5M4 20h16",
  minimap: "M3 5h18v14H3zM12 11h6v5h-6z",
  link: "M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1",
};

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
