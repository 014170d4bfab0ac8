/**
 * CSV as spreadsheets read it (RFC 4180): cells with a comma, a quote or a line break are quoted, quotes
 * doubled, rows end with CRLF. Text that a spreadsheet would run as a formula (it begins with = + - @, a
 * tab or a carriage return, or their full-width forms) gets a leading apostrophe, so a note typed as
 * `=HYPERLINK(...)` is shown as text, never run. Numbers are written as numbers. Generic: any export
 * builds its rows and calls `toCsv`.
 */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",");
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, which some spreadsheets need to read accents right. */
  bom?: boolean;
}

/** Rows as a CSV document, each row ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  return (options.bom ? "\uFEFF" : "") + rows.map((row) => `${csvRow(row)}\r\n`).join("");
}
