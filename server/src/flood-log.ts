import type { Logger } from "./log.js";

/**
 * Logs refusals that come in floods: the first of a second at once, the rest of that second as one line
 * per reason with their count, so that an attack costs a line a second rather than a line a request.
 */
export class FloodLog {
  private readonly unlogged = new Map<string, { count: number; fields: Record<string, unknown> }>();
  private window: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly log: Logger,
    private readonly event: string,
  ) {}

  note(reason: string, fields: Record<string, unknown>): void {
    if (this.window) {
      const count = (this.unlogged.get(reason)?.count ?? 0) + 1;
      this.unlogged.set(reason, { count, fields });
      return;
    }
    this.log.warn(this.event, { reason, ...fields });
    this.open();
  }

  stop(): void {
    clearTimeout(this.window);
  }

  private open(): void {
    this.window = setTimeout(() => {
      this.window = undefined;
      if (this.unlogged.size === 0) return;
      for (const [reason, { count, fields }] of this.unlogged) {
        this.log.warn(this.event, { reason, ...fields, count, seconds: 1 });
      }
      this.unlogged.clear();
      this.open();
    }, 1000);
    this.window.unref();
  }
}
