import type { CredentialType } from "../vocabulary";

/** One credential as a source states it (metadata only). `handle` is its non-secret name within the identity. */
export type ImportCredential = {
  handle: string;
  type: CredentialType;
  status?: "active" | "inactive";
  issuedAt?: string | null;
  rotatedAt?: string | null;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  /** known (lastUsedAt given), never (the source says never used), unknown (the source does not report use). */
  usage?: "known" | "never" | "unknown";
  lastUsedWhere?: string | null;
  /** A federated credential's cloud identity (role ARN, GCP service account email, Azure client id). */
  federatedWith?: string | null;
};

/** Last use of one scope as a source reports it (the AWS IAM access advisor, per service). */
export type ImportScopeUsage = {
  resource: string;
  lastUsedAt: string | null;
  usage: "known" | "never";
  lastUsedWhere?: string | null;
};

/** What an AI-agent rule can look at (labels and annotations of a Kubernetes object, the vendor). */
export type AgentSignals = { labels?: Record<string, string>; annotations?: Record<string, string>; vendor?: string | null };

/** One identity as read from a file, before validation. `row` is what the person sees (line or item number). */
export type ImportRow = {
  row: number;
  fields: Record<string, unknown>;
  /** Present when the source states the identity's credentials: the import then keeps exactly these (by handle). */
  credentials?: ImportCredential[];
  /** The credential came from the console file's single-credential columns, whose own checks name the fields. */
  credentialsFromFields?: boolean;
  /** What an expert reading of the source found (see registry/identity-flags.ts); replaces the import's earlier flags. */
  flags?: string[];
  humanUse?: boolean;
  /** The source as a whole ("kubernetes:<cluster>"), for "gone from source" after a full export. */
  source?: string;
  /** For the AI-agent rules an admin edits. */
  signals?: AgentSignals;
  /** Things in the row that cannot be true or need a look, shown in the dry run (the row is still imported). */
  warnings?: string[];
  /** A finding to act on now (root with an active key): shown first in the dry run. */
  critical?: string;
  /**
   * Only changes an identity already in the registry (per-scope usage from the access advisor): the row
   * names it by platform and external id and states nothing else about it.
   */
  scopeUsage?: ImportScopeUsage[];
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

export type ImportOptions = {
  environment: string;
  cluster?: string;
  org?: string;
  /** AWS: the account the report is from (its ARNs say it too). */
  account?: string;
  /** AWS access advisor: the identity the report is about. */
  arn?: string;
  /** AWS credential report: register IAM users with no credential at all as offboarding candidates. */
  registerDormant?: boolean;
  /** The file is a full export of its source: identities of that source it does not list are marked gone. */
  fullExport?: boolean;
};

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
