import { describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/domain/notifications/credential-check";
import { evaluate } from "@/lib/domain/posture/evaluate";
import { drainChanged, recordDay } from "@/lib/domain/posture/run-evaluation";
import { fixedClock } from "@/lib/domain/shared/clock";
import { seedDemoBreakglass } from "@/prisma/seed/demo-breakglass";
import { seedDemoEstate } from "@/prisma/seed/demo-estate";
import { DEMO_POSTURE_HISTORY, seedDemoPosture } from "@/prisma/seed/demo-posture";
import { seedDemoReviews } from "@/prisma/seed/demo-reviews";
import { seedDemoUsers } from "@/prisma/seed/demo-users";
import { createTestDatabase } from "./helpers/test-database";

// The demo's posture history (prisma/seed/demo-posture.ts), seeded as lib/server/database.ts seeds it: the estate
// evaluated as of every other day of the past month, oldest first, then today; nothing told to anyone about the past.

const DAY = 86_400_000;
type Summary = { active: number; failing: number; controls: Record<string, number>; checks: Record<string, number> };

describe("the demo posture history", () => {
  it("records the past month's days oldest first, today as a fresh evaluation would, and tells no one", async () => {
    const database = await createTestDatabase();
    const db = database.prisma;
    const clock = fixedClock("2026-11-23T09:30:00Z");
    const now = clock.now();
    await seedDemoUsers(db, clock);
    await seedDemoEstate(db, clock);
    await checkCredentials(db, clock);
    await seedDemoReviews(db, clock);
    await seedDemoBreakglass(db, clock);
    const marked = await db.postureDirty.count();

    const recorded = await seedDemoPosture(db, clock);
    const expected = DEMO_POSTURE_HISTORY.days / DEMO_POSTURE_HISTORY.every + 1;
    expect(recorded).toBe(expected);
    expect(await seedDemoPosture(db, clock)).toBe(0);

    // The days: a month back to today, every other day at noon (UTC), each written when it was evaluated.
    const days = await db.postureDay.findMany({ orderBy: { day: "asc" } });
    expect(days).toHaveLength(expected);
    const dayOf = (d: Date) => d.toISOString().slice(0, 10);
    expect(dayOf(days[0]!.day)).toBe("2026-10-24");
    expect(dayOf(days.at(-1)!.day)).toBe("2026-11-23");
    for (const [k, d] of days.slice(0, -1).entries()) {
      expect(d.day.getTime()).toBe(Date.UTC(2026, 9, 24) + k * DEMO_POSTURE_HISTORY.every * DAY);
      expect(d.updatedAt.toISOString()).toBe(`${dayOf(d.day)}T12:00:00.000Z`);
    }
    expect(days.at(-1)!.updatedAt).toEqual(now);
    const summaries = days.map((d) => d.summary as Summary);
    // The trend moves with time alone: credentials age past the policy, expire, go unused.
    expect(summaries.at(-1)!.failing).toBeGreaterThanOrEqual(summaries[0]!.failing);
    expect(summaries.at(-1)!.checks["unused"]).toBeGreaterThan(summaries[0]!.checks["unused"]!);
    expect(new Set(summaries.map((s) => JSON.stringify(s.controls))).size).toBeGreaterThan(3);

    // Findings carry the day their condition began within the history, never a later one than now.
    const firstSeen = await db.finding.groupBy({ by: ["firstSeenAt"], _count: true, orderBy: { firstSeenAt: "asc" } });
    expect(firstSeen[0]!.firstSeenAt.toISOString()).toBe("2026-10-24T12:00:00.000Z");
    expect(firstSeen.length).toBeGreaterThan(5);
    expect(firstSeen.at(-1)!.firstSeenAt.getTime()).toBeLessThanOrEqual(now.getTime());

    // Today's row is what a fresh evaluation and summary give now: nothing left to open or resolve, the same summary.
    const fresh = await db.$transaction(async (tx) => {
      const outcome = await evaluate(tx, now, null);
      await recordDay(tx, now);
      return outcome;
    });
    expect([fresh.opened, fresh.reopened, fresh.resolved]).toEqual([0, 0, 0]);
    expect((await db.postureDay.findUniqueOrThrow({ where: { day: days.at(-1)!.day } })).summary).toEqual(days.at(-1)!.summary);

    // No one was told about the past (nor about today: only the live jobs tell owners), and the live job that drains
    // the identities the database marked (kept by the seed) finds nothing new to tell.
    expect(await db.outboxEvent.count({ where: { type: "finding.opened" } })).toBe(0);
    expect(await db.postureDirty.count()).toBe(marked);
    expect(marked).toBeGreaterThan(0);
    expect(await drainChanged(db, clock)).toMatchObject({ opened: 0, reopened: 0, resolved: 0 });
    expect(await db.outboxEvent.count({ where: { type: "finding.opened" } })).toBe(0);
    await database.close();
  }, 90_000); // four seeds and a month of evaluations on the embedded database: more than the default on a busy machine
});
