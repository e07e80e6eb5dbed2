import type { Db, Tx } from "@/lib/db/types";
import type { Clock } from "../shared/clock";

export type SignInLimits = { perAccount: number; perAddress: number; windowMs: number };

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

// Attempts are counted in the database, not in process memory, so the limit holds across every instance
// of the console behind a load balancer.

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** An attempt allowed to check a password (its recorded rows), or how many minutes the caller must wait. */
export type Reservation = { allowed: true; ids: bigint[] } | { allowed: false; waitMinutes: number };

/**
 * Records the attempt first, then decides: counting and recording happen under a lock per key (account,
 * then address, always in that order), so of any number of concurrent attempts no more than the limit get
 * to check a password within a window, on one instance or many. An attempt in flight counts as a failure
 * until it succeeds; a refused attempt records nothing, so a lockout ends one window after the last failure
 * that was checked.
 */
export async function reserveSignInAttempt(
  db: Db,
  clock: Clock,
  limits: SignInLimits,
  email: string,
  ip: string | null,
): Promise<Reservation> {
  const checks: [string, number][] = [[accountKey(email), limits.perAccount]];
  if (ip) checks.push([addressKey(ip), limits.perAddress]);
  return db.$transaction(async (tx): Promise<Reservation> => {
    for (const [key] of checks) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    // Read the clock under the lock: an attempt that waited for another counts from when it got its turn.
    const now = clock.now();
    const since = new Date(now.getTime() - limits.windowMs);
    for (const [key, limit] of checks) {
      const [oldestCounted] = await tx.signInFailure.findMany({
        where: { key, at: { gte: since } },
        orderBy: { at: "desc" },
        skip: limit - 1,
        take: 1,
        select: { at: true },
      });
      if (oldestCounted) {
        const freeAt = oldestCounted.at.getTime() + limits.windowMs;
        return { allowed: false, waitMinutes: Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)) };
      }
    }
    const rows = await tx.signInFailure.createManyAndReturn({ data: checks.map(([key]) => ({ key, at: now })), select: { id: true } });
    // Old attempts no longer count towards any window; drop them as we go (indexed on `at`).
    await tx.signInFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
    return { allowed: true, ids: rows.map((row) => row.id) };
  });
}

/**
 * After a successful sign-in: the account's earlier failures no longer count, nor does this attempt against
 * the address (the address's other failures still do).
 */
export async function releaseSucceededAttempt(tx: Tx, email: string, reservation: { ids: bigint[] }): Promise<void> {
  await tx.signInFailure.deleteMany({ where: { OR: [{ key: accountKey(email) }, { id: { in: reservation.ids } }] } });
}
