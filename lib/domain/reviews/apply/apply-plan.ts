import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import { IDENTITY_OWNER_ROLES } from "../../authz/policy";
import type { RunSettings } from "../run-settings";
import { UNUSED_DAYS } from "../vocabulary";

// The plan of one application, as two temporary tables that live until the transaction ends: which items are
// applied and what each one does (`review_apply`), and which scopes change (`review_apply_scope`). Every write
// that follows (apply-items.ts) is one statement joining these tables, whatever the number of items.

const DAY = 86_400_000;

/** What take_recommendations does with a "shorten" or "rotate" recommendation: the dates it sets. */
export const RECOMMENDED_EXPIRY_DAYS = 90;
export const RECOMMENDED_ROTATION_DAYS = 30;

export type PlanArgs = {
  runId: string;
  /** Only these items (a decision applied as it is made); otherwise every decided item of the run. */
  itemIds?: readonly string[];
  /** Undecided items get the run's non-response action (the stage ended). */
  withNonResponse: boolean;
  settings: RunSettings;
  /** "review Quarterly production #3: " */
  reasonPrefix: string;
  now: Date;
};

const at = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz`;

/** Creates (or empties) the plan's tables; ON COMMIT DROP so nothing outlives the transaction. */
async function createTables(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS pg_temp.review_apply, pg_temp.review_apply_scope`);
  await tx.$executeRawUnsafe(`
    CREATE TEMP TABLE review_apply (
      id uuid PRIMARY KEY, identity_id uuid NOT NULL, present boolean NOT NULL, no_response boolean NOT NULL,
      action text NOT NULL, reason text NOT NULL, keep_until timestamptz, rotate_by timestamptz, transfer_to uuid,
      cur_status text, cur_owner uuid, cur_backup uuid, cur_pinned text[], identity_name text, platform text,
      external_id text, scope_revokes int NOT NULL DEFAULT 0, scope_reduces int NOT NULL DEFAULT 0,
      outcome text, status_change boolean NOT NULL DEFAULT false, remediation boolean NOT NULL DEFAULT false,
      registry_change boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`);
  await tx.$executeRawUnsafe(`
    CREATE TEMP TABLE review_apply_scope (
      item_id uuid NOT NULL, identity_id uuid NOT NULL, entitlement_id uuid NOT NULL, kind text NOT NULL,
      to_level text, to_environment text, before jsonb NOT NULL
    ) ON COMMIT DROP`);
}

/**
 * Fills the plan: one INSERT … SELECT for the items, one for the scopes, two UPDATEs for the outcomes.
 * Effective actions: a decision as decided (a transfer to someone who may no longer own identities becomes
 * `transfer_refused`: kept, flagged, with a note); an undecided item the non-response action, where
 * take_recommendations means keep -> certify, revoke -> revoke_all (every scope), shorten -> keep_until
 * (RECOMMENDED_EXPIRY_DAYS), rotate -> rotate_by (RECOMMENDED_ROTATION_DAYS), anything else -> keep_flag
 * (a wildcard is narrowed by a person, never guessed). Returns how many items the plan holds.
 */
