import type { Db, Tx } from "@/lib/db/types";
import type { Clock } from "../shared/clock";

/** How long a session may live from sign-in, and without a request. */
export type SessionLimits = { maxAgeMs: number; idleMs: number };

/** What a session token names: the user and the server-side session row it was issued for. */
export type SessionClaims = { userId: string; sessionId: string };

/**
 * `lastSeenAt` is written at most this often: a request within a minute of the last one costs no write. The
 * idle timeout is therefore exact to the minute (an idle session can end up to a minute early, never late).
 */
export const TOUCH_INTERVAL_MS = 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A token's claims, if they have the shape a session token issued by this console has. */
export function sessionClaims(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  const userId = token?.uid;
  const sessionId = token?.sid;
  if (typeof userId !== "string" || typeof sessionId !== "string" || !UUID.test(userId) || !UUID.test(sessionId)) return null;
  return { userId, sessionId };
}

type SessionRow = { userId: string; createdAt: Date; lastSeenAt: Date };

/** Why a session has ended at `now`, or null while it is live. Sliding never moves `createdAt`. */
export function sessionEnded(session: SessionRow, now: Date, limits: SessionLimits): string | null {
  if (now.getTime() >= session.createdAt.getTime() + limits.maxAgeMs) return "absolute lifetime reached";
  if (now.getTime() >= session.lastSeenAt.getTime() + limits.idleMs) return "idle timeout";
  return null;
}

type LiveSession = SessionRow & {
  id: string;
  user: { id: string; email: string; name: string; roles: string[]; team: string | null; status: string };
};

/**
 * The live session a token names, with its user; null when the row is gone (signed out, revoked), belongs to
 * someone else, or has run past its lifetime or idle timeout. Reads only, in one round trip: a join of two
 * primary-key lookups (Prisma's nested select would send two queries).
 */
export async function findLiveSession(db: Db, clock: Clock, limits: SessionLimits, claims: SessionClaims): Promise<LiveSession | null> {
  const [row] = await db.$queryRaw<
    (SessionRow & { id: string; email: string; name: string; roles: string[]; team: string | null; status: string })[]
  >`
    SELECT s."userId"::text AS "userId", s."createdAt", s."lastSeenAt", u.id::text AS id, u.email, u.name, u.roles, u.team,
      u.status::text AS status
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${claims.sessionId}::uuid AND s."userId" = ${claims.userId}::uuid`;
  if (!row || sessionEnded(row, clock.now(), limits)) return null;
  const { userId, createdAt, lastSeenAt, ...user } = row;
  return { id: claims.sessionId, userId, createdAt, lastSeenAt, user };
}

/**
 * Ends every session of the user, inside the caller's transaction: every token issued before is refused at
 * its next request, and stays refused (a reactivated user signs in again). Returns how many ended.
 */
export async function revokeSessions(tx: Tx, userId: string): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId } });
  return count;
}
