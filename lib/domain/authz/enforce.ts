import type { Db } from "@/lib/db/types";
import { recordAuditEvent } from "../audit/run-audited";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import type { Actor } from "./actor";
import { type Action, type Target, authorize } from "./policy";

/**
 * Asks the policy and, on a refusal, records a `denied` audit event with the reason before throwing
 * FORBIDDEN. Every use-case calls this first, so no entry point can skip the check or the record.
 */
export async function enforce(
  db: Db,
  clock: Clock,
  actor: Actor,
  action: Action,
  target?: Target,
): Promise<void> {
  const decision = authorize(actor, action, target);
  if (decision.allowed) return;
  await recordAuditEvent(db, clock, {
    actor,
    action,
    target: describeTarget(target),
    outcome: "denied",
    reason: decision.reason,
  });
  throw new DomainError("FORBIDDEN", `Not allowed: ${decision.reason}.`);
}

function describeTarget(target?: Target) {
  if (!target) return { type: "console" };
  if (target.type === "user" || target.type === "identity") return { type: target.type, id: target.id, label: target.label ?? null };
  return { type: target.type };
}
