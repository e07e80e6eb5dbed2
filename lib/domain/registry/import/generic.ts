import { parseCsv } from "../../shared/csv";
import { FormatError, type ImportRow, type ParsedFile } from "./import-row";

// The console's own format (also what the registry exports): one column or key per field, owners by email,
// tags separated by ";" in CSV, optional scopes as "resource|action|level|environment" separated by ";".

export const GENERIC_COLUMNS = [
  "name", "kind", "platform", "externalId", "environment", "purpose", "ownerEmail", "backupOwnerEmail", "team", "vendor", "tags",
  "credentialType", "credentialIssuedAt", "credentialRotatedAt", "credentialExpiresAt", "lastUsedAt", "status", "scopes",
] as const;

function scopesFrom(text: unknown) {
  if (typeof text !== "string" || !text.trim()) return undefined;
  return text.split(";").filter(Boolean).map((s) => {
    const [resource, action, level, environment] = s.split("|").map((p) => p.trim());
    return { resource, action, level, environment: environment || null };
  });
}

function toRow(row: number, record: Record<string, unknown>): ImportRow {
  const { ownerEmail, backupOwnerEmail, tags, scopes, entitlements, ...fields } = record;
  return {
    row,
    fields: { ...fields, tags: typeof tags === "string" ? tags.split(";").filter((t) => t.trim()) : tags },
    ownerEmail: typeof ownerEmail === "string" && ownerEmail ? ownerEmail : undefined,
    backupOwnerEmail: typeof backupOwnerEmail === "string" && backupOwnerEmail ? backupOwnerEmail : undefined,
    entitlements: Array.isArray(entitlements) ? entitlements : scopesFrom(scopes),
  };
}

export function parseGenericCsv(text: string): ParsedFile {
  const { header, records } = parseCsv(text);
  for (const required of ["name", "platform", "externalId"]) {
    if (!header.includes(required)) throw new FormatError(`The CSV has no "${required}" column. Expected columns: ${GENERIC_COLUMNS.join(", ")}.`);
  }
  return { rows: records.map((r) => toRow(r.line, r.values)), skipped: [] };
}

export function parseGenericJson(text: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(data) ? data : (data as { identities?: unknown })?.identities;
  if (!Array.isArray(items)) throw new FormatError('Expected a JSON array of identities (or {"identities": [...]}).');
  return { rows: items.map((item, i) => toRow(i + 1, (item ?? {}) as Record<string, unknown>)), skipped: [] };
}
