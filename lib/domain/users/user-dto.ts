import type { User } from "@/lib/db/generated/client";
import { type Role, toRoles } from "../authz/roles";

export type UserDto = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** The team an admin put them in (limits the break-glass requests an approver decides), or null. */
  team: string | null;
  status: "active" | "deactivated";
  authSource: "local" | "oidc";
  lastSignInAt: string | null;
  updatedAt: string;
};

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: toRoles(user.roles).sort(),
    team: user.team,
    status: user.status,
    authSource: user.authSource,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** The part of a user an audit event's before/after shows. */
export const auditView = (user: Pick<User, "email" | "roles" | "status">) => ({
  email: user.email,
  roles: [...user.roles].sort(),
  status: user.status,
});
