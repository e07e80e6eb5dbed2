import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { archiveCampaign } from "@/lib/domain/reviews/campaigns/archive-campaign";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { getCampaign } from "@/lib/domain/reviews/campaigns/get-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { listCampaigns } from "@/lib/domain/reviews/campaigns/list-campaigns";
import { updateCampaign } from "@/lib/domain/reviews/campaigns/update-campaign";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { identityReviewHistory } from "@/lib/domain/reviews/history/identity-review-history";
import { previewCampaign } from "@/lib/domain/reviews/launch/preview-campaign";
import { listRunItems } from "@/lib/domain/reviews/progress/list-run-items";
import { runProgress } from "@/lib/domain/reviews/progress/run-progress";
import { runSettings } from "@/lib/domain/reviews/run-settings";
import { DomainError } from "@/lib/domain/shared/errors";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner1: UserActor;
let owner2: UserActor;
let auditor: UserActor;
let member: UserActor;
let campaignId: string;
let runId: string;
const ids: string[] = [];

const expectError = async (p: Promise<unknown>, code: string, field?: string) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (field) expect(Object.keys((error as DomainError).fieldErrors ?? {})).toContain(field);
};

/** Decides an item the way decide-item.ts leaves it (the columns only; the engine's use-case is tested on its own). */
async function decide(identityId: string, by: UserActor, decision: string, reason: string | null = null) {
  const item = await db.reviewItem.findFirstOrThrow({ where: { runId, identityId } });
  await db.reviewItem.update({
    where: { id: item.id },
    data: { decision, decisionReason: reason, decidedById: by.userId, decidedAt: clock.now(), version: { increment: 1 } },
  });
  return item;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner1 = await makeUser(db, ["member"]);
  owner2 = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
  member = await makeUser(db, ["member"]);
  for (const ownerId of [owner1.userId, owner1.userId, owner1.userId, owner2.userId, owner2.userId]) {
    const identity = await makeIdentity(db, {
      tag: "prog",
      ownerId,
      scopes: [
        { resource: "s3:orders", level: "write", environment: "production" },
        { resource: "s3:logs", level: "read" },
      ],
    });
    ids.push(identity.id);
  }
  ({ campaignId, runId } = await launchTagged(db, clock, admin, "prog"));
});
afterAll(() => database.close());

describe("run progress", () => {
  it("counts decided and undecided items per decision, outcome, remediation and reviewer, in one pass", async () => {
    await decide(ids[0]!, owner1, "certify");
    const suspended = await decide(ids[1]!, owner1, "suspend", "Nobody uses it any more");
    await db.reviewItem.update({
      where: { id: suspended.id },
      data: { outcome: "suspended", remediationStatus: "open", appliedAt: clock.now() },
    });
    await db.reviewItemScope.updateMany({ where: { itemId: suspended.id, resource: "s3:orders" }, data: { decision: "revoke" } });

    const p = await runProgress({ actor: admin, db, clock, input: { runId } });
    expect(p).toMatchObject({ total: 5, decided: 2, undecided: 3, overdueReviewers: 0 });
    expect(p.byDecision).toEqual({ certify: 1, suspend: 1, undecided: 3 });
    expect(p.byOutcome).toEqual({ suspended: 1, pending: 4 });
    expect(p.byRemediation).toEqual({ open: 1, not_needed: 4 });
    expect(p.byScopeDecision).toEqual({ revoke: 1, undecided: 9 });
    expect(p.byStage).toEqual({ "1": 5 });
    expect(Object.values(p.byRecommendation).reduce((a, b) => a + b, 0)).toBe(5);
    const byReviewer = Object.fromEntries(p.reviewers.map((r) => [r.reviewer?.id ?? "none", r]));
    expect(byReviewer[owner1.userId]).toMatchObject({ total: 3, decided: 2, undecided: 1, overdue: false });
    expect(byReviewer[owner2.userId]).toMatchObject({ total: 2, decided: 0, undecided: 2, overdue: false });
    expect(p.reviewers[0]!.reviewer!.id).toBe(owner2.userId); // most undecided first
    expect(p.run).toMatchObject({ campaignId, number: 1, status: "open", overdue: false, launchedBy: { id: admin.userId } });
  });

  it("flags the reviewers who still have undecided items once the due date has passed, and only them", async () => {
    clock.advance(15 * DAY);
    try {
      let p = await runProgress({ actor: auditor, db, clock, input: { runId } });
      expect(p.run.overdue).toBe(true);
      expect(p.overdueReviewers).toBe(2);
      await decide(ids[2]!, owner1, "certify");
      p = await runProgress({ actor: auditor, db, clock, input: { runId } });
      const overdue = p.reviewers.filter((r) => r.overdue).map((r) => r.reviewer?.id);
      expect(overdue).toEqual([owner2.userId]);
    } finally {
      clock.advance(-15 * DAY);
    }
  });

  it("lists the run's items a page at a time, filtered by reviewer, decision, outcome, remediation, risk and text", async () => {
    const list = (input: Record<string, unknown>) => listRunItems({ actor: auditor, db, clock, input: { runId, ...input } });
    expect((await list({})).total).toBe(5);
    expect((await list({ reviewer: owner2.userId })).total).toBe(2);
    expect((await list({ decided: "yes" })).total).toBe(3);
    expect((await list({ decided: "no" })).total).toBe(2);
    const suspended = await list({ decision: "suspend" });
    expect(suspended.items.map((i) => i.identityId)).toEqual([ids[1]]);
    expect(suspended.items[0]).toMatchObject({
      decisionReason: "Nobody uses it any more",
      decidedBy: { id: owner1.userId },
      scopes: { revoke: 1, undecided: 1 },
    });
    expect((await list({ outcome: "suspended" })).total).toBe(1);
    expect((await list({ outcome: "pending" })).total).toBe(4);
    expect((await list({ remediation: "open" })).total).toBe(1);
    expect((await list({ risk: "privileged_production" })).total).toBe(5);
    const name = (await db.identity.findUniqueOrThrow({ where: { id: ids[3]! } })).name;
    expect((await list({ q: name })).items.map((i) => i.identityId)).toEqual([ids[3]]);
    expect((await list({ q: "100%_" })).total).toBe(0);
    await expectError(list({ decision: "delete" }), "VALIDATION", "decision");
  });

  it("lists campaigns with their latest run's progress, filtered by status and recurrence", async () => {
    const page = await listCampaigns({ actor: auditor, db, clock, input: { status: "active" } });
    const mine = page.campaigns.find((c) => c.id === campaignId)!;
    expect(mine.latestRun).toMatchObject({ id: runId, itemCount: 5, decided: 3, status: "open" });
    expect(mine.scopeInWords).toContain("tagged prog");
    expect((await listCampaigns({ actor: auditor, db, clock, input: { recurrence: "monthly" } })).campaigns.map((c) => c.id)).not.toContain(
      campaignId,
    );
    const detail = await getCampaign({ actor: auditor, db, clock, input: { campaignId } });
    expect(detail.runs.map((r) => r.id)).toEqual([runId]);
    expect(detail.owner?.id).toBe(admin.userId);
  });
});

