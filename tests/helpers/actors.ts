import type { Db } from "@/lib/db/types";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Role } from "@/lib/domain/authz/roles";

let counter = 0;

/** Creates a user with unique email and returns the actor for it. */
export async function makeUser(
  db: Db,
  roles: Role[],
  overrides: { email?: string; status?: "active" | "deactivated" } = {},
): Promise<UserActor> {
  counter += 1;
  const email = overrides.email ?? `${roles.join("-") || "none"}-${counter}-${Date.now()}@test.local`;
  const user = await db.user.create({ data: { email, name: `Test ${email}`, roles, status: overrides.status ?? "active" } });
  return {
    type: "user",
    userId: user.id,
    email,
    name: user.name,
    roles,
    request: { ip: "127.0.0.1", userAgent: "vitest", requestId: `req-${counter}` },
  };
}
