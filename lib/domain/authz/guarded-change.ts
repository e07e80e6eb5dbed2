import type { Db, Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvent } from "../audit/append-audit-event";
import { recordAuditEvent } from "../audit/run-audited";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import type { Actor } from "./actor";
import { type Action, type Target, authorize } from "./policy";

/** Any fixed 64-bit number: serializes changes whose policy depends on other rows (e.g. "last admin"). */
const GUARD_LOCK = 7_302_114_553;

type Refusal = { refused: string; target: Target };

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
  load,
  change,
}: {
  db: Db;
  clock: Clock;
  actor: Actor;
  action: Action;
  load: (tx: Tx) => Promise<G>;
  change: (tx: Tx, target: G) => Promise<{ result: T; event: AuditEventInput }>;
}): Promise<T> {
  const outcome = await db.$transaction(async (tx): Promise<{ result: T } | Refusal> => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${GUARD_LOCK})`;
    const target = await load(tx);
    const decision = authorize(actor, action, target);
    if (!decision.allowed) return { refused: decision.reason, target };
    const { result, event } = await change(tx, target);
    await appendAuditEvent(tx, event, clock);
    return { result };
  });
  if ("result" in outcome) return outcome.result;
  const { target } = outcome;
  await recordAuditEvent(db, clock, {
    actor,
    action,
    target: target.type === "user" ? { type: "user", id: target.id, label: target.label ?? null } : { type: target.type },
    outcome: "denied",
    reason: outcome.refused,
  });
  throw new DomainError("FORBIDDEN", `Not allowed: ${outcome.refused}.`);
}