export async function planApplication(tx: Tx, a: PlanArgs): Promise<number> {
  await createTables(tx);
  const nr = a.settings.nonResponseAction;
  const noResponseText = `no response (non-response action: ${nr.replaceAll("_", " ")})`;
  const roles = Prisma.sql`${[...IDENTITY_OWNER_ROLES]}::text[]`;
  const only = a.itemIds ? Prisma.sql`AND it.id = ANY (${[...a.itemIds]}::uuid[])` : Prisma.empty;
  const undecided = a.withNonResponse ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
  const items = await tx.$executeRaw`
    INSERT INTO pg_temp.review_apply (id, identity_id, present, no_response, action, reason, keep_until, rotate_by,
      transfer_to, cur_status, cur_owner, cur_backup, cur_pinned, identity_name, platform, external_id)
    SELECT it.id, it."identityId", i.id IS NOT NULL, it.decision IS NULL,
      CASE
        WHEN it.decision = 'transfer' AND tu.id IS NULL THEN 'transfer_refused'
        WHEN it.decision IS NOT NULL THEN it.decision
        WHEN ${nr} = 'take_recommendations' THEN
          CASE it.recommendation WHEN 'keep' THEN 'certify' WHEN 'revoke' THEN 'revoke_all' WHEN 'shorten' THEN 'keep_until'
            WHEN 'rotate' THEN 'rotate_by' ELSE 'keep_flag' END
        ELSE ${nr}
      END,
      left(${a.reasonPrefix} || CASE WHEN it.decision IS NULL THEN ${noResponseText}
        ELSE COALESCE(NULLIF(btrim(it."decisionReason"), ''), replace(it.decision, '_', ' ')) END, 1200),
      CASE WHEN it.decision IS NULL THEN ${at(new Date(a.now.getTime() + RECOMMENDED_EXPIRY_DAYS * DAY))} ELSE it."keepUntil" END,
      CASE WHEN it.decision IS NULL THEN ${at(new Date(a.now.getTime() + RECOMMENDED_ROTATION_DAYS * DAY))} ELSE it."rotateBy" END,
      it."transferToId", i.status, i."ownerId", i."backupOwnerId", i."pinnedFields", i.name, i.platform, i."externalId"
    FROM "ReviewItem" it
    LEFT JOIN "Identity" i ON i.id = it."identityId"
    LEFT JOIN "User" tu ON tu.id = it."transferToId" AND tu.status = 'active' AND tu.roles && ${roles}
    WHERE it."runId" = ${a.runId}::uuid
      -- Not yet applied, or rolled back by an admin and decided again since (apply mode as_decided).
      AND (it."appliedAt" IS NULL OR (it.outcome = 'rolled_back' AND it."decidedAt" > it."rolledBackAt"))
      AND it.decision IS DISTINCT FROM 'dont_know'
      AND (it.decision IS NOT NULL OR ${undecided})
      ${only}`;
  if (items === 0) return 0;

  // Scopes that change: what the reviewer revoked or reduced; for an unanswered item, what its action revokes.
  // A reduction to an environment where the same grant already exists would collide with the unique key:
  // it is carried out as a revocation of the broader grant (`merge`), the narrower one staying as it is.
  const unusedBefore = at(new Date(a.now.getTime() - UNUSED_DAYS * DAY));
  // A reduction only ever narrows the grant as it is NOW (the registry may have changed it since launch): a level
  // below the current one, or production (stated, or inherited from the identity) to a non-production environment.
  // Anything else is no change at all, never a raise.
  const toLevel = Prisma.sql`(CASE WHEN array_position(ARRAY['read', 'write', 'admin'], s."reduceToLevel")
    < array_position(ARRAY['read', 'write', 'admin'], e.level) THEN s."reduceToLevel" END)`;
  const toEnvironment = Prisma.sql`(CASE WHEN COALESCE(e.environment, it.environment) = 'production'
    AND s."reduceToEnvironment" IS DISTINCT FROM 'production' THEN s."reduceToEnvironment" END)`;
  await tx.$executeRaw`
    INSERT INTO pg_temp.review_apply_scope (item_id, identity_id, entitlement_id, kind, to_level, to_environment, before)
    SELECT a.id, a.identity_id, e.id,
      CASE
        WHEN a.no_response OR s.decision = 'revoke' THEN 'revoke'
        WHEN ${toEnvironment} IS NOT NULL AND EXISTS (
          SELECT 1 FROM "Entitlement" x WHERE x."identityId" = e."identityId" AND x.resource = e.resource
            AND x.action = e.action AND x.environment = s."reduceToEnvironment" AND x.id <> e.id) THEN 'merge'
        ELSE 'reduce'
      END,
      ${toLevel}, ${toEnvironment},
      jsonb_build_object('id', e.id, 'resource', e.resource, 'action', e.action, 'level', e.level,
        'environment', e.environment, 'lastUsedAt', e."lastUsedAt", 'usage', e.usage, 'lastUsedWhere', e."lastUsedWhere",
        'createdAt', e."createdAt")
    FROM pg_temp.review_apply a
    JOIN "ReviewItemScope" s ON s."itemId" = a.id
    JOIN "Entitlement" e ON e.id = s."entitlementId" AND e."identityId" = a.identity_id
    JOIN "ReviewItem" it ON it.id = a.id
    WHERE a.present AND (
      (NOT a.no_response AND (s.decision = 'revoke' OR (s.decision = 'reduce' AND (${toLevel} IS NOT NULL OR ${toEnvironment} IS NOT NULL))))
      OR a.action = 'revoke_all'
      OR (a.action = 'revoke_unused_risky' AND s.risky AND (
        s.usage = 'never' OR s."lastUsedAt" < ${unusedBefore} OR (s."lastUsedAt" IS NULL AND 'unused' = ANY (it.risks)))))`;
  await tx.$executeRawUnsafe(`
    UPDATE pg_temp.review_apply a SET scope_revokes = c.revokes, scope_reduces = c.reduces
    FROM (SELECT item_id, count(*) FILTER (WHERE kind <> 'reduce')::int AS revokes, count(*) FILTER (WHERE kind = 'reduce')::int AS reduces
          FROM pg_temp.review_apply_scope GROUP BY item_id) c
    WHERE a.id = c.item_id`);
  // Outcomes. A status changes only from active (an identity already suspended stays as it is); remediation is
  // open for what the holding system must carry out: scopes, a suspension, an expiry, a rotation.
  await tx.$executeRawUnsafe(`
    UPDATE pg_temp.review_apply a SET
      status_change = a.present AND a.action IN ('suspend', 'decommission') AND a.cur_status = 'active',
      outcome = CASE
        WHEN NOT a.present THEN 'kept'
        WHEN a.action = 'suspend' THEN 'suspended'
        WHEN a.action = 'decommission' AND a.cur_status = 'decommissioned' THEN 'decommissioned'
        WHEN a.action = 'decommission' THEN 'decommission_pending'
        WHEN a.action IN ('keep_until', 'rotate_by', 'transfer') THEN 'changed'
        WHEN a.scope_revokes + a.scope_reduces > 0 THEN 'changed'
        WHEN a.no_response OR a.action = 'transfer_refused' THEN 'kept_flagged'
        ELSE 'kept'
      END,
      remediation = a.present AND (a.scope_revokes + a.scope_reduces > 0
        OR (a.action IN ('suspend', 'decommission') AND a.cur_status = 'active')
        OR (a.action = 'keep_until' AND a.keep_until IS NOT NULL) OR (a.action = 'rotate_by' AND a.rotate_by IS NOT NULL)),
      registry_change = a.present AND (a.scope_revokes + a.scope_reduces > 0
        OR (a.action IN ('suspend', 'decommission') AND a.cur_status = 'active')
        OR (a.action = 'transfer' AND a.transfer_to IS DISTINCT FROM a.cur_owner)
        OR (a.action = 'keep_until' AND a.keep_until IS NOT NULL AND EXISTS (
          SELECT 1 FROM "Credential" c WHERE c."identityId" = a.identity_id AND c.status = 'active')))`);
  // Temporary tables are never analyzed by autovacuum: without statistics the joins below would be planned blind.
  await tx.$executeRawUnsafe(`ANALYZE pg_temp.review_apply`);
  await tx.$executeRawUnsafe(`ANALYZE pg_temp.review_apply_scope`);
  return items;
}
