import type { JsonValue, Tx } from "@/lib/db/types";
import { insertRows } from "@/lib/db/insert-rows";
import { type Actor, actorLabel } from "../authz/actor";
import type { Clock } from "../shared/clock";
import { redactDeep } from "../shared/redact-secrets";
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
 * Appends events to the hash chain inside the caller's transaction, so they exist exactly when the change
 * they describe does. Concurrent writers queue on an advisory lock held until commit: without it two
 * events could both claim the same predecessor and fork the chain. Many events (an import, a bulk
 * transfer) are hashed in order in memory and written in batches.
 *
 * Every text an event carries (reason, labels, request headers, before and after at any depth) is redacted first: a secret
 * typed into a field nobody refused would otherwise stay in the chain for good. Redaction happens before the
 * lock, with one secret scan for the whole batch, so bulk imports keep their pace.
 */
export async function appendAuditEvents(tx: Tx, inputs: AuditEventInput[], clock: Clock): Promise<void> {
  if (inputs.length === 0) return;
  const texts = await redactDeep(
    inputs.map(
      (i) =>
        [
          actorLabel(i.actor),
          i.target.label ?? null,
          i.reason ?? null,
          i.before ?? null,
          i.after ?? null,
          // The client chooses these headers too: a token pasted into a user agent must not reach the chain either.
          i.actor.request.ip,
          i.actor.request.userAgent,
          i.actor.request.requestId,
        ] as const,
    ),
  );
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prevHash = head?.hash ?? GENESIS_HASH;
  const at = clock.now();
  const rows = inputs.map((input, i) => {
    const [label, targetLabel, reason, before, after, ip, userAgent, requestId] = texts[i]!;
    const redacted = { ...input, target: { ...input.target, label: targetLabel }, reason, before, after };
    const fields = hashedFields(redacted, { label, ip, userAgent, requestId }, at, prevHash);
    prevHash = hashEvent(fields);
    return { ...fields, hash: prevHash };
  });
  if (rows.length === 1) {
    const [row] = rows as [(typeof rows)[number]];
    await tx.auditEvent.create({
      data: {
        ...row,
        actorType: row.actorType as Actor["type"],
        outcome: row.outcome as AuditEventInput["outcome"],
        before: row.before ?? undefined,
        after: row.after ?? undefined,
      },
    });
  } else {
    await insertRows(tx, "AuditEvent", AUDIT_COLUMNS, rows);
  }
}

const AUDIT_COLUMNS = {
  at: "timestamptz",
  actorType: '"ActorType"',
  actorId: "text",
  actorLabel: "text",
  action: "text",
  targetType: "text",
  targetId: "text",
  targetLabel: "text",
  outcome: '"AuditOutcome"',
  reason: "text",
  ip: "text",
  userAgent: "text",
  requestId: "text",
  before: "jsonb",
  after: "jsonb",
  prevHash: "text",
  hash: "text",
};

export function appendAuditEvent(tx: Tx, input: AuditEventInput, clock: Clock): Promise<void> {
  return appendAuditEvents(tx, [input], clock);
}

type RedactedActor = { label: string; ip: string | null; userAgent: string | null; requestId: string | null };

function hashedFields(
  input: AuditEventInput,
  { label, ip, userAgent, requestId }: RedactedActor,
  at: Date,
  prevHash: string,
): HashedFields {
  const { actor } = input;
  return {
    at,
    actorType: actor.type,
    actorId: actor.type === "user" ? actor.userId : actor.type === "token" ? actor.tokenId : null,
    actorLabel: label,
    action: input.action,
    targetType: input.target.type,
    targetId: input.target.id ?? null,
    targetLabel: input.target.label ?? null,
    outcome: input.outcome,
    reason: input.reason ?? null,
    ip,
    userAgent,
    requestId,
    before: input.before ?? null,
    after: input.after ?? null,
    prevHash,
  };
}
