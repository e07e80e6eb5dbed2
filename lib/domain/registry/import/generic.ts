import { type FormatReader, FormatError, type ImportRow, objectItem } from "./import-row";
import { readCsv } from "./read-csv";
import { readJsonItems } from "./read-json";

// The console's own format (also what the registry exports): one column or key per field, owners by email,
// tags separated by ";" in CSV, optional scopes as "resource|action|level|environment" separated by ";".

export const GENERIC_COLUMNS = [
  "name",
  "kind",
  "platform",
  "externalId",
  "environment",
  "purpose",
  "ownerEmail",
  "backupOwnerEmail",
  "team",
  "vendor",
  "tags",
  "credentialType",
  "credentialIssuedAt",
  "credentialRotatedAt",
  "credentialExpiresAt",
  "lastUsedAt",
  "status",
  "scopes",
] as const;

function scopesFrom(text: unknown) {
  if (typeof text !== "string" || !text.trim()) return undefined;
  return text
    .split(";")
    .filter(Boolean)
    .map((s) => {
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

export const readGenericCsv: FormatReader = async function* (text) {
  const records = readCsv(text, (header) => {
    for (const required of ["name", "platform", "externalId"]) {
      if (!header.includes(required))
        throw new FormatError(`The CSV has no "${required}" column. Expected columns: ${GENERIC_COLUMNS.join(", ")}.`);
    }
  });
  for await (const { line, values } of records) yield toRow(line, values);
};

export const readGenericJson: FormatReader = async function* (text) {
  const items = readJsonItems(text, {
    rootArray: true,
    key: "identities",
    expected: 'Expected a JSON array of identities (or {"identities": [...]}).',
  });
  for await (const { item, value } of items) yield toRow(item, objectItem(item, value, "an identity"));
};
