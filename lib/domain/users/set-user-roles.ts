import { z } from "zod";
import { IDENTITY_OWNER_ROLES } from "../authz/policy";
import { ROLES } from "../authz/roles";
import { DomainError } from "../shared/errors";
import { revokeSessions } from "./session-limits";
import { defineUserMutation } from "./user-mutation";
import { auditView, toUserDto } from "./user-dto";

const role = (field: string) => z.enum(ROLES, { error: `${field} must be among ${ROLES.join(", ")}` });

export const setUserRolesSchema = z.object({
  userId: z.uuid("userId must be a user id"),
  roles: z
    .array(role("roles"), { error: "roles must be a list of roles" })
    .min(1, "choose at least one role (to remove all access, deactivate the user instead)")
    .transform((roles) => [...new Set(roles)].sort()),
  /** The roles the admin saw; if someone changed them since, the save is refused, not silently overwritten. */
  expectedRoles: z.array(role("expectedRoles"), { error: "expectedRoles must be a list of roles" }).optional(),
});

export const setUserRoles = defineUserMutation({
  action: "user.setRoles",
  input: setUserRolesSchema,
  nextRoles: (input) => input.roles,
  async change({ tx, user, input: { roles, expectedRoles } }) {
    if (expectedRoles && [...new Set(expectedRoles)].sort().join() !== [...user.roles].sort().join()) {
      throw new DomainError(
        "CONFLICT",
        `${user.email} was changed by someone else since you loaded the page (roles now: ${user.roles.join(", ") || "none"}). Reload and try again.`,
      );
    }
    // Someone who holds identities must keep a role that may own them (an auditor never owns).
    if (!roles.some((r) => IDENTITY_OWNER_ROLES.includes(r))) {
      const held = await tx.identity.count({ where: { OR: [{ ownerId: user.id }, { backupOwnerId: user.id }] } });
      if (held > 0)
        throw new DomainError(
          "VALIDATION",
          `${user.email} owns or backs up ${held} ${held === 1 ? "identity" : "identities"}, and an ${roles.join(", ")} alone cannot own any. Transfer them first (Transfer page), or keep a role that may own identities.`,
          { roles: [`keep admin, approver or member while ${user.email} holds identities`] },
        );
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { roles } });
    // The user signs in again under the new roles; no token issued before the change stays usable.
    await revokeSessions(tx, user.id);
    return { result: toUserDto(updated), events: { before: auditView(user), after: auditView(updated) } };
  },
});
