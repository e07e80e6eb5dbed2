import type { JsonValue, Tx } from "@/lib/db/types";
import { type Actor, actorLabel } from "../authz/actor";
import type { Clock } from "../shared/clock";
import { GENESIS_HASH, type HashedFields, hashEvent } from "./canonical";

export type AuditTarget = { type: string; id?: string | null; label?: string | null };

export type AuditEventInput = {
  actor: Actor;
  action: string;
  target: AuditTarget;
  outcome: "allowed" | "denied";
  reason?: string | null;
  before?: JsonValue | null;
  after?: JsonValue | null;
};

/** Any fixed 64-bit number: the transaction-scoped lock that keeps the hash chain linear. */
const AUDIT_CHAIN_LOCK = 7_302_114_552;

/**
 * Appends one event to the hash chain inside the caller's transaction, so the event exists exactly when
 * the change it describes does. Concurrent writers queue on an advisory lock held until commit: without
 * it two events could both claim the same predecessor and fork the chain.
 */
export async function appendAuditEvent(tx: Tx, input: AuditEventInput, clock: Clock): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const { actor } = input;
  const fields: HashedFields = {
    at: clock.now(),
    actorType: actor.type,
    actorId: actor.type === "user" ? actor.userId : null,
    actorLabel: actorLabel(actor),
    action: input.action,
    targetType: input.target.type,
    targetId: input.target.id ?? null,
    targetLabel: input.target.label ?? null,
    outcome: input.outcome,
    reason: input.reason ?? null,
    ip: actor.request.ip,
    userAgent: actor.request.userAgent,
    requestId: actor.request.requestId,
    before: input.before ?? null,
    after: input.after ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({
    data: {
      ...fields,
      actorType: actor.type,
      outcome: input.outcome,
      before: input.before ?? undefined,
      after: input.after ?? undefined,
      hash: hashEvent(fields),
    },
  });
}
