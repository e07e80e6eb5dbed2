import { z } from "zod";
import type { Credential, Entitlement, Identity } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import { type AgentRuleLike, matchAgentRule } from "../agent-rules/match-agent-rule";
import { CREDENTIAL_FIELDS } from "../credentials/identity-credential-fields";
import { entitlementSchema, identityFieldsSchema } from "../identity-input";
import { isFlag } from "../identity-flags";
import { STATUSES } from "../vocabulary";
import type { ImportRow } from "./import-row";
import { type PlannedCredential, credentialsDiffer, planCredentials } from "./plan-credentials";
import { type PlannedScopeUsage, planScopeUsage } from "./plan-scope-usage";

const rowSchema = identityFieldsSchema.extend({
  status: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` }).optional(),
  ),
});
type RowFields = z.infer<typeof rowSchema>;
type Scope = z.infer<typeof entitlementSchema>;

export type RowError = { field: string; reason: string };
export type PlanAction = "create" | "update" | "unchanged" | "reject";
export type PlanItem = {
  row: number;
  action: PlanAction;
  name: string;
  key: string;
  changes?: string[];
  errors?: RowError[];
  /** Things to look at in a row that is imported all the same (dates that cannot be true). */
  warnings?: string[];
  /** A finding to act on now (the root account with an active key). */
  critical?: string;
};
export type ExistingIdentity = Identity & { scopeKeys: string[]; credentials: Credential[]; entitlements: Entitlement[] };

/** Identity columns an import writes (the credential summary is derived from the credentials instead). */
export type PlannedFields = Omit<RowFields, (typeof CREDENTIAL_FIELDS)[number]> & {
  ownerId?: string | null;
  backupOwnerId?: string | null;
  flags?: string[];
  humanUse?: boolean;
  source?: string;
  goneFromSourceAt?: null;
};

/** A valid row, ready to write: its fields, owners resolved to ids, and (for updates) what differs. */
export type PlannedWrite = {
  item: PlanItem;
  data: PlannedFields;
  scopes?: Scope[];
  credentials?: PlannedCredential[];
  scopeUsage?: PlannedScopeUsage[];
  existing?: ExistingIdentity;
};

/** What every batch of one import shares: the admin's AI-agent rules, read once. */
export type PlanContext = { agentRules: readonly AgentRuleLike[] };

export type BatchPlan = { items: PlanItem[]; writes: PlannedWrite[] };

export const scopeKey = (s: { resource: string; action: string; level: string; environment?: string | null }) =>
  `${s.resource}|${s.action}|${s.level}|${s.environment ?? ""}`;
const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.()
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const issues = (error: z.ZodError, prefix = ""): RowError[] =>
  error.issues.map((i) => ({ field: prefix + (i.path.join(".") || "row"), reason: i.message }));
const email = (value: unknown) => (typeof value === "string" ? value.trim().toLowerCase() : "");

/**
 * The keys (platform, external id) of every row read so far, in a temporary table of the import's
 * transaction: a duplicate 900,000 rows later is still found, without holding a million keys in memory.
 */
export const KEYS_TABLE_SQL = `CREATE TEMP TABLE import_keys (platform text, "externalId" text, row integer, PRIMARY KEY (platform, "externalId")) ON COMMIT DROP`;

async function earlierRows(tx: Tx, keys: Map<string, { platform: string; externalId: string; row: number }>): Promise<Map<string, number>> {
  if (keys.size === 0) return new Map();
  // The insert keeps each key's first row; the keys it could not insert were read before (a rare case).
  const inserted = await tx.$queryRawUnsafe<{ platform: string; externalId: string }[]>(
    `INSERT INTO import_keys SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(platform text, "externalId" text, row integer) ON CONFLICT DO NOTHING RETURNING platform, "externalId"`,
    JSON.stringify([...keys.values()]),
  );
  if (inserted.length === keys.size) return new Map();
  const fresh = new Set(inserted.map((k) => `${k.platform}\u0000${k.externalId}`));
  const repeated = [...keys.entries()].filter(([key]) => !fresh.has(key)).map(([, k]) => k);
  const found = await tx.$queryRawUnsafe<{ platform: string; externalId: string; row: number }[]>(
    `SELECT k.platform, k."externalId", k.row FROM jsonb_to_recordset($1::jsonb) AS r(platform text, "externalId" text) JOIN import_keys k USING (platform, "externalId")`,
    JSON.stringify(repeated),
  );
  return new Map(found.map((k) => [`${k.platform}\u0000${k.externalId}`, k.row]));
}

/** Owner emails to user ids, in one query per batch. */
async function resolveOwners(tx: Tx, rows: ImportRow[]): Promise<Map<string, string>> {
  const emails = [...new Set(rows.flatMap((r) => [email(r.ownerEmail), email(r.backupOwnerEmail)]).filter(Boolean))];
  const users = emails.length
    ? await tx.user.findMany({ where: { email: { in: emails }, status: "active" }, select: { id: true, email: true } })
    : [];
  return new Map(users.map((u) => [u.email, u.id]));
}

/**
 * Existing identities for the batch's keys: their ids in one statement (the unique index on platform and
 * external id), then those identities with their scopes and credentials, 1,000 at a time. A batch of new
 * identities (most of a first import) costs the one statement.
 */
async function loadExisting(tx: Tx, keys: { platform: string; externalId: string }[]) {
  const found = new Map<string, ExistingIdentity>();
  if (keys.length === 0) return found;
  const ids = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT i.id FROM jsonb_to_recordset($1::jsonb) AS k(platform text, "externalId" text)
     JOIN "Identity" i ON i.platform = k.platform AND i."externalId" = k."externalId"`,
    JSON.stringify(keys),
  );
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await tx.identity.findMany({
      where: { id: { in: ids.slice(i, i + 1_000).map((r) => r.id) } },
      include: { entitlements: true, credentials: true },
    });
    for (const row of rows)
      found.set(`${row.platform}\u0000${row.externalId}`, { ...row, scopeKeys: row.entitlements.map(scopeKey).sort() });
  }
  return found;
}

