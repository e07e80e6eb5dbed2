import type { Db, Tx } from "@/lib/db/types";
import type { Clock } from "../shared/clock";

export type SignInLimits = { perAccount: number; perAddress: number; windowMs: number };

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

// Failures are counted in the database, not in process memory, so the limit holds across every instance
// of the console behind a load balancer.

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** Minutes until the caller may try again, or 0 when neither the account nor the address is over its limit. */
export async function signInBlockedFor(
  db: Db,
  clock: Clock,
  limits: SignInLimits,
  email: string,
  ip: string | null,
): Promise<number> {
  const since = new Date(clock.now().getTime() - limits.windowMs);
  const checks: [string, number][] = [[accountKey(email), limits.perAccount]];
  if (ip) checks.push([addressKey(ip), limits.perAddress]);
  for (const [key, limit] of checks) {
    const recent = await db.signInFailure.findMany({
      where: { key, at: { gte: since } },
      orderBy: { at: "desc" },
      skip: limit - 1,
      take: 1,
      select: { at: true },
    });
    const oldestCounted = recent[0];
    if (oldestCounted) {
      const freeAt = oldestCounted.at.getTime() + limits.windowMs;
      return Math.max(1, Math.ceil((freeAt - clock.now().getTime()) / 60_000));
    }
  }
  return 0;
}

export async function recordSignInFailure(tx: Tx, clock: Clock, email: string, ip: string | null): Promise<void> {
  const at = clock.now();
  await tx.signInFailure.createMany({
    data: [{ key: accountKey(email), at }, ...(ip ? [{ key: addressKey(ip), at }] : [])],
  });
  // Old failures no longer count towards any window; drop them as we go (indexed on `at`).
  await tx.signInFailure.deleteMany({ where: { at: { lt: new Date(at.getTime() - 24 * 3600_000) } } });
}

export async function clearAccountFailures(tx: Tx, email: string): Promise<void> {
  await tx.signInFailure.deleteMany({ where: { key: accountKey(email) } });
}
