import type { Db } from "@/lib/db/types";
import { evaluate } from "@/lib/domain/posture/evaluate";
import { recordDay } from "@/lib/domain/posture/run-evaluation";
import type { Clock } from "@/lib/domain/shared/clock";

// The demo's posture history, derived rather than invented: the checks run over the demo estate as of every other
// day of the past month (noon UTC), oldest first, over the identities registered by then, each day's summary
// recorded; then as of now, and today's. The trend moves where the estate's dates make it move (credentials ageing
// past the rotation policy, nearing or passing their expiry, going unused, elevations left past their end), and the
// findings' firstSeenAt are the days their conditions began within the history (its first day for the older ones).
// No notification is sent for the past, nor for today (only the live jobs tell owners); the identities the database
// marked for re-evaluation stay marked, for the live job to drain (it finds nothing new).
// What it cannot know: a fact recorded now (a rotation, a use, a review decision) is read as known on earlier days
// too, so the history shows what time did to the estate, not the fixes made within it.

const DAY = 86_400_000;
const NOON = 12 * 3_600_000;

/** How far back the history goes, and every how many days it has a point (each one an evaluation: the seed stays quick). */
export const DEMO_POSTURE_HISTORY = { days: 30, every: 2 } as const;

/** Records the demo's posture history; returns how many days it recorded (0 when a history exists already). */
export async function seedDemoPosture(db: Db, clock: Clock): Promise<number> {
  if ((await db.postureDay.count()) > 0) return 0;
  const now = clock.now();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const active = await db.identity.count({ where: { status: "active" } });
  let recorded = 0;
  for (let back = DEMO_POSTURE_HISTORY.days; back > 0; back -= DEMO_POSTURE_HISTORY.every) {
    const at = new Date(midnight - back * DAY + NOON);
    await db.$transaction(async (tx) => {
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM "Identity" WHERE status = 'active' AND "createdAt" <= ${at}`;
      // Every active identity registered by then: the same as all of them, which the database evaluates faster.
      await evaluate(tx, at, ids.length === active ? null : ids.map((i) => i.id));
      await recordDay(tx, at);
    });
    recorded += 1;
  }
  await db.$transaction(async (tx) => {
    await evaluate(tx, now, null);
    await recordDay(tx, now);
  });
  return recorded + 1;
}
