
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

export type ParsedFile = { rows: ImportRow[]; skipped: SkippedRow[] };

export type ImportOptions = { environment: string };

export class FormatError extends Error {}
