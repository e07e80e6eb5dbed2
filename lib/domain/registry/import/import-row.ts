/** One identity as read from a file, before validation. `row` is what the person sees (line or item number). */
export type ImportRow = {
  row: number;
  fields: Record<string, unknown>;
  ownerEmail?: string;
  backupOwnerEmail?: string;
  /** Present when the source states the identity's scopes; the import then replaces them. */
  entitlements?: Record<string, unknown>[];
  /**
   * Fields the source does not really state (a placeholder purpose, the environment chosen at upload):
   * used to create the identity, never to overwrite what people wrote since.
   */
  createOnly?: string[];
};

/** A row the source format itself cannot use (e.g. a person, not an identity), with the reason. */
export type SkippedRow = { row: number; name: string; reason: string };

/** What a format yields, one entry at a time, as it reads the file. */
export type SourceEntry = ImportRow | SkippedRow;

export const isSkipped = (entry: SourceEntry): entry is SkippedRow => "reason" in entry;

export type ImportOptions = { environment: string; cluster?: string; org?: string };

/** A format reads text chunks and yields entries; it never holds the whole file. */
export type FormatReader = (text: AsyncIterable<string>, options: ImportOptions) => AsyncIterable<SourceEntry>;

/** The file cannot be read as the chosen format (its message names the line or item). */
export class FormatError extends Error {}

/** A JSON item must be an object; anything else (null, a number) is a mistake in the file, named by its item. */
export function objectItem(item: number, value: unknown, what: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new FormatError(
    `Item ${item} is ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}: each item must be an object (${what}). Nothing was imported.`,
  );
}
