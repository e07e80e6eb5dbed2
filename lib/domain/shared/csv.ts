/**
 * One CSV cell. Lists of plain values are joined with ";" (tags, scopes); other structures are JSON.
 * A leading =, +, - or @ would run as a formula in a spreadsheet: it is neutralized with a quote.
 */
export function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ""
      : typeof value === "string"
        ? value
        : Array.isArray(value) && value.every((v) => typeof v !== "object")
          ? value.join(";")
          : typeof value === "object"
            ? JSON.stringify(value)
            : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  return rows.map((row) => columns.map((c) => csvCell(row[c])).join(",")).join("\n");
}
