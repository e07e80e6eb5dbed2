import type { BreakGlassApproval, BreakGlassRequest } from "@/lib/db/generated/client";
import { effectiveStatus, isActive, type RequestStatus } from "./elevation-state";
import type { ElevatedScope } from "./request-input";

/** A break-glass request as pages and the API show it; `status` is as of the clock, `active` computed the same way. */
export type BreakGlassRequestDto = {
  id: string;
  identity: { id: string; name: string };
  requesterId: string;
  requesterTokenId: string | null;
  scopes: ElevatedScope[];
  reason: string;
  ticket: string | null;
  durationMinutes: number;
  emergency: boolean;
  status: RequestStatus;
  /** The status as stored (the sweeper records expiries and ends later). */
  recordedStatus: string;
  active: boolean;
  requestedAt: string;
  pendingUntil: string;
  startAt: string;
  approvalsRequired: number;
  approvals: { approverId: string; decision: string; shortenTo: number | null; at: string }[];
  activeFrom: string | null;
  expiresAt: string | null;
  closedAt: string | null;
  closedReason: string | null;
  extendsRequestId: string | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRequestDto(
  row: BreakGlassRequest & { approvals?: BreakGlassApproval[] },
  identity: { id: string; name: string },
  now: Date,
): BreakGlassRequestDto {
  return {
    id: row.id,
    identity: { id: identity.id, name: identity.name },
    requesterId: row.requesterId,
    requesterTokenId: row.requesterTokenId,
    scopes: row.scopes as ElevatedScope[],
    reason: row.reason,
    ticket: row.ticket,
    durationMinutes: row.durationMinutes,
    emergency: row.emergency,
    status: effectiveStatus(row, now),
    recordedStatus: row.status,
    active: isActive(row, now),
    requestedAt: row.requestedAt.toISOString(),
    pendingUntil: row.pendingUntil.toISOString(),
    startAt: row.startAt.toISOString(),
    approvalsRequired: row.approvalsRequired,
    approvals: (row.approvals ?? []).map((a) => ({
      approverId: a.approverId,
      decision: a.decision,
      shortenTo: a.shortenTo,
      at: a.at.toISOString(),
    })),
    activeFrom: iso(row.activeFrom),
    expiresAt: iso(row.expiresAt),
    closedAt: iso(row.closedAt),
    closedReason: row.closedReason,
    extendsRequestId: row.extendsRequestId,
  };
}
