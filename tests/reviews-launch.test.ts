import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { previewCampaign } from "@/lib/domain/reviews/launch/preview-campaign";
import { getMyWork } from "@/lib/domain/notifications/my-work";
import { DomainError } from "@/lib/domain/shared/errors";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner: UserActor;
let backup: UserActor;
let fallback: UserActor;
let departed: UserActor;
let auditor: UserActor;

const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  backup = await makeUser(db, ["member"]);
  fallback = await makeUser(db, ["approver"]);
  departed = await makeUser(db, ["member"], { status: "deactivated" });
  auditor = await makeUser(db, ["auditor"]);
});
afterAll(() => database.close());

const expectError = async (p: Promise<unknown>, code: string, field?: string) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (field) expect(Object.keys((error as DomainError).fieldErrors ?? {})).toContain(field);
};

describe("campaign definition", () => {
  it("names the field and the problem for each rule it breaks, and stores nothing", async () => {
    const before = await db.reviewCampaign.count();
    const define = (input: Record<string, unknown>) => createCampaign({ actor: admin, db, clock, input: { name: "Q", ...input } });
    await expectError(define({ durationDays: 91 }), "VALIDATION", "durationDays");
    await expectError(define({ durationDays: 0 }), "VALIDATION", "durationDays");
    await expectError(define({ reminderDays: [20], durationDays: 14 }), "VALIDATION", "reminderDays");
    await expectError(define({ escalationDays: [3, 2] }), "VALIDATION", "escalationDays");
    await expectError(define({ secondStageItems: "revoked" }), "VALIDATION", "secondStageReviewerIds");
    await expectError(define({ recurrence: "monthly", durationDays: 30 }), "VALIDATION", "durationDays");
    await expectError(define({ recurrence: "cron" }), "VALIDATION", "cron");
    await expectError(define({ recurrence: "cron", cron: "0 9 * * *" }), "VALIDATION", "cron");
    await expectError(define({ nonResponseAction: "delete" }), "VALIDATION", "nonResponseAction");
    await expectError(define({ scope: { environment: "moon" } }), "VALIDATION", "scope.environment");
    await expectError(define({ fallbackReviewerIds: [auditor.userId] }), "VALIDATION", "fallbackReviewerIds.0");
    await expectError(define({ fallbackReviewerIds: [departed.userId] }), "VALIDATION", "fallbackReviewerIds.0");
    expect(await db.reviewCampaign.count()).toBe(before);
  });

  it("refuses people who are not admins, and tokens never define campaigns (recorded)", async () => {
    await expectError(createCampaign({ actor: owner, db, clock, input: { name: "Mine" } }), "FORBIDDEN");
    const refusal = await db.auditEvent.findFirst({ where: { action: "review.manage", actorId: owner.userId, outcome: "denied" } });
    expect(refusal).not.toBeNull();
  });
});

describe("reviewer rule", () => {
  it("takes the owner, then the backup owner, then the first active fallback, then the campaign owner; the preview says who and why", async () => {
    const tag = "rule";
    const a = await makeIdentity(db, { tag, ownerId: owner.userId });
    const b = await makeIdentity(db, { tag, ownerId: departed.userId, backupOwnerId: backup.userId });
    const c = await makeIdentity(db, { tag, ownerId: departed.userId });
    const d = await makeIdentity(db, { tag, ownerId: null });
    const e = await makeIdentity(db, { tag, ownerId: auditor.userId });
    const fields = { fallbackReviewerIds: [fallback.userId] };

    const preview = await previewCampaign({ actor: admin, db, clock, input: { campaign: { name: "R", scope: { tag }, ...fields } } });
    expect(preview.items).toBe(5);
    expect(preview.byRung).toEqual({ owner: 1, backup_owner: 1, fallback: 3 });
    expect(preview.ownerSkipped).toEqual({ missing: 1, deactivated: 2, not_eligible: 1 });
    expect(preview.noReviewer).toBe(0);
    // Most items first.
    expect(preview.reviewers[0]).toMatchObject({ reviewerId: fallback.userId, items: 3, rungs: { fallback: 3 } });
    expect(new Map(preview.reviewers.map((r) => [r.reviewerId, r.items]))).toEqual(
      new Map([
        [fallback.userId, 3],
        [backup.userId, 1],
        [owner.userId, 1],
      ]),
    );
    expect(await db.reviewRun.count()).toBe(0);

    const { runId, itemCount } = await launchTagged(db, clock, admin, tag, fields);
    expect(itemCount).toBe(5);
    const items = await db.reviewItem.findMany({ where: { runId } });
    const by = (id: string) => items.find((i) => i.identityId === id)!;
    expect([by(a.id).reviewerId, by(a.id).reviewerRung]).toEqual([owner.userId, "owner"]);
    expect([by(b.id).reviewerId, by(b.id).reviewerRung]).toEqual([backup.userId, "backup_owner"]);
    expect([by(c.id).reviewerId, by(c.id).reviewerRung]).toEqual([fallback.userId, "fallback"]);
    expect([by(d.id).reviewerId, by(d.id).reviewerRung]).toEqual([fallback.userId, "fallback"]);
    expect([by(e.id).reviewerId, by(e.id).reviewerRung]).toEqual([fallback.userId, "fallback"]);
  });

  it("with no backup and no fallback goes to the campaign owner; with none of them active, to nobody (said by the preview)", async () => {
    const tag = "rule-end";
    const x = await makeIdentity(db, { tag, ownerId: departed.userId });
    const { runId } = await launchTagged(db, clock, admin, tag);
    const item = await db.reviewItem.findFirstOrThrow({ where: { runId, identityId: x.id } });
    expect([item.reviewerId, item.reviewerRung]).toEqual([admin.userId, "campaign_owner"]);

    const preview = await previewCampaign({
      actor: admin,
      db,
      clock,
      input: { campaign: { name: "R", scope: { tag }, ownerId: departed.userId } },
    });
    expect(preview).toMatchObject({ items: 1, noReviewer: 1, byRung: { none: 1 } });
  });
});

