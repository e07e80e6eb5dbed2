import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import { appendAuditEvents } from "../../audit/append-audit-event";
import type { Actor } from "../../authz/actor";
import { refreshCredentialSummary } from "../../registry/credentials/credential-summary";
import type { Clock } from "../../shared/clock";
import { DomainError } from "../../shared/errors";
import { emitRemediationEvents } from "../remediation/remediation-events";
import { runSettings } from "../run-settings";
import { planApplication } from "./apply-plan";

const DAY = 86_400_000;
/** Audit events are appended this many at a time (each batch hashed in order onto the chain). */
const AUDIT_BATCH = 5_000;

export type ApplyResult = {
  /** Items whose outcome was recorded. */
  applied: number;
  /** Identities the registry changed for (one audit event each). */
  changedIdentities: number;
  /** Items whose change the holding system must carry out (remediationStatus open). */
  remediation: number;
};

/**
 * Applies review outcomes to the registry inside the caller's transaction (the close, or a decision in apply
 * mode as_decided), set-based: the plan (apply-plan.ts) in four statements, then one statement per kind of
 * change, whatever the number of items: the snapshot of what is replaced (`appliedBefore`, for an admin's
 * rollback) and the outcome on the items, scopes revoked (their Entitlement rows deleted: the item's scope
 * snapshot keeps them) or reduced, active credentials' expiry set or shortened (and the identities'
 * credential summaries refreshed), and the identities' owner, status and version. Then one audit event per
 * changed identity, with the registry's action names and the reason "review <campaign> #<n>: <reason>", and
 * the remediation events (remediation-events.ts). Never deletes an identity: a decommission suspends now and
 * waits for the observation window (reviews.observe).
 *
 * Without `itemIds`, undecided items get the run's non-response action (the stage ended); with them, only
 * those items that are decided. Items already applied are skipped, unless an admin rolled them back and
 * they were decided again since.
 */
export async function applyItems(
  tx: Tx,
  clock: Clock,
  actor: Actor,
  args: { runId: string; itemIds?: readonly string[] },
): Promise<ApplyResult> {
  const run = await tx.reviewRun.findUnique({ where: { id: args.runId }, select: { id: true, number: true, settings: true } });
  if (!run) throw new DomainError("NOT_FOUND", "There is no such review run.");
  const settings = runSettings(run);
  const now = clock.now();
  const label = `${settings.campaignName} #${run.number}`;
  const planned = await planApplication(tx, {
    runId: run.id,
    itemIds: args.itemIds,
    withNonResponse: args.itemIds === undefined,
    settings,
    reasonPrefix: `review ${label}: `,
    now,
  });
  if (planned === 0) return { applied: 0, changedIdentities: 0, remediation: 0 };

  const nowSql = Prisma.sql`${now.toISOString()}::timestamptz`;
  const observeUntil = Prisma.sql`${new Date(now.getTime() + settings.observationDays * DAY).toISOString()}::timestamptz`;
  // 1. The items, first: what each change replaces is read before anything changes.
  await tx.$executeRaw`
    WITH sc AS (
      SELECT item_id, jsonb_agg(before ORDER BY entitlement_id) AS scopes,
        jsonb_agg(jsonb_strip_nulls(jsonb_build_object('change', CASE kind WHEN 'reduce' THEN 'reduce' ELSE 'revoke' END,
          'resource', before->>'resource', 'action', before->>'action', 'level', before->>'level',
          'environment', before->>'environment', 'toLevel', to_level, 'toEnvironment', to_environment)) ORDER BY entitlement_id) AS changes
      FROM pg_temp.review_apply_scope GROUP BY item_id),
    cr AS (
      SELECT a.id AS item_id, jsonb_agg(jsonb_build_object('id', c.id, 'handle', c.handle, 'expiresAt', c."expiresAt") ORDER BY c.id) AS credentials
      FROM pg_temp.review_apply a JOIN "Credential" c ON c."identityId" = a.identity_id AND c.status = 'active'
      WHERE a.action = 'keep_until' AND a.registry_change GROUP BY a.id)
    UPDATE "ReviewItem" it SET
      outcome = a.outcome,
      "appliedAt" = ${nowSql},
      "observeUntil" = CASE WHEN a.outcome = 'decommission_pending' THEN ${observeUntil} END,
      "remediationStatus" = CASE WHEN a.remediation THEN 'open' ELSE 'not_needed' END,
      "remediationNote" = CASE
        WHEN NOT a.present THEN 'the identity is no longer in the registry: nothing was applied'
        WHEN a.action = 'transfer_refused' THEN 'not transferred: the new owner may no longer own identities; kept with its owner'
      END,
      "remediationUpdatedAt" = ${nowSql},
      -- What was replaced, for a rollback; nothing for an item that changed nothing (most of a large close).
      "appliedBefore" = CASE WHEN a.registry_change OR a.remediation OR a.outcome = 'decommission_pending' THEN jsonb_build_object(
        'status', a.cur_status, 'ownerId', a.cur_owner, 'backupOwnerId', a.cur_backup, 'pinnedFields', to_jsonb(a.cur_pinned),
        'scopes', COALESCE(sc.scopes, '[]'::jsonb), 'credentials', COALESCE(cr.credentials, '[]'::jsonb),
        'change', jsonb_strip_nulls(jsonb_build_object(
          'action', a.action, 'noResponse', a.no_response,
          'status', CASE WHEN a.status_change THEN 'suspended' END,
          'ownerId', CASE WHEN a.action = 'transfer' THEN a.transfer_to END,
          'expiresAt', CASE WHEN a.action = 'keep_until' THEN a.keep_until END,
          'rotateBy', CASE WHEN a.action = 'rotate_by' THEN a.rotate_by END,
          'scopes', sc.changes))) END,
      version = it.version + 1
    FROM pg_temp.review_apply a
    LEFT JOIN sc ON sc.item_id = a.id
    LEFT JOIN cr ON cr.item_id = a.id
    WHERE it.id = a.id`;
  // 2. Scopes: revoked (and merged) rows go, reduced rows narrow.
  await tx.$executeRawUnsafe(`
    DELETE FROM "Entitlement" e USING pg_temp.review_apply_scope s WHERE e.id = s.entitlement_id AND s.kind IN ('revoke', 'merge')`);
  await tx.$executeRawUnsafe(`
    UPDATE "Entitlement" e SET level = COALESCE(s.to_level, e.level), environment = COALESCE(s.to_environment, e.environment)
    FROM pg_temp.review_apply_scope s WHERE e.id = s.entitlement_id AND s.kind = 'reduce'`);
  // 3. Credentials kept until a date: set, or shortened (never lengthened).
  const expiring = await tx.$queryRaw<{ id: string }[]>`
    WITH changed AS (
      UPDATE "Credential" c SET "expiresAt" = LEAST(COALESCE(c."expiresAt", a.keep_until), a.keep_until), "updatedAt" = ${nowSql}
      FROM pg_temp.review_apply a
      WHERE a.action = 'keep_until' AND a.registry_change AND c."identityId" = a.identity_id AND c.status = 'active'
      RETURNING c."identityId")
    SELECT DISTINCT "identityId"::text AS id FROM changed`;
  await refreshCredentialSummary(
    tx,
    expiring.map((r) => r.id),
  );
  // 4. The identities: status (suspended now, decommissioned after observation), owner, what a person chose
  // (pinned, so an import does not set it back), version.
  await tx.$executeRaw`
    UPDATE "Identity" i SET
      status = CASE WHEN a.status_change THEN 'suspended' ELSE i.status END,
      "ownerId" = CASE WHEN a.action = 'transfer' THEN a.transfer_to ELSE i."ownerId" END,
      "backupOwnerId" = CASE WHEN a.action = 'transfer' AND i."backupOwnerId" = a.transfer_to THEN NULL ELSE i."backupOwnerId" END,
      "pinnedFields" = CASE WHEN a.status_change OR a.action = 'transfer' THEN ARRAY(SELECT DISTINCT f FROM unnest(i."pinnedFields"
        || CASE WHEN a.status_change THEN ARRAY['status'] ELSE ARRAY[]::text[] END
        || CASE WHEN a.action = 'transfer' THEN ARRAY['backupOwnerId', 'ownerId'] ELSE ARRAY[]::text[] END) AS f ORDER BY f)
        ELSE i."pinnedFields" END,
      version = i.version + 1,
      "updatedAt" = ${nowSql}
    FROM pg_temp.review_apply a
    WHERE i.id = a.identity_id AND a.registry_change`;
  const changedIdentities = await auditIdentityChanges(tx, clock, actor);
  const remediation = await emitRemediationEvents(tx, clock, { runId: run.id, label, campaignOwnerId: settings.campaignOwnerId });
  return { applied: planned, changedIdentities, remediation };
}

