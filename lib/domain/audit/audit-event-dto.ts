import type { AuditEvent } from "@/lib/db/generated/client";

export type AuditEventDto = {
  seq: string;
  at: string;
  actorType: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  outcome: "allowed" | "denied";
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
};

export function toAuditEventDto(row: AuditEvent): AuditEventDto {
  return {
    seq: row.seq.toString(),
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    outcome: row.outcome,
    reason: row.reason,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    before: row.before,
    after: row.after,
    hash: row.hash,
  };
}
