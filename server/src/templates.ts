import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type BoardTemplateId, cleanTitle } from "@journeyboard/shared";
import { type BoardFile, parseBoardFile } from "@journeyboard/shared/file";

/** The checked-in templates (shared/templates), the same two levels up from src/ and from dist/. */
const TEMPLATES_DIR = fileURLToPath(new URL("../../shared/templates/", import.meta.url));

/**
 * A template's file, checked like any imported file (a broken template fails loudly, never half-made),
 * read once and kept: templates change only with a release.
 */
export class Templates {
  private readonly files = new Map<BoardTemplateId, Promise<BoardFile>>();

  constructor(private readonly dir = TEMPLATES_DIR) {}

  /** A new board's file from a template: created now, titled as asked (the template's title otherwise). */
  async board(id: BoardTemplateId, title: string | undefined, now = Date.now()): Promise<BoardFile> {
    const file = await this.file(id);
    const createdAt = new Date(now).toISOString();
    return { ...file, exportedAt: createdAt, board: { title: cleanTitle(title ?? "", file.board.title), createdAt } };
  }

  private file(id: BoardTemplateId): Promise<BoardFile> {
    let file = this.files.get(id);
    if (!file) {
      file = readFile(`${this.dir}${id}.json`, "utf8").then((text) => {
        const parsed = parseBoardFile(text);
        if (!parsed.ok) throw new Error(`the template ${id} is broken: ${parsed.message}`);
        return parsed.file;
      });
      // A failed read is tried again next time rather than kept.
      file.catch(() => this.files.delete(id));
      this.files.set(id, file);
    }
    return file;
  }
}