type AuditRow = {
  id: string;
  identityId: string;
  name: string;
  action: string;
  reason: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
};

/** One audit event per changed identity, read from the plan in pages (keyset on the item id) and appended in batches. */
async function auditIdentityChanges(tx: Tx, clock: Clock, actor: Actor): Promise<number> {
  let after = "00000000-0000-0000-0000-000000000000";
  let total = 0;
  for (;;) {
    const rows = await tx.$queryRaw<AuditRow[]>`
      SELECT a.id::text, a.identity_id::text AS "identityId", COALESCE(a.identity_name, it.name) AS name, a.reason,
        CASE WHEN a.status_change THEN 'identity.setStatus' WHEN a.action = 'transfer' THEN 'identity.transfer'
          WHEN a.scope_revokes + a.scope_reduces > 0 THEN 'identity.scopes' ELSE 'identity.update' END AS action,
        jsonb_strip_nulls(jsonb_build_object(
          'status', CASE WHEN a.status_change THEN a.cur_status END,
          'ownerId', CASE WHEN a.action = 'transfer' THEN a.cur_owner END,
          'backupOwnerId', CASE WHEN a.action = 'transfer' AND a.cur_backup = a.transfer_to THEN a.cur_backup END,
          'scopes', (SELECT jsonb_agg(jsonb_build_object('resource', s->'resource', 'action', s->'action', 'level', s->'level',
            'environment', s->'environment')) FROM jsonb_array_elements(it."appliedBefore"->'scopes') s),
          'credentials', (SELECT jsonb_agg(jsonb_build_object('handle', c->'handle', 'expiresAt', c->'expiresAt'))
            FROM jsonb_array_elements(it."appliedBefore"->'credentials') c))) AS before,
        it."appliedBefore"->'change' AS after
      FROM pg_temp.review_apply a JOIN "ReviewItem" it ON it.id = a.id
      WHERE a.registry_change AND a.id > ${after}::uuid
      ORDER BY a.id LIMIT ${AUDIT_BATCH}`;
    if (rows.length === 0) return total;
    await appendAuditEvents(
      tx,
      rows.map((r) => ({
        actor,
        action: r.action,
        target: { type: "identity", id: r.identityId, label: r.name },
        outcome: "allowed" as const,
        reason: r.reason,
        before: r.before as Prisma.InputJsonValue,
        after: r.after as Prisma.InputJsonValue,
      })),
      clock,
    );
    total += rows.length;
    after = rows.at(-1)!.id;
    if (rows.length < AUDIT_BATCH) return total;
  }
}
