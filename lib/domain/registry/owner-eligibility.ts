import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import { IDENTITY_OWNER_ROLES } from "../authz/policy";
import { ROLE_LABELS, toRoles } from "../authz/roles";
import { DomainError } from "../shared/errors";

/** Who may be named owner or backup owner: an active user holding a role that may own (never an auditor alone). */
export const ELIGIBLE_OWNER_WHERE = {
  status: "active",
  roles: { hasSome: [...IDENTITY_OWNER_ROLES] },
} satisfies Prisma.UserWhereInput;

const labels = IDENTITY_OWNER_ROLES.map((r) => ROLE_LABELS[r]);
const OWNING_ROLES = `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;

/**
 * Refuses owners and backup owners who may not hold identities, naming the field the person filled in:
 * someone unknown or deactivated, or someone without a role that may own (an auditor). Whoever is named
 * owner can do the owner's changes, so naming someone who could not act would leave the identity stuck.
 * `refs` maps the input's field names (ownerId, backupOwnerId, toUserId, …) to the user ids they name.
 */
export async function assertEligibleOwners(tx: Tx, refs: Record<string, string | null | undefined>): Promise<void> {
  const ids = [...new Set(Object.values(refs).filter((v): v is string => !!v))];
  if (ids.length === 0) return;
  const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, status: true, roles: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, id] of Object.entries(refs)) {
    if (!id) continue;
    const problem = ineligibility(byId.get(id));
    if (problem) fieldErrors[field] = [`${field}: ${problem}`];
  }
  if (Object.keys(fieldErrors).length > 0)
    throw new DomainError("VALIDATION", `Please choose someone else. ${Object.values(fieldErrors).flat().join("; ")}`, fieldErrors);
}

/** Why this person may not own identities, or null when they may. */
export function ineligibility(user: { name: string; status: string; roles: string[] } | undefined): string | null {
  if (!user) return "that person is not a user of the console";
  if (user.status !== "active") return `${user.name} is deactivated and cannot own identities`;
  const roles = toRoles(user.roles);
  if (!roles.some((r) => IDENTITY_OWNER_ROLES.includes(r)))
    return `${user.name} is ${roles.length ? `an ${roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(" and ")}` : "without a role"} and cannot own identities (owners need the ${OWNING_ROLES} role)`;
  return null;
}
