/** Parses CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into records by header. */
export function parseCsv(text: string): { header: string[]; records: { line: number; values: Record<string, string> }[] } {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i += 1) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line += 1;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i += 1;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line += 1;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = (nonEmpty[0]?.cells ?? []).map((h) => h.trim());
  const records = nonEmpty.slice(1).map((r) => ({ line: r.line, values: Object.fromEntries(header.map((h, i) => [h, r.cells[i]?.trim() ?? ""])) }));
  return { header, records };
}

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
