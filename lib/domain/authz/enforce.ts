import type { Db } from "@/lib/db/types";
import { recordAuditEvent } from "../audit/run-audited";
import type { AuditTarget } from "../audit/append-audit-event";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import type { Actor } from "./actor";
import { type Action, type Decision, type Target, type TargetArg, authorize } from "./policy";

/**
 * For reads: asks the policy and, on a refusal, records a `denied` audit event with the reason before
 * throwing FORBIDDEN. Every read use-case calls this first, before it looks at its input, so no entry
 * point can skip the check or the record. Changes go through defineMutation, which does the same.
 */
export async function enforce<A extends Action>(db: Db, clock: Clock, actor: Actor, action: A, ...target: TargetArg<A>): Promise<void> {
  const decision = authorize(actor, action, ...target);
  if (!decision.allowed) await refuse(db, clock, actor, action, describeTarget(target[0]), decision);
}

/** Records the refusal in its own transaction (it must outlive any rollback) and throws FORBIDDEN. */
export async function refuse(db: Db, clock: Clock, actor: Actor, action: string, target: AuditTarget, decision: Decision): Promise<never> {
  const reason = decision.allowed ? "refused" : decision.reason;
  await recordAuditEvent(db, clock, { actor, action, target, outcome: "denied", reason });
  throw new DomainError("FORBIDDEN", `Not allowed: ${reason}.`);
}

export function describeTarget(target?: Target): AuditTarget {
  if (!target) return { type: "console" };
  if (
    target.type === "user" ||
    target.type === "identity" ||
    target.type === "token" ||
    target.type === "review-item" ||
    target.type === "breakglass-request"
  )
    return { type: target.type, id: target.id, label: target.label ?? null };
  return { type: target.type };
}