/** Fields that only describe the row to a person; never written as they are. */
const CREDENTIAL_FIELD_SET = new Set<string>(CREDENTIAL_FIELDS);

/** A batch of rows checked on their own (fields, scopes, credentials, secrets): nothing read from the database yet. */
export type ParsedBatch = { rows: ImportRow[]; parsed: Awaited<ReturnType<typeof parseRow>>[] };

async function parseRow(row: ImportRow) {
  return {
    row,
    fields: row.scopeUsage ? await usageRowSchema.safeParseAsync(row.fields) : await rowSchema.safeParseAsync(row.fields),
    scopes: await Promise.all((row.entitlements ?? []).map((s) => entitlementSchema.safeParseAsync(s))),
    credentials: row.credentials ? await planCredentials(row.credentials) : undefined,
    scopeUsage: row.scopeUsage ? await planScopeUsage(row.scopeUsage) : undefined,
  };
}

/**
 * Validates a batch's rows without the database: the import runs this for the next batch while the
 * database writes the previous one. Parsed together, so the secret check of every text in the batch is one
 * call of the rule engine.
 */
export async function parseBatch(rows: ImportRow[]): Promise<ParsedBatch> {
  return { rows, parsed: await Promise.all(rows.map(parseRow)) };
}

/** Validates a batch of rows and decides, without writing, what the import does with each. */
export async function planBatch(tx: Tx, rows: ImportRow[], context: PlanContext = { agentRules: [] }): Promise<BatchPlan> {
  return planParsed(tx, await parseBatch(rows), context);
}

