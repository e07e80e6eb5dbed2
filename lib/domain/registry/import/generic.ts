import { type FormatReader, FormatError, type ImportCredential, type ImportRow, objectItem } from "./import-row";
import { readCsv } from "./read-csv";
import { readJsonItems } from "./read-json";

// The console's own format (also what the registry exports): one column or key per field, owners by email,
// tags separated by ";" in CSV, optional scopes as "resource|action|level|environment" separated by ";",
// credentials as a JSON array (one object per credential, as the export writes them). A file without the
// credentials column may describe one credential with the credentialType … lastUsedAt columns.

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
  "credentials",
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

/** The credentials column: a JSON array in CSV, an array in JSON; blank means "not stated". */
function credentialsFrom(row: number, value: unknown): ImportCredential[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      throw new FormatError(`Row ${row}: the credentials column must be a JSON array of credentials. Nothing was imported.`);
    }
  }
  if (!Array.isArray(list)) throw new FormatError(`Row ${row}: credentials must be an array. Nothing was imported.`);
  return list.map((c, i) => objectItem(i + 1, c, `a credential of row ${row}`) as ImportCredential);
}

/** The single-credential columns, as the identity's only credential ("primary"). */
function credentialFromColumns(fields: Record<string, unknown>): ImportCredential[] | undefined {
  const type = fields.credentialType;
  if (typeof type !== "string" || !type.trim()) return undefined;
  const date = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
  return [
    {
      handle: "primary",
      type: type.trim() as ImportCredential["type"],
      issuedAt: date(fields.credentialIssuedAt),
      rotatedAt: date(fields.credentialRotatedAt),
      expiresAt: date(fields.credentialExpiresAt),
      lastUsedAt: date(fields.lastUsedAt),
    },
  ];
}

function toRow(row: number, record: Record<string, unknown>): ImportRow {
  const { ownerEmail, backupOwnerEmail, tags, scopes, entitlements, credentials, ...fields } = record;
  const stated = credentialsFrom(row, credentials);
  const fromColumns = stated ? undefined : credentialFromColumns(fields);
  return {
    row,
    fields: { ...fields, tags: typeof tags === "string" ? tags.split(";").filter((t) => t.trim()) : tags },
    ownerEmail: typeof ownerEmail === "string" && ownerEmail ? ownerEmail : undefined,
    backupOwnerEmail: typeof backupOwnerEmail === "string" && backupOwnerEmail ? backupOwnerEmail : undefined,
    entitlements: Array.isArray(entitlements) ? entitlements : scopesFrom(scopes),
    credentials: stated ?? fromColumns,
    ...(fromColumns ? { credentialsFromFields: true } : {}),
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
