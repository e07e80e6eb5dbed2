import type { Db } from "@/lib/db/types";
import type { RequestContext, UserActor } from "../authz/actor";
import { toRoles } from "../authz/roles";

/**
 * Turns a session's user id into the actor for this request, reading the user's current status and roles
 * (one indexed read). A JWT session would otherwise outlive a deactivation or a role change until it
 * expired; this makes both apply at the very next request.
 */
export async function resolveActor({
  db,
  userId,
  request,
}: {
  db: Db;
  userId: string;
  request: RequestContext;
}): Promise<UserActor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, roles: true, status: true },
  });
  if (!user || user.status !== "active" || user.roles.length === 0) return null;
  return { type: "user", userId: user.id, email: user.email, name: user.name, roles: toRoles(user.roles), request };
}
