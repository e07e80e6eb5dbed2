import type { Identity } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { AuditEventInput } from "../audit/append-audit-event";
import { guardedChange } from "../authz/guarded-change";
import type { Action } from "../authz/policy";
import type { UseCaseArgs } from "../shared/use-case";
import { loadIdentityTarget } from "./load-identity-target";

/** A change to one existing identity: loaded, judged by the policy on its ownership, applied and audited together. */
export function guardedIdentityChange<T>(
  { actor, db, clock }: Omit<UseCaseArgs, "input">,
  action: Action,
  id: string,
  change: (tx: Tx, identity: Identity) => Promise<{ result: T; event: AuditEventInput }>,
): Promise<T> {
  return guardedChange({
    db,
    clock,
    actor,
    action,
    subject: { type: "identity", id },
    load: (tx) => loadIdentityTarget(tx, id),
    change: (tx, target) => change(tx, target.identity),
  });
}
