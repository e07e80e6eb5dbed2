import { pipeline, Readable } from "node:stream";
import { parse } from "csv-parse";
import { FormatError } from "./import-row";

export type CsvRecord = { line: number; values: Record<string, string> };

const newlines = (values: string[]) => values.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);

/**
 * Streams CSV records by header (RFC 4180: quotes, doubled quotes, newlines inside quotes) with csv-parse.
 * `checkHeader` sees the trimmed header first and throws a FormatError when it is not the expected one.
 * Values are trimmed; blank lines are skipped; `line` is the line a record starts on.
 */
export async function* readCsv(text: AsyncIterable<string>, checkHeader: (header: string[]) => void): AsyncGenerator<CsvRecord> {
  let headerSeen = false;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
    columns: (header: string[]) => {
      const trimmed = header.map((h) => h.trim());
      checkHeader(trimmed);
      headerSeen = true;
      return trimmed;
    },
  });
  // pipeline carries an error of the source (a body over the size limit) into the parser, and so to us.
  pipeline(Readable.from(text), parser, () => {});
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const raw = Object.values(record);
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(record)) values[key] = value.trim();
      yield { line: info.lines - newlines(raw), values };
    }
  } catch (error) {
    if (error instanceof FormatError || !(error as { code?: string }).code?.startsWith("CSV_")) throw error;
    throw new FormatError(`The CSV could not be read: ${(error as Error).message}. Nothing was imported.`);
  }
  if (!headerSeen) throw new FormatError("The file is empty: a CSV starts with a header row.");
}