describe("launch snapshot", () => {
  it("copies every identity and scope as they are, with risks and a recommendation in words; later edits leave it alone", async () => {
    const tag = "snap";
    const unused = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      credential: { issuedAt: ago(400), lastUsedAt: ago(142), expiresAt: new Date(clock.now().getTime() + 100 * DAY) },
      scopes: [
        { resource: "payments-db", level: "admin" },
        { resource: "reports", level: "read", environment: "staging" },
      ],
    });
    const fresh = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      credential: { type: "short_lived_token", issuedAt: ago(3), lastUsedAt: ago(1.5), expiresAt: new Date(clock.now().getTime() + DAY) },
    });
    const forever = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      vendor: "Acme SaaS",
      credential: { issuedAt: ago(10), lastUsedAt: ago(0.2), expiresAt: null },
      scopes: [{ resource: "s3", action: "s3:*", level: "write" }],
    });
    const { runId } = await launchTagged(db, clock, admin, tag, { recurrence: "quarterly" });
    const items = await db.reviewItem.findMany({ where: { runId }, include: { scopes: true } });
    const by = (id: string) => items.find((i) => i.identityId === id)!;

    expect(by(unused.id)).toMatchObject({ recommendation: "revoke", recommendationReason: "revoke: unused for 142 days" });
    expect(by(unused.id).risks).toEqual(expect.arrayContaining(["privileged_production", "unused", "not_rotated"]));
    expect(
      by(unused.id)
        .scopes.map((s) => [s.resource, s.level, s.risky])
        .sort(),
    ).toEqual([
      ["payments-db", "admin", true],
      ["reports", "read", false],
    ]);
    expect(by(fresh.id)).toMatchObject({ recommendation: "keep", recommendationReason: "keep: used yesterday", risks: [] });
    expect(by(forever.id)).toMatchObject({ recommendation: "shorten", recommendationReason: "shorten: its credential never expires" });
    expect(by(forever.id).risks).toEqual(expect.arrayContaining(["never_expires", "third_party", "wildcard", "privileged_production"]));

    // The registry moves on; the snapshot does not.
    await db.identity.update({ where: { id: unused.id }, data: { purpose: "Something else", ownerId: backup.userId } });
    await db.entitlement.deleteMany({ where: { identityId: unused.id } });
    const again = await db.reviewItem.findFirstOrThrow({ where: { runId, identityId: unused.id }, include: { scopes: true } });
    expect(again.purpose).toBe(`Runs the ${tag} jobs`);
    expect(again.ownerId).toBe(owner.userId);
    expect(again.scopes).toHaveLength(2);

    const run = await db.reviewRun.findUniqueOrThrow({ where: { id: runId }, include: { campaign: true } });
    expect(run).toMatchObject({ number: 1, itemCount: 3, status: "open", trigger: "manual" });
    expect(run.dueAt.getTime() - run.launchedAt.getTime()).toBe(14 * DAY);
    expect(run.endsAt.getTime() - run.dueAt.getTime()).toBe(7 * DAY);
    expect(run.campaign.nextRunAt?.toISOString()).toBe("2027-02-24T09:00:00.000Z");

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "review.launch", targetId: runId } });
    expect(audit.after).toMatchObject({ items: 3, reviewers: 1, noReviewer: 0 });
    const notices = await db.outboxEvent.findMany({ where: { type: "review.assigned" } });
    const notice = notices
      .map((n) => n.payload as { dedupeKey: string; title: string; recipients: string[] })
      .find((p) => p.dedupeKey === `review:${runId}:assigned`);
    expect(notice).toMatchObject({ title: "3 identities to review in Review snap #1, due 2026-12-08", recipients: [owner.userId] });
  });

  it("refuses a second run while one is open", async () => {
    const tag = "overlap";
    await makeIdentity(db, { tag, ownerId: owner.userId });
    const { campaignId } = await launchTagged(db, clock, admin, tag);
    await expectError(launchCampaign({ actor: admin, db, clock, input: { campaignId } }), "CONFLICT");
  });
});

describe("My work", () => {
  it("shows the reviewer each open run with items waiting, and an auditor no review card", async () => {
    const reviewer = await makeUser(db, ["member"]);
    const tag = "mywork";
    await makeIdentity(db, { tag, ownerId: reviewer.userId });
    await makeIdentity(db, { tag, ownerId: reviewer.userId });
    const { runId } = await launchTagged(db, clock, admin, tag);
    const mine = await getMyWork({ actor: reviewer, db, clock, input: {} });
    expect(mine.reviews).toEqual([
      { runId, name: "Review mywork #1", undecided: 2, total: 2, dueAt: "2026-12-08T09:00:00.000Z", overdue: false },
    ]);
    await db.reviewItem.updateMany({ where: { runId }, data: { decision: "certify", decidedAt: clock.now() } });
    expect((await getMyWork({ actor: reviewer, db, clock, input: {} })).reviews?.[0]).toMatchObject({ undecided: 0, total: 2 });
    expect((await getMyWork({ actor: auditor, db, clock, input: {} })).reviews).toBeNull();
  });
});
