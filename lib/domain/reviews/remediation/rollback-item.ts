import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import { refreshCredentialSummary } from "../../registry/credentials/credential-summary";
import { assertEligibleOwners } from "../../registry/owner-eligibility";
import { type EventDraft, defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { safeText } from "../../shared/safe-text";
import { runSettings } from "../run-settings";
import { describeChange, emitTasks } from "./remediation-events";

export const rollbackItemSchema = z.object({
  itemId: z.uuid("itemId must be a review item's id"),
  reason: safeText("reason")
    .trim()
    .min(3, "reason is required: say why the review's change is undone (at least 3 characters)")
    .max(1000, "reason must be at most 1000 characters"),
});

/** What apply-items.ts keeps in ReviewItem.appliedBefore: the state replaced, and the change made. */
type AppliedBefore = {
  status: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  scopes: { id: string; resource: string; action: string; level: string; environment: string | null }[];
  credentials: { id: string; expiresAt: string | null }[];
  change: { action?: string; status?: string; ownerId?: string; expiresAt?: string; rotateBy?: string; scopes?: unknown[] };
};

export type RollbackResult = { id: string; outcome: "rolled_back"; remediationStatus: string; restored: string[] };

/** Nothing to undo: these outcomes changed nothing in the registry. */
const UNCHANGED = new Set(["kept", "kept_flagged", "follow_up", "rolled_back"]);

/**
 * An admin, in person, undoes what a review applied to one identity: revoked scopes come back (same ids),
 * reduced ones get their level and environment back, the status (suspended, or decommissioned after the
 * observation window), the owner and the credentials' expiry return to what they were, as far as nobody
 * changed them since (a status or owner someone else has set since is left alone and said so). The item's
 * outcome becomes rolled_back; a change the holding system had already carried out (remediation done) becomes
 * an open task to undo it there, with a review.remediation event. Audited twice: review.rollback on the item,
 * and the registry's own action on the identity.
 */
export const rollbackItem = defineMutation({
  action: "review.rollback",
  input: rollbackItemSchema,
  lockKey: (input) => `review-item:${input.itemId}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, clock, input }) {
    const item = await tx.reviewItem.findUnique({ where: { id: input.itemId }, include: { run: true } });
    if (!item) throw new DomainError("NOT_FOUND", "There is no such review item.");
    const before = item.appliedBefore as AppliedBefore | null;
    if (!item.appliedAt || !before || !item.outcome || UNCHANGED.has(item.outcome))
      throw new DomainError("CONFLICT", `The review changed nothing of "${item.name}" that could be rolled back.`);
    // Registry edits of the identity queue behind this (the identity's own lock, as identity mutations take).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`identity:${item.identityId}`}, 0))`;
    const identity = await tx.identity.findUnique({ where: { id: item.identityId } });
    if (!identity) throw new DomainError("CONFLICT", `"${item.name}" is no longer in the registry.`);
    const now = clock.now();
    const restored: string[] = [];
    const kept: string[] = [];

    const scopes = await restoreScopes(tx, item.identityId, before.scopes);
    if (scopes) restored.push(`${scopes} scope(s)`);
    const data: { status?: string; ownerId?: string | null; backupOwnerId?: string | null } = {};
    if (before.change.status && before.status && identity.status !== before.status) {
      if (identity.status === "suspended" || identity.status === "decommissioned") {
        data.status = before.status;
        restored.push(`status ${before.status}`);
      } else kept.push(`status (now ${identity.status}, set since)`);
    }
    if (before.change.ownerId) {
      if (identity.ownerId === before.change.ownerId && before.ownerId) {
        await assertEligibleOwners(tx, { ownerId: before.ownerId });
        Object.assign(data, {
          ownerId: before.ownerId,
          backupOwnerId: before.backupOwnerId === before.ownerId ? null : before.backupOwnerId,
        });
        restored.push("owner");
      } else kept.push("owner (changed since)");
    }
    if (before.credentials.length > 0) {
      await tx.$executeRaw`
        UPDATE "Credential" c SET "expiresAt" = x."expiresAt", "updatedAt" = ${now}
        FROM jsonb_to_recordset(${JSON.stringify(before.credentials)}::jsonb) AS x(id uuid, "expiresAt" timestamptz)
        WHERE c.id = x.id AND c."identityId" = ${item.identityId}::uuid`;
      await refreshCredentialSummary(tx, [item.identityId]);
      restored.push("credential expiry");
    }
    await tx.identity.update({ where: { id: identity.id }, data: { ...data, version: { increment: 1 } } });

    // The holding system: a change it already carried out must now be undone there too.
    const undo = item.remediationStatus === "done";
    const what = describeChange(before.change);
    await tx.reviewItem.update({
      where: { id: item.id },
      data: {
        outcome: "rolled_back",
        rolledBackAt: now,
        observeUntil: null,
        remediationStatus: undo ? "open" : "not_needed",
        remediationNote: undo
          ? `rolled back: undo in the holding system (${what})`
          : `rolled back before the holding system carried it out (${what})`,
        remediationUpdatedAt: now,
        version: { increment: 1 },
      },
    });
    const settings = runSettings(item.run);
    const label = `${settings.campaignName} #${item.run.number}`;
    if (undo)
      await emitTasks(
        tx,
        clock,
        { runId: item.runId, label, campaignOwnerId: settings.campaignOwnerId },
        [
          {
            itemId: item.id,
            identityId: identity.id,
            name: identity.name,
            platform: identity.platform,
            externalId: identity.externalId,
            change: { action: "rollback", undo: what },
          },
        ],
        1,
      );
    const registryAction = data.status
      ? "identity.setStatus"
      : data.ownerId
        ? "identity.transfer"
        : scopes
          ? "identity.scopes"
          : "identity.update";
    const events: EventDraft[] = [
      {
        target: { type: "review-item", id: item.id, label: item.name },
        reason: input.reason,
        before: { outcome: item.outcome, remediationStatus: item.remediationStatus },
        after: { outcome: "rolled_back", restored, keptAsIs: kept },
      },
      {
        action: registryAction,
        target: { type: "identity", id: identity.id, label: identity.name },
        reason: `rollback of review ${label}: ${input.reason}`,
        before: { change: before.change as Prisma.InputJsonObject },
        after: { restored, keptAsIs: kept, ...data },
      },
    ];
    const result: RollbackResult = { id: item.id, outcome: "rolled_back", remediationStatus: undo ? "open" : "not_needed", restored };
    return { result, events };
  },
});

