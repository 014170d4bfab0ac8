import type { Summary } from "./summary.js";
import { formatRemaining } from "./timer.js";

/**
 * The session summary as Markdown. Everything people typed (notes, feedback, names, titles) is escaped
 * so that it reads as text: a `#`, a `|`, a line break or HTML in it can neither start a heading, break
 * a table row nor inject markup.
 */

/** User text as one line of literal Markdown text, safe in a list item or a table cell. */
export function markdownText(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const escaped = line.replace(/[\\`*_{}[\]()#!|~<>&]/g, (c) => `\\${c}`);
  // What would start a list at the front of a line is escaped too (a remark reading "1. first" or "- x").
  return escaped.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}

/** "12:05", "1:02:03": elapsed time in whole seconds. */
export function formatDuration(ms: number): string {
  return formatRemaining(Math.round(ms / 1000) * 1000).replace(/^\+/, "");
}

const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;

export function toMarkdown(summary: Summary): string {
  const out: string[] = [
    `# Session summary: ${markdownText(summary.board)}`,
    "",
    `Map: ${markdownText(summary.map)}. Generated ${new Date(summary.generatedAt).toISOString()}.`,
  ];
  for (const stage of summary.stages) {
    out.push("", `## ${markdownText(stage.title)}`, "");
    const timed = stage.timeByRound.filter((t) => t.visits > 0);
    if (timed.length > 0) {
      out.push(row(["Round", "Time spent"]), row(["---", "---"]));
      for (const t of timed) out.push(row([markdownText(t.round), formatDuration(t.ms)]));
      out.push("");
    }
    for (const round of stage.feedbackByRound) {
      out.push(`### Feedback: ${markdownText(round.round)}`, "");
      if (round.feedback.length === 0) out.push("No feedback.");
      for (const f of round.feedback) out.push(`- ${markdownText(f.text)} (${markdownText(f.name)})`);
      out.push("");
    }
    out.push(`Dots: ${stage.voteDots}`);
    for (const c of stage.crowd) {
      const figures = c.withheld
        ? "withheld (too few private scores)"
        : `mean ${c.mean}${c.sd === null ? "" : `, spread ${c.sd}`}`;
      out.push("", `Crowd score, ${markdownText(c.segment)}: ${figures} from ${c.count} scores`);
    }
  }
  out.push("", "## Vote", "");
  if (!summary.vote) out.push("No vote on this map.");
  else {
    const { vote } = summary;
    out.push(`${markdownText(vote.question)} (${vote.status}; ${vote.budget} dots each; ${vote.voters} voters)`, "");
    if (vote.ranking.length === 0) out.push("No dots shown.");
    else {
      out.push(row(["Rank", "Dots", "Note", "Stage"]), row(["---", "---", "---", "---"]));
      for (const r of vote.ranking) out.push(row([r.rank, r.dots, markdownText(r.text), markdownText(r.stage)]));
    }
  }
  out.push("", "## Time per step", "");
  const ran = summary.steps.filter((s) => s.runs > 0);
  if (ran.length === 0) out.push("No run-sheet step has run yet.");
  else {
    out.push(row(["Step", "Planned", "Spent", "Runs"]), row(["---", "---", "---", "---"]));
    for (const s of ran) {
      const planned = s.plannedMs === null ? "" : formatDuration(s.plannedMs);
      const spent = `${formatDuration(s.spentMs)}${s.running ? " (running)" : ""}`;
      out.push(row([markdownText(s.title), planned, spent, s.runs]));
    }
  }
  out.push("", "## Timers", "");
  if (summary.timers.length === 0) out.push("No timer has run to its end yet.");
  else {
    out.push(row(["Timer", "Scope", "Planned", "Actual"]), row(["---", "---", "---", "---"]));
    for (const t of summary.timers) {
      out.push(
        row([markdownText(t.label || "Timer"), t.scope, formatDuration(t.plannedMs), formatDuration(t.actualMs)]),
      );
    }
  }
  return `${out.join("\n")}\n`;
}