/** planBatch's second half: owners, duplicates and existing identities looked up, and each row decided. */
export async function planParsed(tx: Tx, { rows, parsed }: ParsedBatch, context: PlanContext = { agentRules: [] }): Promise<BatchPlan> {
  const owners = await resolveOwners(tx, rows);
  const firstInBatch = new Map<string, { platform: string; externalId: string; row: number }>();
  for (const { row, fields } of parsed) {
    if (!fields.success) continue;
    const key = `${fields.data.platform}\u0000${fields.data.externalId}`;
    if (!firstInBatch.has(key)) firstInBatch.set(key, { platform: fields.data.platform, externalId: fields.data.externalId, row: row.row });
  }
  const earlier = await earlierRows(tx, firstInBatch);

  type Candidate = Omit<PlannedWrite, "item" | "existing"> & { row: ImportRow; key: string; warnings: string[] };
  const candidates: Candidate[] = [];
  const items: PlanItem[] = [];
  for (const { row, fields, scopes: parsedScopes, credentials, scopeUsage } of parsed) {
    const name = String(row.fields.name ?? row.fields.externalId ?? "");
    const errors: RowError[] = fields.success ? [] : issues(fields.error);
    const ownerId = row.ownerEmail ? owners.get(email(row.ownerEmail)) : undefined;
    const backupOwnerId = row.backupOwnerEmail ? owners.get(email(row.backupOwnerEmail)) : undefined;
    if (row.ownerEmail && !ownerId) errors.push({ field: "ownerEmail", reason: `no active user with the email ${row.ownerEmail}` });
    if (row.backupOwnerEmail && !backupOwnerId)
      errors.push({ field: "backupOwnerEmail", reason: `no active user with the email ${row.backupOwnerEmail}` });
    const scopes = row.entitlements
      ? parsedScopes.map((parsedScope, i) => {
          if (!parsedScope.success) errors.push(...issues(parsedScope.error, `scopes.${i}.`));
          return parsedScope.data;
        })
      : undefined;
    if (credentials && !row.credentialsFromFields) errors.push(...credentials.errors);
    if (scopeUsage) errors.push(...scopeUsage.errors);
    const unknownFlag = row.flags?.find((f) => !isFlag(f));
    if (unknownFlag) errors.push({ field: "flags", reason: `unknown flag ${unknownFlag}` });
    const key = fields.success ? `${fields.data.platform}\u0000${fields.data.externalId}` : "";
    const first = key ? (earlier.get(key) ?? firstInBatch.get(key)?.row) : undefined;
    if (first !== undefined && first !== row.row)
      errors.push({ field: "externalId", reason: `the same platform and external id as row ${first}` });
    const warnings = [...(row.warnings ?? []), ...(credentials?.warnings ?? [])];
    if (errors.length > 0 || !fields.success) {
      items.push({
        row: row.row,
        action: "reject",
        name,
        key: key.replace("\u0000", ":"),
        errors,
        ...(warnings.length ? { warnings } : {}),
      });
      continue;
    }
    const stated = Object.fromEntries(
      Object.entries(fields.data).filter(([f]) => !CREDENTIAL_FIELD_SET.has(f)),
    ) as unknown as PlannedFields;
    // AI agents are recognised by the admin's rules; a person's own choice of kind is kept (pinned fields).
    if (!row.scopeUsage && matchAgentRule(context.agentRules, { name, signals: row.signals, vendor: stated.vendor }))
      stated.kind = "ai_agent";
    const data: PlannedFields = {
      ...stated,
      ...(row.ownerEmail ? { ownerId } : {}),
      ...(row.backupOwnerEmail ? { backupOwnerId } : {}),
      ...(row.flags ? { flags: [...new Set(row.flags)].sort() } : {}),
      ...(row.humanUse !== undefined ? { humanUse: row.humanUse } : {}),
      ...(row.source ? { source: row.source } : {}),
    };
    candidates.push({
      row,
      data,
      scopes: scopes?.filter((s): s is Scope => !!s),
      credentials: credentials?.credentials,
      scopeUsage: scopeUsage?.usage,
      key,
      warnings,
    });
  }

  const existing = await loadExisting(
    tx,
    candidates.map((c) => ({ platform: c.data.platform, externalId: c.data.externalId })),
  );
  const writes: PlannedWrite[] = [];
  for (const c of candidates) {
    const current = existing.get(c.key);
    const base = {
      row: c.row.row,
      name: current?.name ?? c.data.name,
      key: c.key.replace("\u0000", ":"),
      ...(c.warnings.length ? { warnings: c.warnings } : {}),
      ...(c.row.critical ? { critical: c.row.critical } : {}),
    };
    if (c.scopeUsage) {
      if (!current) {
        const reason = "not in the registry: import the identity first (the AWS credential report), then its access advisor report";
        items.push({ ...base, action: "reject", errors: [{ field: "externalId", reason }] });
        continue;
      }
      const changed = scopeUsageChanges(c.scopeUsage, current.entitlements);
      const item: PlanItem = { ...base, action: changed ? "update" : "unchanged", changes: changed ? ["scope usage"] : [] };
      items.push(item);
      if (changed)
        writes.push({
          item,
          // Only the scopes change: the identity's own columns are left as they are (its name labels the event).
          data: { name: current.name, platform: current.platform, externalId: current.externalId, tags: current.tags } as PlannedFields,
          scopeUsage: c.scopeUsage,
          existing: current,
        });
      continue;
    }
    if (!current) {
      const item: PlanItem = { ...base, action: "create" };
      items.push(item);
      writes.push({ item, data: c.data, scopes: c.scopes, credentials: c.credentials });
      continue;
    }
    // Placeholders (createOnly) and what a person set by hand (pinned) are never overwritten.
    const keep = new Set([...(c.row.createOnly ?? []), ...current.pinnedFields]);
    const changes = Object.entries(c.data)
      .filter(
        ([field, value]) => !keep.has(field) && field !== "tags" && value !== undefined && !same(value, current[field as keyof Identity]),
      )
      .map(([field]) => field);
    const mergedTags = [...new Set([...current.tags, ...c.data.tags])].sort();
    if (!same(mergedTags, [...current.tags].sort())) changes.push("tags");
    if (c.scopes && !same(c.scopes.map(scopeKey).sort(), current.scopeKeys)) changes.push("scopes");
    if (c.credentials && credentialsDiffer(c.credentials, current.credentials)) changes.push("credentials");
    // Listed again by its source: no longer gone.
    if (current.goneFromSourceAt && c.row.source) changes.push("goneFromSourceAt");
    const item: PlanItem = { ...base, action: changes.length ? "update" : "unchanged", changes };
    items.push(item);
    if (changes.length)
      writes.push({
        item,
        data: { ...c.data, tags: mergedTags, goneFromSourceAt: null },
        scopes: c.scopes,
        credentials: c.credentials,
        existing: current,
      });
  }
  items.sort((a, b) => a.row - b.row);
  return { items, writes };
}

/** A row that only reports per-scope usage names its identity and nothing else. */
const usageRowSchema = z.object({
  platform: z.string().trim().min(1, "platform is required").toLowerCase(),
  externalId: z.string().trim().min(1, "externalId is required: the identity's ARN"),
});

function scopeUsageChanges(usage: PlannedScopeUsage[], scopes: Entitlement[]): boolean {
  return usage.some((u) => {
    const matching = scopes.filter((s) => s.resource === u.resource);
    if (matching.length === 0) return true;
    return matching.some(
      (s) =>
        s.usage !== u.usage ||
        (s.lastUsedAt?.getTime() ?? null) !== (u.lastUsedAt?.getTime() ?? null) ||
        s.lastUsedWhere !== (u.lastUsedWhere ?? null),
    );
  });
}
