import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { likeLiteral, storableText } from "../shared/input";
import { USAGES } from "./credentials/credential-input";
import { FLAG_NAMES } from "./identity-flags";
import { CREDENTIAL_TYPES, ENVIRONMENTS, KINDS, STATUSES } from "./vocabulary";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const oneOf = (field: string, values: readonly string[]) =>
  z.enum(values as [string, ...string[]], { error: `${field} must be one of ${values.join(", ")}` });
const yes = (field: string) =>
  opt(z.enum(["1", "true", "0", "false"], { error: `${field} must be true or false` }).transform((v) => v === "1" || v === "true"));
const days = (field: string) =>
  opt(
    z.coerce
      .number({ error: `${field} must be a number of days` })
      .int(`${field} must be a whole number of days`)
      .min(0, `${field} must be 0 or more`)
      .max(3650, `${field} must be at most 3650`),
  );

export const SORTS = ["name", "updatedAt", "createdAt", "credentialExpiresAt", "lastUsedAt"] as const;

/** The registry's filters, as they travel in the URL. Each one is served by an index (schema.prisma, migrations). */
export const identityFilterSchema = z.object({
  q: opt(storableText("q").trim().max(200, "q must be at most 200 characters")),
  kind: opt(oneOf("kind", KINDS)),
  platform: opt(storableText("platform").trim().toLowerCase().max(100, "platform must be at most 100 characters")),
  environment: opt(oneOf("environment", ENVIRONMENTS)),
  status: opt(oneOf("status", STATUSES)),
  owner: opt(z.uuid("owner must be a user")),
  team: opt(storableText("team").trim().max(100, "team must be at most 100 characters")),
  credentialType: opt(oneOf("credentialType", CREDENTIAL_TYPES)),
  expiringWithinDays: days("expiringWithinDays"),
  expired: yes("expired"),
  noOwner: yes("noOwner"),
  tag: opt(storableText("tag").trim().toLowerCase().max(64, "tag must be at most 64 characters")),
  // Warnings.
  noExpiry: yes("noExpiry"),
  olderThanDays: days("olderThanDays"),
  unusedForDays: days("unusedForDays"),
  severalActive: yes("severalActive"),
  humanUse: yes("humanUse"),
  privilegedInProduction: yes("privilegedInProduction"),
  wildcardScope: yes("wildcardScope"),
  departedOwner: yes("departedOwner"),
  goneFromSource: yes("goneFromSource"),
  flag: opt(oneOf("flag", FLAG_NAMES)),
  usage: opt(oneOf("usage", USAGES)),
  importId: opt(z.uuid("importId must be an import's id")),
  sort: opt(z.enum(SORTS, { error: `sort must be one of ${SORTS.join(", ")}` })).default("name"),
  dir: opt(z.enum(["asc", "desc"], { error: "dir must be asc or desc" })).default("asc"),
});

export type IdentityFilter = z.infer<typeof identityFilterSchema>;

/**
 * People whose name or email matches the search, looked up first (the user table is small) so the
 * registry query can use its ownerId index instead of a correlated join that defeats the text indexes.
 */
export async function ownersMatching(db: Db, q: string | undefined): Promise<string[]> {
  if (!q) return [];
  const contains = { contains: likeLiteral(q), mode: "insensitive" as const };
  const users = await db.user.findMany({ where: { OR: [{ email: contains }, { name: contains }] }, select: { id: true }, take: 1_000 });
  return users.map((u) => u.id);
}

/**
 * Deactivated people, looked up first for the same reason: "owner or backup owner departed" then reads the
 * ownerId and backupOwnerId indexes. Without the list, identityWhere asks through the relation (correct,
 * slower at scale).
 */
export async function departedUsers(db: Db, filter: Pick<IdentityFilter, "departedOwner">): Promise<string[] | undefined> {
  if (!filter.departedOwner) return undefined;
  const users = await db.user.findMany({ where: { status: "deactivated" }, select: { id: true } });
  return users.map((u) => u.id);
}

const DAY = 86_400_000;
const PRIVILEGED_LEVELS = ["write", "admin"];

