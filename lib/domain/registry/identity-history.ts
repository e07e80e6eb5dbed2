import type { Db } from "@/lib/db/types";
import { type AuditEventDto, toAuditEventDto } from "../audit/audit-event-dto";
import type { Actor } from "../authz/actor";
import { can } from "../authz/policy";

// An identity's history is read from the audit log, but the audit log itself is for those who may read it
// (`audit.read`). Everyone else who may see the identity gets what a change history needs: who did what,
// when, and what the identity was before and after. No request metadata (address, user agent, request id),
// and no refused attempts at all: those say who tried what and why they were refused, which is audit data.

/** One change to an identity, as shown to someone without `audit.read`. */
export type IdentityHistoryEntryDto = {
  seq: string;
  at: string;
  /** Who made the change (their email, or the console's job). */
  actorLabel: string;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
};

export type IdentityHistory = { kind: "audit"; events: AuditEventDto[] } | { kind: "changes"; entries: IdentityHistoryEntryDto[] };

const HISTORY_LIMIT = 200;

/** The identity's history as this actor may see it: full audit events for auditors, changes for everyone else. */
export async function loadIdentityHistory(db: Db, actor: Actor, identityId: string): Promise<IdentityHistory> {
  const where = { targetType: "identity", targetId: identityId };
  if (can(actor, "audit.read")) {
    const rows = await db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: HISTORY_LIMIT });
    return { kind: "audit", events: rows.map(toAuditEventDto) };
  }
  // Only the columns the entry shows are read, so request metadata never leaves the database for this view.
  const rows = await db.auditEvent.findMany({
    where: { ...where, outcome: "allowed" },
    orderBy: { seq: "desc" },
    take: HISTORY_LIMIT,
    select: { seq: true, at: true, actorLabel: true, action: true, reason: true, before: true, after: true },
  });
  return {
    kind: "changes",
    entries: rows.map((r) => ({
      seq: r.seq.toString(),
      at: r.at.toISOString(),
      actorLabel: r.actorLabel,
      action: r.action,
      reason: r.reason,
      before: r.before,
      after: r.after,
    })),
  };
}
