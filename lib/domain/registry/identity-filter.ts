import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { likeLiteral, storableText } from "../shared/input";
import { CREDENTIAL_TYPES, ENVIRONMENTS, KINDS, STATUSES } from "./vocabulary";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const oneOf = (field: string, values: readonly string[]) =>
  z.enum(values as [string, ...string[]], { error: `${field} must be one of ${values.join(", ")}` });
const flag = (field: string) =>
  opt(z.enum(["1", "true", "0", "false"], { error: `${field} must be true or false` }).transform((v) => v === "1" || v === "true"));

export const SORTS = ["name", "updatedAt", "createdAt", "credentialExpiresAt", "lastUsedAt"] as const;

/** The registry's filters, as they travel in the URL. Each one is served by an index (schema.prisma). */
export const identityFilterSchema = z.object({
  q: opt(storableText("q").trim().max(200, "q must be at most 200 characters")),
  kind: opt(oneOf("kind", KINDS)),
  platform: opt(storableText("platform").trim().toLowerCase().max(100, "platform must be at most 100 characters")),
  environment: opt(oneOf("environment", ENVIRONMENTS)),
  status: opt(oneOf("status", STATUSES)),
  owner: opt(z.uuid("owner must be a user")),
  team: opt(storableText("team").trim().max(100, "team must be at most 100 characters")),
  credentialType: opt(oneOf("credentialType", CREDENTIAL_TYPES)),
  expiringWithinDays: opt(z.coerce.number({ error: "expiringWithinDays must be a number of days" }).int().min(0).max(3650)),
  expired: flag("expired"),
  noOwner: flag("noOwner"),
  tag: opt(storableText("tag").trim().toLowerCase().max(64, "tag must be at most 64 characters")),
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

export function identityWhere(f: IdentityFilter, now: Date, matchingOwners: string[] = []): Prisma.IdentityWhereInput {
  const and: Prisma.IdentityWhereInput[] = [];
  if (f.q) {
    // `search` is lower(name, externalId, purpose), kept by a trigger and trigram-indexed.
    const text = { search: { contains: likeLiteral(f.q.toLowerCase()) } };
    and.push(matchingOwners.length ? { OR: [text, { ownerId: { in: matchingOwners } }] } : text);
  }
  if (f.kind) and.push({ kind: f.kind });
  if (f.platform) and.push({ platform: f.platform });
  if (f.environment) and.push({ environment: f.environment });
  if (f.status) and.push({ status: f.status });
  if (f.owner) and.push({ ownerId: f.owner });
  if (f.team) and.push({ team: f.team });
  if (f.credentialType) and.push({ credentialType: f.credentialType });
  if (f.expiringWithinDays !== undefined)
    and.push({ credentialExpiresAt: { gte: now, lte: new Date(now.getTime() + f.expiringWithinDays * 86_400_000) } });
  if (f.expired) and.push({ credentialExpiresAt: { lt: now } });
  if (f.noOwner) and.push({ ownerId: null });
  if (f.tag) and.push({ tags: { has: f.tag } });
  return and.length ? { AND: and } : {};
}

export function identityOrder(f: IdentityFilter): Prisma.IdentityOrderByWithRelationInput[] {
  const nullable = f.sort === "credentialExpiresAt" || f.sort === "lastUsedAt";
  const primary = nullable ? { [f.sort]: { sort: f.dir, nulls: "last" } } : { [f.sort]: f.dir };
  return [primary as Prisma.IdentityOrderByWithRelationInput, { id: "asc" }];
}