/**
 * Scopes back as they were: a reduced row gets its level and environment back (unless that would collide with
 * a grant added since), a revoked row comes back with its own id (unless it, or the same grant, exists again).
 * Returns how many rows were restored.
 */
async function restoreScopes(tx: Tx, identityId: string, scopes: AppliedBefore["scopes"]): Promise<number> {
  if (scopes.length === 0) return 0;
  const json = JSON.stringify(scopes);
  const updated = await tx.$executeRaw`
    UPDATE "Entitlement" e SET level = x.level, environment = x.environment
    FROM jsonb_to_recordset(${json}::jsonb) AS x(id uuid, level text, environment text)
    WHERE e.id = x.id AND e."identityId" = ${identityId}::uuid
      AND (e.level, e.environment) IS DISTINCT FROM (x.level, x.environment)
      AND NOT EXISTS (SELECT 1 FROM "Entitlement" o WHERE o."identityId" = e."identityId" AND o.resource = e.resource
        AND o.action = e.action AND o.environment IS NOT DISTINCT FROM x.environment AND o.id <> e.id)`;
  const inserted = await tx.$executeRaw`
    INSERT INTO "Entitlement" (id, "identityId", resource, action, level, environment, "lastUsedAt", usage, "lastUsedWhere", "createdAt")
    SELECT x.id, ${identityId}::uuid, x.resource, x.action, x.level, x.environment, x."lastUsedAt", COALESCE(x.usage, 'unknown'),
      x."lastUsedWhere", COALESCE(x."createdAt", now())
    FROM jsonb_to_recordset(${json}::jsonb) AS x(id uuid, resource text, action text, level text, environment text,
      "lastUsedAt" timestamptz, usage text, "lastUsedWhere" text, "createdAt" timestamptz)
    WHERE NOT EXISTS (SELECT 1 FROM "Entitlement" o WHERE o."identityId" = ${identityId}::uuid AND o.resource = x.resource
      AND o.action = x.action AND o.environment IS NOT DISTINCT FROM x.environment)
    ON CONFLICT DO NOTHING`;
  return updated + inserted;
}
