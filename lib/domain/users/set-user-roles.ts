import { z } from "zod";
import { guardedChange } from "../authz/guarded-change";
import { ROLES } from "../authz/roles";
import type { UseCaseArgs } from "../shared/use-case";
import { DomainError } from "../shared/errors";
import { validate } from "../shared/validate";
import { loadUserTarget } from "./load-user-target";
import { auditView, toUserDto, type UserDto } from "./user-dto";

export const setUserRolesSchema = z.object({
  userId: z.uuid("userId must be a user id"),
  roles: z
    .array(z.enum(ROLES, { error: `roles must be among ${ROLES.join(", ")}` }))
    .min(1, "choose at least one role (to remove all access, deactivate the user instead)"),
  /** The roles the admin saw; if someone changed them since, the save is refused, not silently overwritten. */
  expectedRoles: z.array(z.enum(ROLES, { error: `expectedRoles must be among ${ROLES.join(", ")}` })).optional(),
});

export async function setUserRoles({ actor, db, clock, input }: UseCaseArgs): Promise<UserDto> {
  const { userId, roles, expectedRoles } = validate(setUserRolesSchema, input);
  const nextRoles = [...new Set(roles)].sort();
  return guardedChange({
    db,
    clock,
    actor,
    action: "user.setRoles",
    subject: { type: "user", id: userId },
    load: (tx) => loadUserTarget(tx, userId, nextRoles),
    async change(tx, { user }) {
      if (expectedRoles && [...new Set(expectedRoles)].sort().join() !== [...user.roles].sort().join()) {
        throw new DomainError(
          "CONFLICT",
          `${user.email} was changed by someone else since you loaded the page (roles now: ${user.roles.join(", ") || "none"}). Reload and try again.`,
        );
      }
      const updated = await tx.user.update({ where: { id: userId }, data: { roles: nextRoles } });
      return {
        result: toUserDto(updated),
        event: {
          actor,
          action: "user.setRoles",
          target: { type: "user", id: user.id, label: user.email },
          outcome: "allowed",
          before: auditView(user),
          after: auditView(updated),
        },
      };
    },
  });
}
