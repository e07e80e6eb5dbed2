import type { Db, Tx } from "@/lib/db/types";
import { type AuditEventInput, type AuditTarget, appendAuditEvent } from "../audit/append-audit-event";
import { recordAuditEvent } from "../audit/run-audited";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import type { Actor } from "./actor";
import { type Action, type Decision, type Target, authorize, mayAttempt } from "./policy";

/** Any fixed 64-bit number: serializes changes whose policy depends on other rows (e.g. "last admin"). */
const GUARD_LOCK = 7_302_114_553;

type Refusal = { refused: Decision & { allowed: false }; target: Target };

/**
 * Loads the target, asks the policy and applies the change with its audit event, all in one transaction
 * that holds a lock: the state the policy judged is the state the change is applied to. Two admins
 * demoting each other at once cannot both pass the "last admin" rule. A refusal rolls the transaction
 * back, then is recorded on its own (it must outlive the rollback) and surfaces as FORBIDDEN.
 */
export async function guardedChange<T, G extends Target>({
  db,
  clock,
  actor,
  action,
  subject,
  load,
  change,
}: {
  db: Db;
  clock: Clock;
  actor: Actor;
  action: Action;
  /** What the caller asked to change, as far as known before loading it (for the record of a refusal). */
  subject: AuditTarget;
  load: (tx: Tx) => Promise<G>;
  change: (tx: Tx, target: G) => Promise<{ result: T; event: AuditEventInput }>;
}): Promise<T> {
  // Refuse callers whose roles can never do this before looking anything up: they learn nothing about
  // the target (not even whether it exists) and the refusal is recorded all the same.
  const attempt = mayAttempt(actor, action);
  if (!attempt.allowed) return refuse(db, clock, actor, action, subject, attempt);
  const outcome = await db.$transaction(async (tx): Promise<{ result: T } | Refusal> => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${GUARD_LOCK})`;
    const target = await load(tx);
    const decision = authorize(actor, action, target);
    if (!decision.allowed) return { refused: decision, target };
    const { result, event } = await change(tx, target);
    await appendAuditEvent(tx, event, clock);
    return { result };
  });
  if ("result" in outcome) return outcome.result;
  const { target } = outcome;
  const described = target.type === "user" || target.type === "identity" ? { type: target.type, id: target.id, label: target.label ?? null } : subject;
  return refuse(db, clock, actor, action, described, outcome.refused);
}

async function refuse(db: Db, clock: Clock, actor: Actor, action: Action, target: AuditTarget, decision: Decision): Promise<never> {
  const reason = decision.allowed ? "refused" : decision.reason;
  await recordAuditEvent(db, clock, { actor, action, target, outcome: "denied", reason });
  throw new DomainError("FORBIDDEN", `Not allowed: ${reason}.`);
}
