import type { Tx } from "@/lib/db/types";
import type { UserTarget } from "../authz/policy";
import { type Role, toRoles } from "../authz/roles";
import { DomainError } from "../shared/errors";

/** The user to change, with the state the policy judges (how many active admins remain). */
export async function loadUserTarget(tx: Tx, userId: string, nextRoles?: readonly Role[]) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError("NOT_FOUND", "That user does not exist. Refresh the list and try again.");
  const activeAdminCount = await tx.user.count({ where: { status: "active", roles: { has: "admin" } } });
  const target: UserTarget = {
    type: "user",
    id: user.id,
    label: user.email,
    roles: toRoles(user.roles),
    active: user.status === "active",
    activeAdminCount,
    nextRoles,
  };
  return Object.assign(target, { user });
}
