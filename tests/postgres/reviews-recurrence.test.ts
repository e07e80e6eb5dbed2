import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { launchDueCampaigns } from "@/lib/domain/reviews/jobs/launch-due";
import { makeUser } from "../helpers/actors";
import { launchTagged, makeIdentity, movableClock } from "../helpers/reviews";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// PostgreSQL only: two console instances, each with its own connection pool, run reviews.launchDue at the same
// moment, many times over; the recurring campaign's next run must be created once.

let database: TestDatabase;
let second: Database;
let admin: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  second = await openDatabase(database.url);
  admin = await makeUser(database.prisma, ["admin"]);
});
afterAll(async () => {
  await second.close();
  await database.close();
});

describe("recurring reviews with several schedulers on PostgreSQL", () => {
  it("creates the next run exactly once when two instances race twenty times", async () => {
    const db = database.prisma;
    const clock = movableClock("2026-11-24T09:00:00Z");
    for (let i = 0; i < 20; i += 1) await makeIdentity(db, { tag: "race", ownerId: admin.userId });
    const { campaignId, runId } = await launchTagged(db, clock, admin, "race", { recurrence: "monthly", durationDays: 14, graceDays: 7 });
    await closeRun({ actor: admin, db, clock, input: { runId } });
    clock.set("2026-12-24T09:00:01Z");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        launchDueCampaigns(i % 2 === 0 ? db : second.prisma, clock, systemActor(`system:job:reviews.launchDue:${i % 2}`)),
      ),
    );
    expect(results.flatMap((r) => r.launched)).toEqual(["Review race #2 (20 items)"]);
    const runs = await db.reviewRun.findMany({ where: { campaignId }, orderBy: { number: "asc" } });
    expect(runs.map((r) => [r.number, r.trigger, r.itemCount])).toEqual([
      [1, "manual", 20],
      [2, "schedule", 20],
    ]);
    expect((await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).nextRunAt?.toISOString()).toBe(
      "2027-01-24T09:00:00.000Z",
    );
    expect(await db.auditEvent.count({ where: { action: "review.launch", targetId: runs[1]!.id } })).toBe(1);
  });
});
