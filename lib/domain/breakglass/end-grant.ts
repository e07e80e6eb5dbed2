import type { BreakGlassRequest } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { DomainEvent } from "../notifications/event-types";
import { isActive } from "./elevation-state";
import { grantEvent } from "./grant-events";

/**
 * Ends an approved grant now (dropped by the requester, revoked by an approver, or by the kill switch):
 * expiresAt = now, so every check answers "not active" from this millisecond. A grant that was active gets
 * grant.revoked now, and its end is marked announced so the sweeper does not send grant.ended for it too; one
 * that had not started yet was never announced, so nothing is sent.
 */
export async function endGrantNow(
  tx: Tx,
  {
    request,
    identity,
    now,
    status,
    closedById,
    reason,
  }: {
    request: BreakGlassRequest;
    identity: { id: string; name: string; platform: string; externalId: string };
    now: Date;
    status: "dropped" | "revoked" | "cancelled";
    closedById: string | null;
    reason: string | null;
  },
): Promise<{ row: BreakGlassRequest; events: DomainEvent[]; wasActive: boolean }> {
  const wasActive = isActive(request, now);
  const row = await tx.breakGlassRequest.update({
    where: { id: request.id },
    data: {
      status,
      expiresAt: now,
      closedAt: now,
      closedById,
      closedReason: reason,
      endAnnouncedAt: wasActive ? now : undefined,
      version: { increment: 1 },
    },
  });
  return { row, wasActive, events: wasActive ? [grantEvent("grant.revoked", row, identity)] : [] };
}
