import { z } from "zod";
import type { Identity } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { entitlementSchema, identityFieldsSchema } from "../identity-input";
import { STATUSES } from "../vocabulary";
import type { ImportRow, ParsedFile, SkippedRow } from "./import-row";

const rowSchema = identityFieldsSchema.extend({
  status: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` }).optional()),
});
type RowFields = z.infer<typeof rowSchema>;
type Scope = z.infer<typeof entitlementSchema>;

export type RowError = { field: string; reason: string };
export type PlanAction = "create" | "update" | "unchanged" | "reject";
export type PlanItem = { row: number; action: PlanAction; name: string; key: string; changes?: string[]; errors?: RowError[] };

/** A valid row, ready to write: its fields, owners resolved to ids, and (for updates) what differs. */
export type PlannedWrite = {
  item: PlanItem;
  data: RowFields & { ownerId?: string | null; backupOwnerId?: string | null };
  scopes?: Scope[];
  existing?: Identity & { scopeKeys: string[] };
};

export type ImportPlan = {
  counts: Record<PlanAction | "skipped", number>;
  items: PlanItem[];
  skipped: SkippedRow[];
  writes: PlannedWrite[];
};

const scopeKey = (s: { resource: string; action: string; level: string; environment?: string | null }) => `${s.resource}|${s.action}|${s.level}|${s.environment ?? ""}`;
const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.() : JSON.stringify(a ?? null) === JSON.stringify(b ?? null));

function issues(error: z.ZodError, prefix = ""): RowError[] {
  return error.issues.map((i) => ({ field: prefix + (i.path.join(".") || "row"), reason: i.message }));
}

/** Owner emails to user ids, in one query for the whole file. */
async function resolveOwners(db: Db, rows: ImportRow[]): Promise<Map<string, string>> {
  const emails = [...new Set(rows.flatMap((r) => [r.ownerEmail, r.backupOwnerEmail]).filter((e): e is string => !!e).map((e) => e.trim().toLowerCase()))];
  const users = emails.length ? await db.user.findMany({ where: { email: { in: emails }, status: "active" }, select: { id: true, email: true } }) : [];
  return new Map(users.map((u) => [u.email, u.id]));
}

/** Existing identities for the file's (platform, externalId) keys: one indexed query per platform and 1,000 keys. */
async function loadExisting(db: Db, keys: { platform: string; externalId: string }[]) {
  const byPlatform = new Map<string, string[]>();
  for (const k of keys) byPlatform.set(k.platform, [...(byPlatform.get(k.platform) ?? []), k.externalId]);
  const found = new Map<string, Identity & { scopeKeys: string[] }>();
  for (const [platform, ids] of byPlatform) {
    for (let i = 0; i < ids.length; i += 1_000) {
      const rows = await db.identity.findMany({ where: { platform, externalId: { in: ids.slice(i, i + 1_000) } }, include: { entitlements: true } });
      for (const { entitlements, ...row } of rows) found.set(`${platform}\u0000${row.externalId}`, { ...row, scopeKeys: entitlements.map(scopeKey).sort() });
    }
  }
  return found;
}

/** Validates every row and decides, without writing, what the import would create, update or reject. */
export async function planImport(db: Db, parsed: ParsedFile): Promise<ImportPlan> {
  const owners = await resolveOwners(db, parsed.rows);
  const seen = new Map<string, number>();
  const candidates: { row: ImportRow; data: PlannedWrite["data"]; scopes?: Scope[]; key: string }[] = [];
  const items: PlanItem[] = [];
  for (const row of parsed.rows) {
    const name = String(row.fields.name ?? "");
    const errors: RowError[] = [];
    const fields = rowSchema.safeParse(row.fields);
    if (!fields.success) errors.push(...issues(fields.error));
    const ownerId = row.ownerEmail ? owners.get(row.ownerEmail.trim().toLowerCase()) : undefined;
    const backupOwnerId = row.backupOwnerEmail ? owners.get(row.backupOwnerEmail.trim().toLowerCase()) : undefined;
    if (row.ownerEmail && !ownerId) errors.push({ field: "ownerEmail", reason: `no active user with the email ${row.ownerEmail}` });
    if (row.backupOwnerEmail && !backupOwnerId) errors.push({ field: "backupOwnerEmail", reason: `no active user with the email ${row.backupOwnerEmail}` });
    const scopes = row.entitlements?.map((s, i) => {
      const parsedScope = entitlementSchema.safeParse(s);
      if (!parsedScope.success) errors.push(...issues(parsedScope.error, `scopes.${i}.`));
      return parsedScope.data;
    });
    const key = fields.success ? `${fields.data.platform}\u0000${fields.data.externalId}` : "";
    if (key && seen.has(key)) errors.push({ field: "externalId", reason: `the same platform and external id as row ${seen.get(key)}` });
    if (key) seen.set(key, row.row);
    if (errors.length > 0 || !fields.success) {
      items.push({ row: row.row, action: "reject", name, key: key.replace("\u0000", ":"), errors });
      continue;
    }
    const data = { ...fields.data, ...(row.ownerEmail ? { ownerId } : {}), ...(row.backupOwnerEmail ? { backupOwnerId } : {}) };
    candidates.push({ row, data, scopes: scopes?.filter((s): s is Scope => !!s), key });
  }

  const existing = await loadExisting(db, candidates.map((c) => ({ platform: c.data.platform, externalId: c.data.externalId })));
  const writes: PlannedWrite[] = [];
  for (const c of candidates) {
    const current = existing.get(c.key);
    const base = { row: c.row.row, name: c.data.name, key: c.key.replace("\u0000", ":") };
    if (!current) {
      const item: PlanItem = { ...base, action: "create" };
      items.push(item);
      writes.push({ item, data: c.data, scopes: c.scopes });
      continue;
    }
    const createOnly = new Set(c.row.createOnly ?? []);
    const changes = Object.entries(c.data)
      .filter(([field, value]) => !createOnly.has(field) && field !== "tags" && value !== undefined && !same(value, current[field as keyof Identity]))
      .map(([field]) => field);
    const mergedTags = [...new Set([...current.tags, ...c.data.tags])].sort();
    if (!same(mergedTags, current.tags)) changes.push("tags");
    if (c.scopes && !same(c.scopes.map(scopeKey).sort(), current.scopeKeys)) changes.push("scopes");
    const item: PlanItem = { ...base, action: changes.length ? "update" : "unchanged", changes };
    items.push(item);
    if (changes.length) writes.push({ item, data: { ...c.data, tags: mergedTags }, scopes: c.scopes, existing: current });
  }

  items.sort((a, b) => a.row - b.row);
  const count = (action: PlanAction) => items.filter((i) => i.action === action).length;
  return {
    counts: { create: count("create"), update: count("update"), unchanged: count("unchanged"), reject: count("reject"), skipped: parsed.skipped.length },
    items,
    skipped: parsed.skipped,
    writes,
  };
}
