import { z } from "zod";
import type { BreakGlassRequest } from "@/lib/db/generated/client";
import { actingPerson } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import type { DomainEvent } from "../notifications/event-types";
import { loadIdentityTarget } from "../registry/load-identity-target";
import { type EventDraft, defineMutation, identitySubject } from "../shared/define-mutation";
import { safeText } from "../shared/safe-text";
import { isLiveGrant, isPendingOpen } from "./elevation-state";
import { endGrantNow } from "./end-grant";
import type { ElevatedScope } from "./request-input";
import { identityGrantLockKey, requestAuditTarget, requestLabel } from "./request-target";

export const killSwitchSchema = z.object({
  id: z.uuid("id must be an identity id"),
  reason: safeText("reason")
    .trim()
    .min(3, "reason is required: say why (at least 3 characters)")
    .max(500, "reason must be at most 500 characters"),
});

export type KillSwitchResult = { identityId: string; status: string; revoked: string[]; cancelled: string[] };

/**
 * An approver or admin, in one audited transaction: revokes every approved elevation of the identity that has
 * not ended (grant.revoked for those active), cancels its pending requests, and suspends the identity (audited
 * as identity.setStatus too, pinned like a person's status change). The rows are locked FOR UPDATE under the
 * identity's grant lock, so a cancel or drop in flight is seen as it commits, never overwritten.
 */
export const killSwitch = defineMutation({
  action: "breakglass.killSwitch",
  input: killSwitchSchema,
  lockKey: (input) => identityGrantLockKey(input.id),
  load: (tx, input) => loadIdentityTarget(tx, input.id),
  subject: identitySubject("id"),
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    const { identity } = target;
    const by = actingPerson(actor)?.userId ?? null;
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "BreakGlassRequest"
      WHERE "identityId" = ${identity.id}::uuid AND status IN ('pending', 'approved')
      ORDER BY id FOR UPDATE`;
    const rows: BreakGlassRequest[] = locked.length
      ? await tx.breakGlassRequest.findMany({ where: { id: { in: locked.map((r) => r.id) } }, orderBy: { id: "asc" } })
      : [];
    const drafts: EventDraft[] = [];
    const events: DomainEvent[] = [];
    const revoked: string[] = [];
    const cancelled: string[] = [];
    const reason = `kill switch: ${input.reason}`;
    for (const request of rows) {
      const label = requestLabel(identity.name, request.scopes as ElevatedScope[]);
      if (isLiveGrant(request, now)) {
        const ended = await endGrantNow(tx, { request, identity, now, status: "revoked", closedById: by, reason });
        events.push(...ended.events);
        revoked.push(request.id);
        drafts.push({
          action: "breakglass.revoke",
          target: requestAuditTarget(request.id, label),
          reason,
          before: { status: "approved", expiresAt: request.expiresAt?.toISOString() ?? null },
          after: { status: "revoked", expiresAt: now.toISOString() },
        });
      } else if (isPendingOpen(request, now)) {
        await tx.breakGlassRequest.update({
          where: { id: request.id },
          data: { status: "cancelled", closedAt: now, closedById: by, closedReason: reason, version: { increment: 1 } },
        });
        cancelled.push(request.id);
        drafts.push({
          action: "breakglass.cancel",
          target: requestAuditTarget(request.id, label),
          reason,
          before: { status: "pending" },
          after: { status: "cancelled" },
        });
      }
    }
    const suspend = identity.status !== "suspended";
    if (suspend) {
      const pinnedFields = [...new Set([...identity.pinnedFields, "status"])].sort();
      await tx.identity.update({ where: { id: identity.id }, data: { status: "suspended", pinnedFields, version: { increment: 1 } } });
      drafts.push({ action: "identity.setStatus", reason, before: { status: identity.status }, after: { status: "suspended" } });
    }
    await emitEvents(tx, clock, events);
    const result: KillSwitchResult = { identityId: identity.id, status: "suspended", revoked, cancelled };
    return {
      result,
      events: [{ reason: input.reason, after: { revoked: revoked.length, cancelled: cancelled.length, suspended: suspend } }, ...drafts],
    };
  },
});
