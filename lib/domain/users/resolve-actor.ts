import type { Db } from "@/lib/db/types";
import type { RequestContext, UserActor } from "../authz/actor";
import { toRoles } from "../authz/roles";
import type { Clock } from "../shared/clock";
import { findLiveSession, type SessionClaims, type SessionLimits, TOUCH_INTERVAL_MS } from "./session-limits";

/**
 * Turns a session token's claims into the actor for this request. The token alone proves nothing once it
 * has been copied: the session row it names must still exist (sign-out, sign-out everywhere, deactivation
 * and role changes delete it), be within its absolute lifetime and idle timeout, and its user must still
 * be active with a role. One indexed read; at most one write a minute to note the activity.
 */
export async function resolveActor({
  db,
  clock,
  limits,
  claims,
  request,
}: {
  db: Db;
  clock: Clock;
  limits: SessionLimits;
  claims: SessionClaims;
  request: RequestContext;
}): Promise<UserActor | null> {
  const session = await findLiveSession(db, clock, limits, claims);
  if (!session) return null;
  const { user } = session;
  if (user.status !== "active" || user.roles.length === 0) return null;
  const now = clock.now();
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    // Conditional, so concurrent requests of one session write once; a row deleted meanwhile stays deleted.
    await db.session.updateMany({
      where: { id: session.id, lastSeenAt: { lte: new Date(now.getTime() - TOUCH_INTERVAL_MS) } },
      data: { lastSeenAt: now },
    });
  }
  // Roles and team as they are now: a change takes effect at the person's next request.
  return { type: "user", userId: user.id, email: user.email, name: user.name, roles: toRoles(user.roles), team: user.team, request };
}
