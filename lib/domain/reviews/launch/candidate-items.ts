import { Prisma } from "@/lib/db/generated/client";
import { IDENTITY_OWNER_ROLES } from "../../authz/policy";
import { identitySqlWhere } from "../../registry/identity-filter";
import type { CampaignScope } from "../campaign-input";
import { ROTATION_DAYS, UNUSED_DAYS } from "../vocabulary";

// What a launch would snapshot, as one SELECT over the registry: the preview aggregates it, the launch inserts
// it. Everything is judged in the database, set-based: the reviewer rule, the risks, the recommendation with
// its reason. Nothing is read into the application per identity.

/** Who the reviewer rule may pick beyond the identity's own people, resolved before the statement runs. */
export type ReviewerRule = {
  /** Named fallback reviewers, in order: the first one who may review is taken. */
  fallbackReviewerIds: readonly string[];
  campaignOwnerId: string;
};

export type CandidateOptions = {
  scope: CampaignScope;
  now: Date;
  rule: ReviewerRule;
  /** Only these identities (an event-triggered review, a follow-up round). */
  identityIds?: readonly string[];
  /** Identities whose owner or backup owner is among these people (ownersMatching / departedUsers of the filter). */
  matchingOwners?: string[];
  departed?: string[];
};

const DAY_SQL = "86400";
const at = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz`;
const uuidArray = (ids: readonly string[]) => Prisma.sql`${[...ids]}::uuid[]`;

/**
 * The scope as an SQL condition on `"Identity" i`: the registry filter (its own SQL twin, identity-filter.ts)
 * and the review's risk filters. A campaign never reviews decommissioned identities unless its filter asks for
 * that status.
 */
export function campaignScopeSql(o: CandidateOptions): Prisma.Sql {
  const { thirdParty, openFindings, ...filter } = o.scope;
  const parts = [identitySqlWhere({ ...filter, sort: "name", dir: "asc" }, o.now, o.matchingOwners ?? [], o.departed)];
  if (!filter.status) parts.push(Prisma.sql`i.status <> 'decommissioned'`);
  if (thirdParty) parts.push(Prisma.sql`i.vendor IS NOT NULL`);
  if (openFindings) parts.push(Prisma.sql`cardinality(i.flags) > 0`);
  if (o.identityIds) parts.push(Prisma.sql`i.id = ANY (${uuidArray(o.identityIds)})`);
  return Prisma.join(parts, " AND ");
}

/**
 * The rows of the snapshot (one per identity in scope), with columns named as ReviewItem's. `reviewerId` and
 * `reviewerRung` follow the rule: the owner, then the backup owner, then the first named fallback reviewer,
 * then the campaign owner; a person who is deactivated or may not review (no owning role) is skipped, and
 * `ownerSkipped` says why the owner was ('missing', 'deactivated', 'not_eligible').
 */
export function candidateItemsSql(o: CandidateOptions): Prisma.Sql {
  const now = at(o.now);
  const unusedBefore = at(new Date(o.now.getTime() - UNUSED_DAYS * 86_400_000));
  const rotatedBefore = at(new Date(o.now.getTime() - ROTATION_DAYS * 86_400_000));
  const roles = Prisma.sql`${[...IDENTITY_OWNER_ROLES]}::text[]`;
  const ageDays = (col: Prisma.Sql) => Prisma.sql`floor(extract(epoch from (${now} - ${col})) / ${Prisma.raw(DAY_SQL)})::int`;
  const unused = Prisma.sql`(i."lastUsedAt" < ${unusedBefore} OR (i.usage = 'never' AND i."oldestCredentialAt" < ${unusedBefore}))`;
  const expired = Prisma.sql`(i."credentialExpiresAt" < ${now} AND i."activeCredentials" > 0)`;
  const notRotated = Prisma.sql`(i."credentialType" IN ('static_secret', 'oauth_client') AND i."oldestCredentialAt" < ${rotatedBefore})`;
  const privileged = Prisma.sql`(i.environment = 'production' AND s.privileged)`;
  return Prisma.sql`
    SELECT i.id AS "identityId", i.name, i.kind, i.platform, i."externalId", i.environment, i.purpose, i.status,
      i.team, i.vendor, i."ownerId", i."backupOwnerId", i."credentialType", i."oldestCredentialAt",
      i."credentialRotatedAt", i."credentialExpiresAt", i."lastUsedAt", i.usage, i."activeCredentials",
      i."neverExpires", i."humanUse", i.flags,
      array_remove(ARRAY[
        CASE WHEN ${privileged} THEN 'privileged_production' END,
        CASE WHEN s.wildcard THEN 'wildcard' END,
        CASE WHEN ${unused} THEN 'unused' END,
        CASE WHEN ${expired} THEN 'expired' END,
        CASE WHEN i."neverExpires" THEN 'never_expires' END,
        CASE WHEN ${notRotated} THEN 'not_rotated' END,
        CASE WHEN i.vendor IS NOT NULL THEN 'third_party' END,
        CASE WHEN i."humanUse" THEN 'human_use' END,
        CASE WHEN cardinality(i.flags) > 0 THEN 'findings' END
      ], NULL) AS risks,
      CASE
        WHEN ${unused} THEN 'revoke'
        WHEN ${expired} THEN 'rotate'
        WHEN i."neverExpires" THEN 'shorten'
        WHEN ${notRotated} THEN 'rotate'
        WHEN s.wildcard THEN 'reduce'
        ELSE 'keep'
      END AS recommendation,
      CASE
        WHEN ${unused} AND i."lastUsedAt" IS NOT NULL THEN 'revoke: unused for ' || ${ageDays(Prisma.sql`i."lastUsedAt"`)} || ' days'
        WHEN ${unused} THEN 'revoke: never used, and its credential is ' || ${ageDays(Prisma.sql`i."oldestCredentialAt"`)} || ' days old'
        WHEN ${expired} THEN 'rotate: its credential expired ' || ${ageDays(Prisma.sql`i."credentialExpiresAt"`)} || ' days ago and is still active'
        WHEN i."neverExpires" THEN 'shorten: its credential never expires'
        WHEN ${notRotated} THEN 'rotate: not rotated for ' || ${ageDays(Prisma.sql`i."oldestCredentialAt"`)} || ' days'
        WHEN s.wildcard THEN 'reduce: it holds a wildcard scope'
        WHEN i."lastUsedAt" IS NOT NULL AND i."lastUsedAt" >= ${now} - interval '1 day' THEN 'keep: used in the last day'
        WHEN i."lastUsedAt" IS NOT NULL AND i."lastUsedAt" >= ${now} - interval '2 days' THEN 'keep: used yesterday'
        WHEN i."lastUsedAt" IS NOT NULL THEN 'keep: used ' || ${ageDays(Prisma.sql`i."lastUsedAt"`)} || ' days ago'
        WHEN i.usage = 'unknown' THEN 'keep: no risk found (its source does not report use)'
        ELSE 'keep: no risk found'
      END AS "recommendationReason",
      CASE
        WHEN o.id IS NOT NULL THEN i."ownerId"
        WHEN b.id IS NOT NULL THEN i."backupOwnerId"
        WHEN r.fallback IS NOT NULL THEN r.fallback
        ELSE r."campaignOwner"
      END AS "reviewerId",
      CASE
        WHEN o.id IS NOT NULL THEN 'owner'
        WHEN b.id IS NOT NULL THEN 'backup_owner'
        WHEN r.fallback IS NOT NULL THEN 'fallback'
        WHEN r."campaignOwner" IS NOT NULL THEN 'campaign_owner'
        ELSE 'none'
      END AS "reviewerRung",
      CASE
        WHEN o.id IS NOT NULL THEN NULL
        WHEN i."ownerId" IS NULL THEN 'missing'
        WHEN ou.status <> 'active' THEN 'deactivated'
        ELSE 'not_eligible'
      END AS "ownerSkipped"
    FROM "Identity" i
    -- The scopes' facts, per identity (an index probe each: as cheap for one identity as for 500,000).
    LEFT JOIN LATERAL (
      SELECT bool_or(e.level IN ('write', 'admin') AND (e.environment IS NULL OR e.environment = 'production')) AS privileged,
             bool_or(e.resource LIKE '%*%' OR e.action LIKE '%*%') AS wildcard
      FROM "Entitlement" e WHERE e."identityId" = i.id
    ) s ON TRUE
    LEFT JOIN "User" ou ON ou.id = i."ownerId"
    LEFT JOIN "User" o ON o.id = i."ownerId" AND o.status = 'active' AND o.roles && ${roles}
    LEFT JOIN "User" b ON b.id = i."backupOwnerId" AND b.status = 'active' AND b.roles && ${roles}
    CROSS JOIN (
      SELECT
        (SELECT f.id FROM unnest(${uuidArray(o.rule.fallbackReviewerIds)}) WITH ORDINALITY f(id, n)
           JOIN "User" u ON u.id = f.id AND u.status = 'active' AND u.roles && ${roles} ORDER BY f.n LIMIT 1) AS fallback,
        (SELECT u.id FROM "User" u WHERE u.id = ${o.rule.campaignOwnerId}::uuid AND u.status = 'active' AND u.roles && ${roles}) AS "campaignOwner"
    ) r
    WHERE ${campaignScopeSql(o)}`;
}
