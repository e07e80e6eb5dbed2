import type { Tx } from "@/lib/db/types";
import type { IdentityTarget } from "../authz/policy";
import { DomainError } from "../shared/errors";

/** The identity to change, with the ownership the policy judges; NOT_FOUND when it does not exist. */
export async function loadIdentityTarget(tx: Tx, id: string) {
  const identity = await tx.identity.findUnique({ where: { id } });
  if (!identity) throw new DomainError("NOT_FOUND", "That identity does not exist (it may have been removed). Go back to the registry.");
  const target: IdentityTarget = {
    type: "identity",
    id,
    label: identity.name,
    ownerId: identity.ownerId,
    backupOwnerId: identity.backupOwnerId,
  };
  return Object.assign(target, { identity });
}

/** Refuses owners that are not active users of the console, naming the field. */
export async function assertActiveUsers(tx: Tx, refs: Record<string, string | null | undefined>): Promise<void> {
  const ids = Object.values(refs).filter((v): v is string => !!v);
  if (ids.length === 0) return;
  const found = new Set((await tx.user.findMany({ where: { id: { in: ids }, status: "active" }, select: { id: true } })).map((u) => u.id));
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, id] of Object.entries(refs))
    if (id && !found.has(id)) fieldErrors[field] = [`${field} must be an active user of the console`];
  if (Object.keys(fieldErrors).length > 0) {
    throw new DomainError("VALIDATION", `Please correct the input. ${Object.values(fieldErrors).flat().join("; ")}`, fieldErrors);
  }
}