/** Both forms of one condition, side by side so that they cannot drift apart unnoticed. */
type Condition = { where: Prisma.IdentityWhereInput; sql: Prisma.Sql };
const col = (name: string) => Prisma.raw(`i."${name}"`);
const uuids = (ids: string[]) => Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
const at = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz`;

/**
 * The filter's conditions: each as Prisma's where (the rows, the count, exports and bulk changes) and as
 * SQL on `"Identity" i` (the planner's estimate of a broad view's size). tests/list-filters.test.ts checks
 * that both select the same rows for every filter.
 */
function conditions(f: IdentityFilter, now: Date, matchingOwners: string[], departed?: string[]): Condition[] {
  const out: Condition[] = [];
  const equals = (
    field: "kind" | "platform" | "environment" | "status" | "team" | "credentialType" | "usage",
    value: string | undefined,
  ) => {
    if (value !== undefined) out.push({ where: { [field]: value }, sql: Prisma.sql`${col(field)} = ${value}` });
  };
  if (f.q) {
    // `search` is lower(name, externalId, purpose), kept by a trigger and trigram-indexed.
    const pattern = likeLiteral(f.q.toLowerCase());
    const text = { search: { contains: pattern } };
    const textSql = Prisma.sql`i.search LIKE ${`%${pattern}%`}`;
    out.push(
      matchingOwners.length
        ? {
            where: { OR: [text, { ownerId: { in: matchingOwners } }] },
            sql: Prisma.sql`(${textSql} OR i."ownerId" IN (${uuids(matchingOwners)}))`,
          }
        : { where: text, sql: textSql },
    );
  }
  equals("kind", f.kind);
  equals("platform", f.platform);
  equals("environment", f.environment);
  equals("status", f.status);
  if (f.owner) out.push({ where: { ownerId: f.owner }, sql: Prisma.sql`i."ownerId" = ${f.owner}::uuid` });
  equals("team", f.team);
  equals("credentialType", f.credentialType);
  if (f.expiringWithinDays !== undefined) {
    const until = new Date(now.getTime() + f.expiringWithinDays * DAY);
    out.push({
      where: { credentialExpiresAt: { gte: now, lte: until } },
      sql: Prisma.sql`i."credentialExpiresAt" BETWEEN ${at(now)} AND ${at(until)}`,
    });
  }
  if (f.expired) out.push({ where: { credentialExpiresAt: { lt: now } }, sql: Prisma.sql`i."credentialExpiresAt" < ${at(now)}` });
  if (f.noOwner) out.push({ where: { ownerId: null }, sql: Prisma.sql`i."ownerId" IS NULL` });
  if (f.tag) out.push({ where: { tags: { has: f.tag } }, sql: Prisma.sql`i.tags @> ARRAY[${f.tag}]::text[]` });

  // Warnings. Each is a column of the credential summary or an EXISTS over the identity's scopes, served
  // by an index (the partial ones in the list_warning_indexes migration).
  if (f.noExpiry) out.push({ where: { neverExpires: true }, sql: Prisma.sql`i."neverExpires"` });
  if (f.olderThanDays !== undefined) {
    const before = new Date(now.getTime() - f.olderThanDays * DAY);
    out.push({ where: { oldestCredentialAt: { lt: before } }, sql: Prisma.sql`i."oldestCredentialAt" < ${at(before)}` });
  }
  if (f.unusedForDays !== undefined) {
    // "Unused for N days" means: nothing shows a use in the last N days although it could have been used.
    // Either its last recorded use is older than N days, or its source says it was never used and its
    // oldest active credential (issued or last rotated) has existed for more than N days. An identity
    // whose source does not report use (usage "unknown") is not listed: no evidence either way, and the
    // usage filter finds those. A credential issued yesterday and never used is not "unused for 90 days".
    const before = new Date(now.getTime() - f.unusedForDays * DAY);
    out.push({
      where: { OR: [{ lastUsedAt: { lt: before } }, { usage: "never", oldestCredentialAt: { lt: before } }] },
      sql: Prisma.sql`(i."lastUsedAt" < ${at(before)} OR (i.usage = 'never' AND i."oldestCredentialAt" < ${at(before)}))`,
    });
  }
  if (f.severalActive) out.push({ where: { activeCredentials: { gte: 2 } }, sql: Prisma.sql`i."activeCredentials" >= 2` });
  if (f.humanUse) out.push({ where: { humanUse: true }, sql: Prisma.sql`i."humanUse"` });
  if (f.privilegedInProduction) {
    // A production identity holding a write or admin scope that applies in production (a scope without
    // an environment of its own applies where its identity runs).
    out.push({
      where: {
        environment: "production",
        entitlements: { some: { level: { in: PRIVILEGED_LEVELS }, OR: [{ environment: null }, { environment: "production" }] } },
      },
      sql: Prisma.sql`i.environment = 'production' AND EXISTS (SELECT 1 FROM "Entitlement" e WHERE e."identityId" = i.id
        AND e.level IN ('write', 'admin') AND (e.environment IS NULL OR e.environment = 'production'))`,
    });
  }
  // A column the database keeps from the scopes (triggers of the list_broad_views migration), with a partial
  // index in name order: read in order like the other rare warnings.
  if (f.wildcardScope) out.push({ where: { wildcardScope: true }, sql: Prisma.sql`i."wildcardScope"` });
  if (f.departedOwner) {
    if (departed === undefined) {
      out.push({
        where: { OR: [{ owner: { is: { status: "deactivated" } } }, { backupOwner: { is: { status: "deactivated" } } }] },
        sql: Prisma.sql`EXISTS (SELECT 1 FROM "User" u WHERE u.status = 'deactivated' AND u.id IN (i."ownerId", i."backupOwnerId"))`,
      });
    } else if (departed.length === 0) {
      out.push({ where: { id: { in: [] } }, sql: Prisma.sql`FALSE` });
    } else {
      out.push({
        where: { OR: [{ ownerId: { in: departed } }, { backupOwnerId: { in: departed } }] },
        sql: Prisma.sql`(i."ownerId" IN (${uuids(departed)}) OR i."backupOwnerId" IN (${uuids(departed)}))`,
      });
    }
  }
  if (f.goneFromSource) out.push({ where: { goneFromSourceAt: { not: null } }, sql: Prisma.sql`i."goneFromSourceAt" IS NOT NULL` });
  if (f.flag) out.push({ where: { flags: { has: f.flag } }, sql: Prisma.sql`i.flags @> ARRAY[${f.flag}]::text[]` });
  equals("usage", f.usage);
  if (f.importId) out.push({ where: { lastImportId: f.importId }, sql: Prisma.sql`i."lastImportId" = ${f.importId}::uuid` });
  return out;
}

/**
 * The filter as Prisma's where. `departed` is departedUsers' answer; without it, "departed owner" is asked
 * through the owner relations.
 */
export function identityWhere(f: IdentityFilter, now: Date, matchingOwners: string[] = [], departed?: string[]): Prisma.IdentityWhereInput {
  const and = conditions(f, now, matchingOwners, departed).map((c) => c.where);
  return and.length ? { AND: and } : {};
}

/** The same filter as an SQL condition on `"Identity" i` (TRUE when there is none). */
export function identitySqlWhere(f: IdentityFilter, now: Date, matchingOwners: string[] = [], departed?: string[]): Prisma.Sql {
  const parts = conditions(f, now, matchingOwners, departed).map((c) => c.sql);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

/**
 * What gives the list's order under this filter, which decides how list-identities.ts reads it:
 * - `index`: every condition is a column of an index in the list's order (the composite and partial ones:
 *   environment, kind, status, the warnings, no owner, wildcard scope…), or broad enough that matches come
 *   early: read in order.
 * - `search`: a search in name order, alone or with an environment. The (name, id) and (environment, name, id)
 *   indexes carry the search text and the owner, so the walk checks each identity in the index (an
 *   index-only scan) however far down its matches sit: read in order unless expected to be small.
 * - `tag`: a tag in name order: walked in order from IdentityTag (tag, name, id), each identity checked
 *   against the rest of the filter, a bounded walk: read that way unless expected to be small.
 * - `none`: a condition no index gives in the list's order (an owner, a flag, a departed owner, an import; a
 *   search or a tag under another sort). Read in order, PostgreSQL walks the order's index and tests each
 *   identity in the table, slow when the matches sit together far down it: read filter-first unless the
 *   planner expects it to be very broad.
 */
export type OrderSource = "index" | "search" | "tag" | "none";

export function orderSource(f: IdentityFilter): OrderSource {
  const byName = f.sort === "name";
  if (f.owner || f.flag || f.departedOwner || f.importId) return "none";
  if (f.tag) return byName ? "tag" : "none";
  if (f.q) {
    // Other columns are not in the walked index: each identity would cost a table read again.
    const others = conditionCount(f) - 1 - (f.environment ? 1 : 0);
    return byName && others === 0 ? "search" : "none";
  }
  return "index";
}

/** How many conditions the filter has. */
function conditionCount(f: IdentityFilter): number {
  return conditions(f, new Date(0), []).length;
}

/** The list's order as Prisma's orderBy; `reversed` reads it from the end (the last page). */
export function identityOrder(f: IdentityFilter, reversed = false): Prisma.IdentityOrderByWithRelationInput[] {
  const nullable = f.sort === "credentialExpiresAt" || f.sort === "lastUsedAt";
  const flip = (dir: "asc" | "desc") => (reversed ? (dir === "asc" ? "desc" : "asc") : dir);
  // Nulls come last in either direction; read backwards, they come first.
  const primary = nullable ? { [f.sort]: { sort: flip(f.dir), nulls: reversed ? "first" : "last" } } : { [f.sort]: flip(f.dir) };
  return [primary as Prisma.IdentityOrderByWithRelationInput, { id: flip("asc") }];
}

/**
 * The same order in SQL, on the sort column and id of `alias` (identityOrder's twin: nulls last in either
 * direction, first when reversed; the id tie-break ascending, descending when reversed).
 */
export function identitySqlOrder(f: IdentityFilter, reversed = false, alias = "i"): Prisma.Sql {
  const nullable = f.sort === "credentialExpiresAt" || f.sort === "lastUsedAt";
  const dir = (f.dir === "asc") !== reversed ? "ASC" : "DESC";
  const nulls = nullable ? (reversed ? " NULLS FIRST" : " NULLS LAST") : "";
  return Prisma.raw(`${alias}."${f.sort}" ${dir}${nulls}, ${alias}.id ${reversed ? "DESC" : "ASC"}`);
}
