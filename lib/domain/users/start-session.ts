import type { Db } from "@/lib/db/types";
import type { Clock } from "../shared/clock";
import type { SessionLimits } from "./session-limits";

/**
 * Opens the server-side session a new session token names, once the user has been authenticated (the
 * sign-in itself is audited by authenticateLocal / provisionOidcUser). The user's ended sessions are
 * dropped on the way, so the table holds live sessions only.
 */
export async function startSession({
  db,
  clock,
  limits,
  userId,
}: {
  db: Db;
  clock: Clock;
  limits: SessionLimits;
  userId: string;
}): Promise<{ sessionId: string; startedAt: Date }> {
  const now = clock.now();
  return db.$transaction(async (tx) => {
    await tx.session.deleteMany({
      where: {
        userId,
        OR: [
          { createdAt: { lte: new Date(now.getTime() - limits.maxAgeMs) } },
          { lastSeenAt: { lte: new Date(now.getTime() - limits.idleMs) } },
        ],
      },
    });
    const session = await tx.session.create({ data: { userId, createdAt: now, lastSeenAt: now }, select: { id: true } });
    return { sessionId: session.id, startedAt: now };
  });
}