describe("an identity's review history", () => {
  it("lists every review of the identity across campaigns, newest first; a decision under way only to campaign readers and its reviewers", async () => {
    clock.advance(DAY);
    const second = await launchTagged(db, clock, admin, "prog", { name: "Second look" });
    clock.advance(-DAY);
    // A member who reviews none of it sees the closed runs only: a decision under way is its reviewer's until the close.
    const asMember = () => identityReviewHistory({ actor: member, db, clock, input: { identityId: ids[1]! } });
    expect((await asMember()).total).toBe(0);
    // Its reviewer sees the item they are deciding.
    const mine = await identityReviewHistory({ actor: owner1, db, clock, input: { identityId: ids[1]! } });
    expect(mine.reviews.map((r) => r.runId)).toContain(runId);
    // Once the run is closed, the outcome is the identity's history for every registry reader.
    await db.reviewRun.update({ where: { id: runId }, data: { status: "closed" } });
    expect((await asMember()).reviews.map((r) => r.runId)).toEqual([runId]);
    await db.reviewRun.update({ where: { id: runId }, data: { status: "open" } });
    const history = await identityReviewHistory({ actor: admin, db, clock, input: { identityId: ids[1]! } });
    expect(history.total).toBe(2);
    expect(history.reviews.map((r) => r.runId)).toEqual([second.runId, runId]);
    expect(history.reviews[1]).toMatchObject({
      campaignId,
      campaignName: "Review prog",
      runNumber: 1,
      decision: "suspend",
      decisionReason: "Nobody uses it any more",
      outcome: "suspended",
      remediationStatus: "open",
      reviewer: { id: owner1.userId },
    });
    expect(history.reviews[0]).toMatchObject({ campaignName: "Second look", decision: null });
  });
});

