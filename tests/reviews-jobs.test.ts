import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { reviewJobs } from "@/lib/domain/reviews/jobs/review-jobs";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner: UserActor;
let other: UserActor;
let backup: UserActor;
let fallback: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  other = await makeUser(db, ["member"]);
  backup = await makeUser(db, ["member"]);
  fallback = await makeUser(db, ["approver"]);
});
afterAll(() => database.close());

const jobs = Object.fromEntries(reviewJobs().map((j) => [j.handler, j]));
const run = (handler: string) =>
  jobs[handler]!.run({ db, clock, actor: systemActor(`system:job:${handler}`), payload: null }) as Promise<{
    summary: string;
    idle?: boolean;
  }>;

type Payload = { recipients: string[]; dedupeKey: string; data: { runId?: string; step?: number } };
const eventsOf = async (type: string, runId: string) =>
  (await db.outboxEvent.findMany({ where: { type }, orderBy: { id: "asc" } }))
    .map((e) => e.payload as Payload)
    .filter((p) => p.data.runId === runId);

describe("review jobs", () => {
  it("are wired every minute, ask for review.process, and are idle with nothing to do", async () => {
    expect(Object.keys(jobs).sort()).toEqual([
      "reviews.endStage",
      "reviews.escalate",
      "reviews.launchDue",
      "reviews.observe",
      "reviews.remind",
    ]);
    for (const handler of Object.keys(jobs)) expect(await run(handler)).toMatchObject({ idle: true });
    await expect(jobs["reviews.remind"]!.run({ db, clock, actor: admin as never, payload: null })).rejects.toThrow(/Not allowed/);
  });

  it("reminds only reviewers with undecided items, once per reminder day, with a key of its own each day", async () => {
    clock.set("2026-11-24T09:00:00Z");
    const a = await makeIdentity(db, { tag: "remind", ownerId: owner.userId });
    await makeIdentity(db, { tag: "remind", ownerId: other.userId });
    const { runId } = await launchTagged(db, clock, admin, "remind", { durationDays: 14, reminderDays: [7, 2] });
    await db.reviewItem.updateMany({
      where: { runId, identityId: a.id },
      data: { decision: "certify", decidedById: owner.userId, decidedAt: clock.now() },
    });
    clock.advance(6 * DAY);
    expect((await run("reviews.remind")).idle).toBe(true);
    clock.advance(1 * DAY + 60_000);
    await run("reviews.remind");
    await run("reviews.remind");
    let reminders = await eventsOf("review.reminder", runId);
    expect(reminders.map((r) => r.recipients)).toEqual([[other.userId]]);
    expect(reminders[0]!.dedupeKey).toBe(`review:${runId}:reminder:1:7`);
    clock.advance(5 * DAY);
    await run("reviews.remind");
    reminders = await eventsOf("review.reminder", runId);
    expect(reminders.map((r) => r.dedupeKey)).toEqual([`review:${runId}:reminder:1:7`, `review:${runId}:reminder:1:2`]);
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ remindersSent: 2 });
  });

  it("climbs the escalation ladder once per step: overdue, backup owner, fallback reviewer, campaign owner", async () => {
    clock.set("2026-12-20T09:00:00Z");
    const a = await makeIdentity(db, { tag: "escalate", ownerId: owner.userId, backupOwnerId: backup.userId });
    const { runId } = await launchTagged(db, clock, admin, "escalate", {
      durationDays: 10,
      reminderDays: [],
      graceDays: 7,
      escalationDays: [1, 2, 3, 4],
      fallbackReviewerIds: [fallback.userId],
    });
    const item = () => db.reviewItem.findFirstOrThrow({ where: { runId, identityId: a.id } });
    clock.advance(11 * DAY + 60_000);
    await run("reviews.escalate");
    await run("reviews.escalate");
    expect((await eventsOf("review.overdue", runId)).map((e) => e.recipients)).toEqual([[owner.userId]]);
    expect((await item()).extraReviewerIds).toEqual([]);
    clock.advance(DAY);
    await run("reviews.escalate");
    expect((await item()).extraReviewerIds).toEqual([backup.userId]);
    clock.advance(2 * DAY);
    await run("reviews.escalate");
    await run("reviews.escalate");
    expect((await item()).extraReviewerIds).toEqual([backup.userId, fallback.userId, admin.userId]);
    const escalated = await eventsOf("review.escalated", runId);
    expect(escalated.map((e) => [e.recipients[0], e.data.step])).toEqual([
      [backup.userId, 2],
      [fallback.userId, 3],
      [admin.userId, 4],
    ]);
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ escalationStep: 4 });
    expect((await run("reviews.escalate")).idle).toBe(true);
  });

  it("ends the stage at endsAt: the non-response action applies and the run closes", async () => {
    clock.set("2027-01-20T09:00:00Z");
    const a = await makeIdentity(db, { tag: "endstage", ownerId: owner.userId });
    const { runId } = await launchTagged(db, clock, admin, "endstage", {
      durationDays: 5,
      graceDays: 2,
      escalationDays: [1],
      reminderDays: [],
      nonResponseAction: "suspend",
    });
    clock.advance(6 * DAY);
    await run("reviews.endStage");
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "open" });
    clock.advance(2 * DAY);
    const r = await run("reviews.endStage");
    expect(r.summary).toContain("Review endstage #1 closed");
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "closed", closedById: null });
    expect(await db.identity.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "suspended" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: a.id, action: "identity.setStatus" } });
    expect(audit).toMatchObject({ actorType: "system", actorLabel: "system:job:reviews.endStage" });
  });

  it("launches a recurring campaign's next run once, waiting while the previous one is open", async () => {
    clock.set("2027-02-01T09:00:00Z");
    await makeIdentity(db, { tag: "recurring", ownerId: owner.userId });
    const { campaignId, runId } = await launchTagged(db, clock, admin, "recurring", {
      recurrence: "monthly",
      durationDays: 14,
      graceDays: 7,
    });
    const nextRunAt = (await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).nextRunAt!;
    expect(nextRunAt.toISOString()).toBe("2027-03-01T09:00:00.000Z");
    clock.set("2027-03-01T09:00:30Z");
    // The first run is still open (nobody closed it): the next one waits.
    await db.reviewRun.update({ where: { id: runId }, data: { endsAt: new Date("2027-03-05T00:00:00Z") } });
    const waiting = await run("reviews.launchDue");
    expect(waiting.summary).toMatch(/waiting: Review recurring: #1 is still open/);
    expect(await db.reviewRun.count({ where: { campaignId } })).toBe(1);
    await closeRun({ actor: admin, db, clock, input: { runId } });
    clock.advance(60_000);
    const launched = await run("reviews.launchDue");
    expect(launched.summary).toMatch(/launched Review recurring #2/);
    expect((await run("reviews.launchDue")).idle).toBe(true);
    const runs = await db.reviewRun.findMany({ where: { campaignId }, orderBy: { number: "asc" } });
    expect(runs.map((r) => [r.number, r.trigger])).toEqual([
      [1, "manual"],
      [2, "schedule"],
    ]);
    expect((await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).nextRunAt?.toISOString()).toBe(
      "2027-04-01T09:00:00.000Z",
    );
    expect(await db.auditEvent.count({ where: { action: "review.launch", targetId: runs[1]!.id, actorType: "system" } })).toBe(1);
  });
});
