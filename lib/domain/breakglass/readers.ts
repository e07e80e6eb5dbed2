import { actingPerson, type Actor } from "../authz/actor";

/** Who reads every break-glass request (the history, what is active): approvers decide with it in view, auditors and admins read it all. */
export const READS_ALL_ROLES = ["admin", "auditor", "approver"] as const;

export const readsAllRequests = (actor: Actor) =>
  (actingPerson(actor)?.roles ?? []).some((r) => (READS_ALL_ROLES as readonly string[]).includes(r));