describe("changing and archiving a campaign", () => {
  it("records what changed before and after, and never touches the run under way", async () => {
    const { version } = await getCampaign({ actor: admin, db, clock, input: { campaignId } });
    const result = await updateCampaign({
      actor: admin,
      db,
      clock,
      input: { campaignId, expectedVersion: version, name: "Review prog (weekly owners)", durationDays: 10, reminderDays: [3] },
    });
    expect(result.changed.sort()).toEqual(["durationDays", "name", "reminderDays"]);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "review.manage", targetId: campaignId },
      orderBy: { seq: "desc" },
    });
    expect(event.before).toEqual({ name: "Review prog", durationDays: 14, reminderDays: [7, 1] });
    expect(event.after).toEqual({ name: "Review prog (weekly owners)", durationDays: 10, reminderDays: [3] });
    const run = await db.reviewRun.findUniqueOrThrow({ where: { id: runId } });
    expect(runSettings(run)).toMatchObject({ durationDays: 14, reminderDays: [7, 1], campaignName: "Review prog" });
    const stored = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(stored).toMatchObject({ durationDays: 10, graceDays: 7, description: "", version: version + 1 });
  });

  it("refuses a stale version, and a change that breaks a rule, naming the field", async () => {
    await expectError(updateCampaign({ actor: admin, db, clock, input: { campaignId, expectedVersion: 1, name: "Stale" } }), "CONFLICT");
    await expectError(updateCampaign({ actor: admin, db, clock, input: { campaignId, reminderDays: [12] } }), "VALIDATION", "reminderDays");
    await expectError(
      updateCampaign({ actor: admin, db, clock, input: { campaignId, scope: { environment: "moon" } } }),
      "VALIDATION",
      "scope.environment",
    );
    await expectError(
      updateCampaign({ actor: admin, db, clock, input: { campaignId, fallbackReviewerIds: [auditor.userId] } }),
      "VALIDATION",
      "fallbackReviewerIds.0",
    );
    expect((await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).name).toBe("Review prog (weekly owners)");
  });

  it("archives (audited): no further runs, no further changes; the open run and its evidence stay", async () => {
    await archiveCampaign({ actor: admin, db, clock, input: { campaignId, reason: "Replaced by the quarterly review" } });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "review.manage", targetId: campaignId },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({
      reason: "Replaced by the quarterly review",
      before: { status: "active", nextRunAt: null },
      after: { status: "archived", nextRunAt: null },
    });
    await expectError(updateCampaign({ actor: admin, db, clock, input: { campaignId, name: "Again" } }), "CONFLICT");
    await expectError(archiveCampaign({ actor: admin, db, clock, input: { campaignId } }), "CONFLICT");
    expect((await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("open");
    expect((await listCampaigns({ actor: admin, db, clock, input: { status: "archived" } })).campaigns.map((c) => c.id)).toContain(
      campaignId,
    );
  });
});

describe("auditors read everything and change nothing", () => {
  it("may read campaigns, progress, items and histories", async () => {
    await expect(listCampaigns({ actor: auditor, db, clock, input: {} })).resolves.toBeTruthy();
    await expect(getCampaign({ actor: auditor, db, clock, input: { campaignId } })).resolves.toBeTruthy();
    await expect(runProgress({ actor: auditor, db, clock, input: { runId } })).resolves.toBeTruthy();
    await expect(listRunItems({ actor: auditor, db, clock, input: { runId } })).resolves.toBeTruthy();
    await expect(identityReviewHistory({ actor: auditor, db, clock, input: { identityId: ids[0]! } })).resolves.toBeTruthy();
  });

  it("is refused every change, each refusal recorded under its action", async () => {
    const other = await createCampaign({ actor: admin, db, clock, input: { name: "Auditor target", scope: { tag: "prog" } } });
    const attempts: [string, () => Promise<unknown>][] = [
      ["review.manage", () => createCampaign({ actor: auditor, db, clock, input: { name: "Mine" } })],
      ["review.manage", () => updateCampaign({ actor: auditor, db, clock, input: { campaignId: other.id, name: "Mine" } })],
      ["review.manage", () => archiveCampaign({ actor: auditor, db, clock, input: { campaignId: other.id } })],
      ["review.preview", () => previewCampaign({ actor: auditor, db, clock, input: { campaign: { name: "Mine" } } })],
      ["review.launch", () => launchCampaign({ actor: auditor, db, clock, input: { campaignId: other.id } })],
      ["review.close", () => closeRun({ actor: auditor, db, clock, input: { runId } })],
    ];
    for (const [action, attempt] of attempts) {
      await expectError(attempt(), "FORBIDDEN");
      const refusal = await db.auditEvent.findFirst({ where: { action, actorId: auditor.userId, outcome: "denied" } });
      expect(refusal, action).not.toBeNull();
    }
    expect(await db.reviewRun.count({ where: { campaignId: other.id } })).toBe(0);
    expect((await db.reviewCampaign.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("Auditor target");
  });

  it("members (reviewers) do not see campaigns or progress: refused and recorded", async () => {
    await expectError(listCampaigns({ actor: member, db, clock, input: {} }), "FORBIDDEN");
    await expectError(runProgress({ actor: member, db, clock, input: { runId } }), "FORBIDDEN");
    expect(await db.auditEvent.count({ where: { action: "review.list", actorId: member.userId, outcome: "denied" } })).toBe(2);
  });
});
